using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class OrderStatisticTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1000)]
    [InlineData(3, 5000)]
    public void Select_EveryRank_TheValueAFullSortPutsThere(int seed, int count)
    {
        // Few distinct values (duplicate customers) and many alike: both must land where Array.Sort puts them.
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => random.Next(4) == 0 ? 0.5 : Math.Round(random.NextDouble() * 20, 1)).ToArray();
        var sorted = values.Order().ToArray();

        foreach (var rank in new[] { 0, count / 3, count / 2, count - 1 })
        {
            Assert.Equal(sorted[rank], OrderStatistic.Select(values.ToArray(), rank));
        }
    }

    [Fact]
    public void Select_SortedAndAllAlike_NoQuadraticFallbackNeededForTheAnswer()
    {
        var ascending = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        var alike = Enumerable.Repeat(3.0, 100_000).ToArray();

        Assert.Equal(71_234.0, OrderStatistic.Select(ascending.Reverse().ToArray(), 71_234));
        Assert.Equal(3.0, OrderStatistic.Select(alike, 99_999));
    }
}
