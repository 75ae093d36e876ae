using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>Running order numbers: sales orders <c>SO-0000001</c> and return orders <c>RO-0000001</c>.</summary>
internal sealed class OrderNumbers
{
    public const string SalesPrefix = "SO-";
    public const string ReturnPrefix = "RO-";
    private long sales;
    private long returns;

    public string Next(bool isReturn) => isReturn
        ? string.Create(CultureInfo.InvariantCulture, $"{ReturnPrefix}{++returns:D7}")
        : string.Create(CultureInfo.InvariantCulture, $"{SalesPrefix}{++sales:D7}");
}
