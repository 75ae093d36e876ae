using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>The forms a customer's id takes in different exports.</summary>
internal enum CrmIdForm : byte
{
    /// <summary>Master form, <c>C-00012</c>.</summary>
    Master,

    /// <summary>Lower case, no separator, trailing space: <c>c00012 </c>.</summary>
    LowerWithTrailingSpace,

    /// <summary>No separator: <c>C00012</c>.</summary>
    WithoutSeparator,

    /// <summary>Bare number: <c>12</c>.</summary>
    BareNumber,
}

/// <summary>
/// Customer ids per source system. Master ids are CRM ids (<c>C-00012</c>, at least five digits);
/// ERP and TMS number customers their own way and reach the master id only through id_crosswalk.csv.
/// Customer numbers are 1-based (customer index + 1).
/// </summary>
internal static class CustomerIdentity
{
    public const string Crm = "CRM";
    public const string Erp = "ERP";
    public const string Tms = "TMS";

    // Numbers no customer has: far above the largest customer count.
    private const long UnknownCrmBase = 90_000_000;
    private const long UnknownErpBase = 99_000_000;
    private const long ErpOffset = 700_000;

    public static string Master(long number) => string.Create(CultureInfo.InvariantCulture, $"C-{number:D5}");

    public static string ErpId(long number) => (ErpOffset + number).ToString(CultureInfo.InvariantCulture);

    public static string TmsId(long number) => string.Create(CultureInfo.InvariantCulture, $"TMS{number:D7}");

    public static string CrmNoisy(long number, CrmIdForm form) => form switch
    {
        CrmIdForm.Master => Master(number),
        CrmIdForm.LowerWithTrailingSpace => string.Create(CultureInfo.InvariantCulture, $"c{number:D5} "),
        CrmIdForm.WithoutSeparator => string.Create(CultureInfo.InvariantCulture, $"C{number:D5}"),
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Master form 55 %, each noisy form 15 %.</summary>
    public static CrmIdForm DrawForm(Random random)
    {
        var u = random.NextDouble();
        return u < 0.55 ? CrmIdForm.Master : (CrmIdForm)(1 + (int)((u - 0.55) / 0.15));
    }

    public static string UnknownCrm(long k) => Master(UnknownCrmBase + k);

    public static string UnknownErp(long k) => ErpId(UnknownErpBase + k);
}
