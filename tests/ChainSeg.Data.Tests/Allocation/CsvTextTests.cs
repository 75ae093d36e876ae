using ChainSeg.Data.Allocation;

namespace ChainSeg.Data.Tests.Allocation;

public sealed class CsvTextTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Write_NegativeZeroAndFieldsToQuote_ReadAsASpreadsheetExpects()
    {
        // A fill ratio of -1e-13 rounded to 4 decimals is -0, which allocation_segments.csv wrote as "-0"; text with a
        // comma or quote is quoted (RFC 4180); a non-finite number is empty.
        var path = Path.Combine(_folder.Sub("csv"), "t.csv");

        CsvText.Write(path, ["segment", "fill", "note"], [["AX", Math.Round(-1e-13, 4), "a, \"b\""], ["BZ", double.NaN, null]]);

        Assert.Equal("segment,fill,note\nAX,0,\"a, \"\"b\"\"\"\nBZ,,\n", File.ReadAllText(path));
    }

    public void Dispose() => _folder.Dispose();
}
