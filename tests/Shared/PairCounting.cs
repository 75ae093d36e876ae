namespace ChainSeg.Tests.Shared;

/// <summary>Test-side reference computations, independent of the product's stability code.</summary>
internal static class PairCounting
{
    /// <summary>Adjusted Rand index of two labelings (Hubert &amp; Arabie 1985), by pair counting over the contingency table.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        static double Pairs(long n) => n * (n - 1) / 2.0;
        var index = a.Zip(b).GroupBy(p => p).Sum(g => Pairs(g.Count()));
        var rows = a.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        var columns = b.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        var expected = rows * columns / Pairs(a.Count);
        return (index - expected) / ((rows + columns) / 2 - expected);
    }
}
