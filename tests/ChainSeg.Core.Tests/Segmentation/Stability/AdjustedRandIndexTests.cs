using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class AdjustedRandIndexTests
{
    // scikit-learn documentation, sklearn.metrics.adjusted_rand_score, "Examples" section
    // (https://scikit-learn.org/stable/modules/generated/sklearn.metrics.adjusted_rand_score.html):
    // identical or relabelled partitions score 1.0; ([0,0,1,2], [0,0,1,1]) scores 0.57… in either order.
    // By hand for the latter: pairs together in both = 1, row pairs = 1, column pairs = 2, all pairs = 6,
    // expected = 1·2/6 = 1/3, max = 3/2, ARI = (1 − 1/3)/(3/2 − 1/3) = 4/7 = 0.571428…
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 1 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 4.0 / 7.0)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 4.0 / 7.0)]
    public void Compute_ScikitLearnDocumentedExamples_MatchPublishedValues(int[] first, int[] second, double expected)
    {
        Assert.Equal(expected, AdjustedRandIndex.Compute(first, second), 12);
    }

    // The same published cases as a contingency table (rows: first labels, columns: second labels), and random
    // labelings (seeded) against the per-item path, which counts through a dictionary of label pairs instead.
    [Fact]
    public void FromContingency_SameAsPerItemLabels()
    {
        Assert.Equal(4.0 / 7.0, AdjustedRandIndex.FromContingency(new[,] { { 2, 0 }, { 0, 1 }, { 0, 1 } }), 12);
        Assert.Equal(1.0, AdjustedRandIndex.FromContingency(new[,] { { 0, 2 }, { 2, 0 } }));
        Assert.Equal(-0.5, AdjustedRandIndex.FromContingency(new[,] { { 1, 1 }, { 1, 1 } }), 12);
        var random = new Random(20261201);
        for (var trial = 0; trial < 20; trial++)
        {
            var first = Enumerable.Range(0, 500).Select(_ => random.Next(4)).ToArray();
            var second = first.Select(a => random.NextDouble() < 0.7 ? a : random.Next(6)).ToArray();
            var table = new int[4, 6];
            for (var i = 0; i < first.Length; i++)
                table[first[i], second[i]]++;
            Assert.Equal(AdjustedRandIndex.Compute(first, second), AdjustedRandIndex.FromContingency(table));
        }
    }

    // scikit-learn documentation (same page, as quoted in the indexed copy): splitting one class into singletons
    // scores 0.0. By hand: no pair is together in the second labeling, so the index and its expectation are both 0.
    [Fact]
    public void Compute_OneClassSplitIntoSingletons_IsZero()
    {
        Assert.Equal(0.0, AdjustedRandIndex.Compute(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }), 12);
    }

    // Hubert & Arabie's index is negative when agreement is below chance. By hand for ([0,0,1,1], [0,1,0,1]):
    // together in both = 0, row pairs = 2, column pairs = 2, expected = 4/6, max = 2, ARI = −(2/3)/(4/3) = −0.5.
    [Fact]
    public void Compute_CrossedPartitions_IsMinusOneHalf()
    {
        Assert.Equal(-0.5, AdjustedRandIndex.Compute(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 0, 1 }), 12);
    }

    [Fact]
    public void Compute_StringLabels_SameAsIntegerLabels()
    {
        var text = AdjustedRandIndex.Compute(new[] { "A", "A", "B", "C" }, new[] { "x", "x", "y", "y" });

        Assert.Equal(4.0 / 7.0, text, 12);
    }

    [Fact]
    public void Compute_BothAllInOneGroup_IsOne()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute(new[] { 1, 1, 1 }, new[] { 5, 5, 5 }));
    }

    [Fact]
    public void Compute_SingleItem_IsOne()
    {
        Assert.Equal(1.0, AdjustedRandIndex.Compute(new[] { 1 }, new[] { 2 }));
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute(new[] { 1, 2 }, new[] { 1 }));
    }

    [Fact]
    public void Compute_CustomerMaps_UsesOnlyCustomersInBoth()
    {
        var before = new Dictionary<string, string> { ["c1"] = "A", ["c2"] = "A", ["c3"] = "B", ["c4"] = "C", ["gone"] = "A" };
        var after = new Dictionary<string, string> { ["c4"] = "y", ["c3"] = "y", ["c2"] = "x", ["c1"] = "x", ["new"] = "z" };

        Assert.Equal(4.0 / 7.0, AdjustedRandIndex.Compute(before, after), 12);
    }

    [Fact]
    public void Compute_CustomerMapsWithoutOverlap_Throws()
    {
        var before = new Dictionary<string, string> { ["a"] = "A" };
        var after = new Dictionary<string, string> { ["b"] = "A" };

        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute(before, after));
    }
}
