using System.Globalization;
using ChainSeg.Core.Allocation;
using ChainSeg.Data.Allocation;

namespace ChainSeg.Data.Tests.Allocation;

public sealed class AllocationLinesFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Three tier-1 lines of one unit sharing 2 units get 2/3 each; written each to six decimals, 0.666667, the file's lines
    // summed to 2.000001, more than the stock point holds (a planner's Σ allocated beside the supply). The written figures
    // still sum to the units allocated, each within a millionth of its share.
    [Theory]
    [InlineData(2, 3)]
    [InlineData(5, 7)]
    [InlineData(1, 3)]
    public void Write_FractionalShares_LinesSumToTheAllocatedSupply(double supply, int lines)
    {
        var open = Enumerable.Range(1, lines).Select(i => new OpenOrderLine($"L{i}", $"C{i}", "A", "X", 1)).ToList();
        var result = ShortageAllocator.Allocate(open, [new SkuSupply("X", supply)], new ShortageRules([new SegmentShortageRule("A", 1)]));
        var folder = _folder.Sub("shortage");

        ShortageAllocation.Write(result, folder);

        var written = CsvFile.ReadRecords(Path.Combine(folder, "allocation_lines.csv")).Select(l => decimal.Parse(l["allocated"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal((decimal)supply, written.Sum());
        var share = (decimal)supply / lines;
        Assert.All(written, w => Assert.True(Math.Abs(w - share) < 0.000001m, $"{w} is not within a millionth of {share}"));
    }

    public void Dispose() => _folder.Dispose();
}
