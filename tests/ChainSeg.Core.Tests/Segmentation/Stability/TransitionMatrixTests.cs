using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class TransitionMatrixTests
{
    // Q1 → Q2: c1, c2 stay A; c3 A → B; c4 stays B; c5 B → C; c6 left (was C); c7 entered (now D).
    private static readonly Dictionary<string, string> Before = new()
    {
        ["c1"] = "A", ["c2"] = "A", ["c3"] = "A", ["c4"] = "B", ["c5"] = "B", ["c6"] = "C",
    };

    private static readonly Dictionary<string, string> After = new()
    {
        ["c1"] = "A", ["c2"] = "A", ["c3"] = "B", ["c4"] = "B", ["c5"] = "C", ["c7"] = "D",
    };

    [Fact]
    public void Between_TwoQuarters_CountsEveryTransition()
    {
        var matrix = TransitionMatrix.Between(Before, After);

        Assert.Equal(["A", "B", "C", "D"], matrix.Segments);
        Assert.Equal(2, matrix.Count("A", "A"));
        Assert.Equal(1, matrix.Count("A", "B"));
        Assert.Equal(1, matrix.Count("B", "B"));
        Assert.Equal(1, matrix.Count("B", "C"));
        Assert.Equal(0, matrix.Count("C", "C"));
        Assert.Equal(5, matrix.Cells.Sum(c => c.Count));
        Assert.Equal(16, matrix.Cells.Count);
    }

    [Fact]
    public void Cells_RowNobodyIsInOnBothSides_HasNoRowShare()
    {
        // C's only customer left and D's entered: neither row has a customer to share out, so 0 would read as 'nobody stayed'.
        var cells = TransitionMatrix.Between(Before, After).Cells;

        Assert.All(cells.Where(c => c.From is "C" or "D"), c => Assert.Null(c.RowShare));
        Assert.Equal([2.0 / 3, 1.0 / 3, 0, 0], cells.Where(c => c.From == "A").Select(c => c.RowShare));
        Assert.Equal([0, 0.5, 0.5, 0], cells.Where(c => c.From == "B").Select(c => c.RowShare));
    }

    [Fact]
    public void Between_AlignedPeriodsWithGaps_SameCountsAsTheMaps()
    {
        // The same customers c1…c7 by index; null where a customer has no segment that quarter (c6 left, c7 entered).
        string?[] before = ["A", "A", "A", "B", "B", "C", null];
        string?[] after = ["A", "A", "B", "B", "C", null, "D"];

        var matrix = TransitionMatrix.Between(before, after);

        Assert.Equal(["A", "B", "C", "D"], matrix.Segments);
        Assert.Equal(2, matrix.Count("A", "A"));
        Assert.Equal(1, matrix.Count("A", "B"));
        Assert.Equal(1, matrix.Count("B", "C"));
        Assert.Equal(5, matrix.CustomersInBoth);
        Assert.Equal(1, matrix.TotalEntered);
        Assert.Equal(1, matrix.TotalLeft);
        Assert.Throws<ArgumentException>(() => TransitionMatrix.Between(before, after[..6]));
    }

    [Fact]
    public void Between_Codes_SameMatrixAsTheNames()
    {
        // c1…c7 as above, coded against names listed out of order and with an unused one ("Z"); -1: no segment.
        string[] names = ["C", "Z", "B", "A", "D"];
        int[] before = [3, 3, 3, 2, 2, 0, -1];
        int[] after = [3, 3, 2, 2, 0, -1, 4];

        var coded = TransitionMatrix.Between(names, before, after);
        var named = TransitionMatrix.Between(Before, After);

        Assert.Equal(named.Segments, coded.Segments);
        Assert.Equal(named.Cells, coded.Cells);
        Assert.Equal((1, 1, 2), (coded.TotalEntered, coded.TotalLeft, coded.Changed));
        Assert.Throws<ArgumentException>(() => TransitionMatrix.Between(names, before, after[..6]));
        Assert.Contains("code 5", Assert.Throws<ArgumentException>(() => TransitionMatrix.Between(names, before, [5, 3, 2, 2, 0, -1, 4])).Message, StringComparison.Ordinal);
        Assert.Contains("'A' has two codes", Assert.Throws<ArgumentException>(() => TransitionMatrix.Between(["A", "A"], [0], [1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounts_GroupedCounts_SameMatrixAsTheCustomers()
    {
        // The c1…c7 quarters above as a grouped count (SQL's GROUP BY before, after), pairs listed out of order and A → A
        // in two parts, which add up; a null side is a customer who entered or left.
        var counted = TransitionMatrix.FromCounts([("B", "C", 1), ("A", "A", 1), (null, "D", 1), ("A", "B", 1), ("B", "B", 1), ("C", null, 1), ("A", "A", 1)]);
        var named = TransitionMatrix.Between(Before, After);

        Assert.Equal(named.Segments, counted.Segments);
        Assert.Equal(named.Cells, counted.Cells);
        Assert.Equal((1, 1, 2, 5), (counted.TotalEntered, counted.TotalLeft, counted.Changed, counted.CustomersInBoth));
        Assert.Equal((1, 1), (counted.Entered("D"), counted.Left("C")));
        Assert.Equal(named.AdjustedRandIndex, counted.AdjustedRandIndex, 12);
        Assert.Empty(TransitionMatrix.FromCounts([]).Segments);
        Assert.Throws<ArgumentException>(() => TransitionMatrix.FromCounts([("A", "B", -1)]));
        Assert.Throws<ArgumentException>(() => TransitionMatrix.FromCounts([(null, null, 1)]));
    }

    // The customers in both (c1…c5) are A A A B B before and A A B B C after. By hand (Hubert & Arabie 1985): pairs
    // together in both 1 ({c1,c2}), row pairs 3 + 1 = 4, column pairs 1 + 1 = 2, all pairs 10, expected 4·2/10 = 0.8,
    // maximum (4 + 2)/2 = 3, ARI = (1 − 0.8)/(3 − 0.8) = 1/11.
    [Fact]
    public void AdjustedRandIndex_CustomersInBoth_SameAsPerCustomerIndex()
    {
        var matrix = TransitionMatrix.Between(Before, After);

        Assert.Equal(1.0 / 11.0, matrix.AdjustedRandIndex, 12);
        Assert.Equal(AdjustedRandIndex.Compute(Before, After), matrix.AdjustedRandIndex, 12);
        Assert.True(double.IsNaN(TransitionMatrix.Between(new Dictionary<string, string> { ["a"] = "X" }, new Dictionary<string, string> { ["a"] = "X" }).AdjustedRandIndex));
    }

    [Fact]
    public void Between_TwoQuarters_RowSharesOverCustomersInBoth()
    {
        var matrix = TransitionMatrix.Between(Before, After);

        Assert.Equal(2.0 / 3.0, matrix.RowShare("A", "A"), 12);
        Assert.Equal(1.0 / 3.0, matrix.RowShare("A", "B"), 12);
        Assert.Equal(0.5, matrix.RowShare("B", "C"), 12);

        // C's only customer left, so its row is empty rather than 0/0.
        Assert.Equal(0.0, matrix.RowShare("C", "C"));
    }

    [Fact]
    public void Between_TwoQuarters_EnteredLeftAndShareChanged()
    {
        var matrix = TransitionMatrix.Between(Before, After);

        Assert.Equal(1, matrix.Entered("D"));
        Assert.Equal(1, matrix.Left("C"));
        Assert.Equal(0, matrix.Entered("A"));
        Assert.Equal((1, 1), (matrix.TotalEntered, matrix.TotalLeft));
        Assert.Equal(5, matrix.CustomersInBoth);
        Assert.Equal(2, matrix.Changed);
        Assert.Equal(0.4, matrix.ShareChanged, 12);
    }

    [Fact]
    public void Between_NoCommonCustomers_ShareChangedZeroAndAllEnteredOrLeft()
    {
        var matrix = TransitionMatrix.Between(
            new Dictionary<string, string> { ["a"] = "X" }, new Dictionary<string, string> { ["b"] = "X" });

        Assert.Equal(0, matrix.CustomersInBoth);
        Assert.Equal(0.0, matrix.ShareChanged);
        Assert.Equal(1, matrix.Entered("X"));
        Assert.Equal(1, matrix.Left("X"));
    }

    [Fact]
    public void Between_BothEmpty_NoSegments()
    {
        var matrix = TransitionMatrix.Between(new Dictionary<string, string>(), new Dictionary<string, string>());

        Assert.Empty(matrix.Segments);
        Assert.Empty(matrix.Cells);
    }

    [Fact]
    public void Count_UnknownSegment_ThrowsListingKnownOnes()
    {
        var matrix = TransitionMatrix.Between(Before, After);

        var error = Assert.Throws<ArgumentException>(() => matrix.Count("A", "Z"));

        Assert.Contains("[A, B, C, D]", error.Message, StringComparison.Ordinal);
    }
}
