using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ClusterNamingTests
{
    private static readonly string[] Dimensions = ["revenue", "orders_per_month", "demand_cv", "units_per_line"];

    [Fact]
    public void Name_TwoMostDistinctiveDimensions_NamedInOrderOfDistance()
    {
        double[][] centroids =
        [
            [2.0, 0.3, -1.0, 0.1],   // revenue +2.0, CV −1.0
            [-1.2, 0.1, 1.5, 0.0],   // CV +1.5, revenue −1.2
            [-0.6, 1.8, 0.2, -0.4],  // orders +1.8, revenue −0.6
            [0.1, -1.1, 0.0, 2.2],   // units/line +2.2, orders −1.1
        ];

        var names = ClusterNaming.Name(Dimensions, centroids);

        Assert.Equal(["high-volume steady", "erratic small", "frequent small", "bulk rare"], names);
    }

    [Fact]
    public void Name_TwoDimensionsOfOneMeasure_TakeTheWordOfTheMoreDistinctiveOnly()
    {
        // orders +1.5σ with orders_per_month −1.2σ (many orders over a long tenure, few a month) read "frequent rare", and
        // lines +1.4σ with lines_per_order −1.0σ "many-line single-line": words that contradict each other. The next
        // dimension of another measure gives the second word; a short gap between orders is "frequent", not "regular" (the
        // first and third so share a name, and the one further from the mean on its named dimensions reads "very").
        string[] dimensions = ["orders", "orders_per_month", "lines", "lines_per_order", "demand_cv", "mean_interorder_days"];
        double[][] centroids =
        [
            [1.5, -1.2, 0.0, 0.0, 0.8, 0.0],
            [0.0, 0.0, 1.4, -1.0, -0.7, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.9, -1.3],
        ];

        var names = ClusterNaming.Name(dimensions, centroids);

        Assert.Equal(["very frequent erratic", "many-line steady", "frequent erratic"], names);
    }

    [Fact]
    public void Name_NoDimensionBeyondHalfSigma_Typical()
    {
        var names = ClusterNaming.Name(Dimensions, [[0.4, -0.49, 0.0, 0.2], [3.0, 0.0, 0.0, 0.0]]);

        Assert.Equal(["typical", "high-volume"], names);
    }

    [Fact]
    public void Name_TwoClustersShareTopTerms_ThirdTermSeparatesThem()
    {
        double[][] centroids =
        [
            [2.0, 1.0, 0.6, 0.0],
            [2.0, 1.0, -0.6, 0.0],
        ];

        var names = ClusterNaming.Name(Dimensions, centroids);

        Assert.Equal(["high-volume frequent erratic", "high-volume frequent steady"], names);
    }

    [Fact]
    public void Name_SameWordsInOtherOrder_ThirdTermSeparatesThem()
    {
        // "high-volume frequent" and "frequent high-volume" would read as the same segment.
        double[][] centroids =
        [
            [2.0, 1.5, 0.0, 0.9],
            [1.5, 2.0, 0.0, -0.9],
        ];

        var names = ClusterNaming.Name(Dimensions, centroids);

        Assert.Equal(["high-volume frequent bulk", "frequent high-volume piece-pick"], names);
    }

    [Fact]
    public void Name_IdenticalCentroids_NumberedSuffixKeepsNamesUnique()
    {
        var names = ClusterNaming.Name(Dimensions, [[1.0, 0, 0, 0], [1.0, 0, 0, 0], [0.0, 0, 0, 0], [0.1, 0, 0, 0]]);

        Assert.Equal(["high-volume", "high-volume 2", "typical", "typical 2"], names);
    }

    [Fact]
    public void Name_SameWordsAtDifferentDistances_FurthestReadsVery()
    {
        var names = ClusterNaming.Name(Dimensions, [[1.0, 0, 0, 0], [3.0, 0, 0, 0], [-0.8, 0, 0, 0], [-4.7, 0, 0, 0]]);

        Assert.Equal(["high-volume", "very high-volume", "small", "very small"], names);
    }

    [Fact]
    public void Name_SameWordsFurtherOnUnnamedDimensions_VeryGoesToTheOneFurtherOnTheNamedOne()
    {
        // Both read "small" (revenue −0.6σ and −0.9σ; every other dimension under 0.5σ). The first lies further from the
        // mean over all four dimensions (0.36 + 3 × 0.45² = 0.97 against 0.81) only by the dimensions its name does not
        // mention: "very small" on it would say its revenue is the smaller, which −0.6σ against −0.9σ is not.
        var names = ClusterNaming.Name(Dimensions, [[-0.6, 0.45, 0.45, 0.45], [-0.9, 0, 0, 0]]);

        Assert.Equal(["small", "very small"], names);
    }

    [Fact]
    public void Name_ThreeClustersWithTheSameWords_FurthestReadsVeryTheOthersNumbered()
    {
        var names = ClusterNaming.Name(Dimensions, [[2.0, 0, 0, 0], [1.0, 0, 0, 0], [3.0, 0, 0, 0], [0.0, 0, 0, 0]]);

        Assert.Equal(["high-volume", "high-volume 2", "very high-volume", "typical"], names);
    }

    [Fact]
    public void Name_UnknownDimension_UsesHighLowWithSpaces()
    {
        var names = ClusterNaming.Name(["pallet_share"], [[1.0], [-1.0]]);

        Assert.Equal(["high pallet share", "low pallet share"], names);
    }

    [Fact]
    public void Name_TwoDimensionsSameWord_WordUsedOnce()
    {
        // orders_per_month high and orders high both read "frequent"; the name must not say it twice.
        var names = ClusterNaming.Name(["orders_per_month", "orders", "revenue"], [[2.0, 1.5, 1.0]]);

        Assert.Equal(["frequent high-volume"], names);
    }

    [Fact]
    public void Name_CentroidLengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClusterNaming.Name(Dimensions, [[1.0, 2.0]]));
    }
}
