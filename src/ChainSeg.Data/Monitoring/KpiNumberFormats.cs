using ChainSeg.Core.Monitoring;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Monitoring;

/// <summary>
/// chainseg.xlsx's number formats: KPI figures each cell by its row's KPI, as the <c>value</c> column of KPIs by segment
/// and Alerts mixes rates, money and days row by row and no one column format fits it; the segment tables' money and
/// counts by column.
/// </summary>
public static class KpiNumberFormats
{
    /// <summary>Shares and ratios, in per cent.</summary>
    public const string Rate = "0.0%";

    /// <summary>Money, to the cent with thousands separators.</summary>
    public const string Money = "#,##0.00";

    /// <summary>Days, to a tenth.</summary>
    public const string Days = "0.0";

    /// <summary>Whole counts (customers), with thousands separators.</summary>
    public const string Count = "#,##0";

    /// <summary>A table column's shares and rates, in per cent to a hundredth.</summary>
    public const string Share = "0.00%";

    /// <summary>KPIs by segment: a row's value in its KPI's unit; numerator and denominator as money where they are sums of money, else General.</summary>
    public static CellNumberFormat KpiRows { get; } = (column, row) => column switch
    {
        "value" => Of(row),
        "numerator" or "denominator" => PartsOf(row),
        _ => null,
    };

    /// <summary>
    /// The amounts by column name, as the segment tables and the whale curve's figures name them (DEFINITIONS.md): each is
    /// formatted as <see cref="Money"/> and named with the reporting currency in its header.
    /// </summary>
    public static IReadOnlySet<string> MoneyColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "revenue", "cost_of_goods", "gross_margin", "cost_to_serve", "carrying_cost", "net_contribution", "cost",
        "total_net_contribution", "peak_net_contribution", "loss_amount",
    };

    /// <summary>A column's or figure's format by its name: money to the cent, customer counts (customers, loss_making_customers, customers_…) whole; null for others.</summary>
    public static string? ByName(string column) =>
        MoneyColumns.Contains(column) ? Money
        : column == "customers" || column.EndsWith("_customers", StringComparison.Ordinal) || column.StartsWith("customers_", StringComparison.Ordinal) ? Count
        : null;

    /// <summary>A table sheet's number columns by name (<see cref="ByName"/>), and <paramref name="shares"/> in per cent; others their own.</summary>
    public static CellNumberFormat Columns(IReadOnlyCollection<string>? shares = null) =>
        (column, _) => shares?.Contains(column) == true ? Share : ByName(column);

    /// <summary>Alerts: value, target, tolerance and previous_value in the KPI's unit, save a money drift's limit from a positive earlier value, a share of it.</summary>
    public static CellNumberFormat AlertRows { get; } = (column, row) => column switch
    {
        "value" or "target" or "previous_value" => Of(row),
        "tolerance" => row["kind"] as string == KpiAlerts.Drift && Of(row) == Money && Convert.ToDouble(row["previous_value"] ?? 0.0, System.Globalization.CultureInfo.InvariantCulture) > 0 ? Rate : Of(row),
        _ => null,
    };

    // A money KPI is its own sum; every ratio KPI divides two sums of money (margin or cost to serve by revenue, listed
    // revenue by list value). Shares and days divide order or unit counts and day sums, which need not be whole: General.
    private static string? PartsOf(IReadOnlyDictionary<string, object?> row) =>
        SegmentKpi.Named(row["kpi"] as string ?? "")?.Unit is KpiUnit.Money or KpiUnit.Ratio ? Money : null;

    private static string? Of(IReadOnlyDictionary<string, object?> row) => SegmentKpi.Named(row["kpi"] as string ?? "")?.Unit switch
    {
        null => null,
        KpiUnit.Money => Money,
        KpiUnit.Days => Days,
        _ => Rate,
    };
}
