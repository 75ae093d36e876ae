using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class SegmentRenamesTests
{
    // Builds a matrix from hand-written cells: (from, to, customers); a null side is a customer who entered or left.
    private static TransitionMatrix Table(params (string? From, string? To, int Customers)[] cells)
    {
        var before = new List<string?>();
        var after = new List<string?>();
        foreach (var (from, to, customers) in cells)
        {
            before.AddRange(Enumerable.Repeat(from, customers));
            after.AddRange(Enumerable.Repeat(to, customers));
        }
        return TransitionMatrix.Between(before, after);
    }

    [Fact]
    public void In_CentroidCrossedANamingEdge_NotesTheRenameWithBothShares()
    {
        // The generated company's case: 927 of the 1,000 low-ticket piece-pick customers are low-ticket single-line
        // after, and they are 927 of its 975 (the other 48 came from big-ticket bulk and typical).
        var matrix = Table(("low-ticket piece-pick", "low-ticket single-line", 927), ("low-ticket piece-pick", "typical", 73),
            ("big-ticket bulk", "big-ticket bulk", 480), ("big-ticket bulk", "low-ticket single-line", 20),
            ("typical", "typical", 772), ("typical", "low-ticket single-line", 28));

        var renames = SegmentRenames.In(matrix);

        var rename = Assert.Single(renames);
        Assert.Equal(("low-ticket piece-pick", "low-ticket single-line", 927), (rename.From, rename.To, rename.Customers));
        Assert.Equal(927.0 / 1000, rename.ShareOfFrom);
        Assert.Equal(927.0 / 975, rename.ShareOfTo, 12);
        // Raw: 927 + 73 + 20 + 28 = 1,048 of 2,300 changed (45.6 %); apart from the rename 73 + 20 + 28 = 121 (5.3 %).
        Assert.Equal(1048, matrix.Changed);
        Assert.Equal(121, SegmentRenames.ChangedApartFrom(matrix, renames));
        Assert.Equal(121.0 / 2300, SegmentRenames.ShareChangedApartFrom(matrix, renames), 12);
    }

    [Fact]
    public void In_EverySegmentKeepsItsName_NotesNothing()
    {
        // A 1:1 pair under one name is no rename, however wholly its customers stay.
        var matrix = Table(("big", "big", 10), ("small", "small", 5));

        var renames = SegmentRenames.In(matrix);

        Assert.Empty(renames);
        Assert.Equal(0, SegmentRenames.ChangedApartFrom(matrix, renames));
        Assert.Equal(0.0, SegmentRenames.ShareChangedApartFrom(matrix, renames));
    }

    [Fact]
    public void In_SameNameMostlyStayingBesideARename_NotesTheRenameAlone()
    {
        // big → big 19 of 20 is a same-name pair (never noted); small → tiny is 10 of 10 and tiny's 10 of 11.
        var matrix = Table(("big", "big", 19), ("big", "tiny", 1), ("small", "tiny", 10));

        var rename = Assert.Single(SegmentRenames.In(matrix));

        Assert.Equal(("small", "tiny", 10, 1.0, 10.0 / 11), (rename.From, rename.To, rename.Customers, rename.ShareOfFrom, rename.ShareOfTo));
        Assert.Equal(1, SegmentRenames.ChangedApartFrom(matrix, [rename]));
    }

    [Fact]
    public void In_SegmentsWithNoCustomerOnBothSides_AreNeverARename()
    {
        // 'gone' lost every customer (they left), 'new' has only customers who entered: a row or column of zeros, whose share
        // is undefined, not a rename; a → b beside them is one.
        var matrix = Table(("a", "b", 4), ("gone", null, 3), (null, "new", 2));

        var rename = Assert.Single(SegmentRenames.In(matrix));

        Assert.Equal(("a", "b", 4, 1.0, 1.0), (rename.From, rename.To, rename.Customers, rename.ShareOfFrom, rename.ShareOfTo));
        Assert.Equal(0, SegmentRenames.ChangedApartFrom(matrix, [rename]));
    }

    [Fact]
    public void In_NoCustomerInBoth_NotesNothingAndNothingChanged()
    {
        var matrix = Table(("a", null, 3), (null, "b", 3));

        var renames = SegmentRenames.In(matrix);

        Assert.Empty(renames);
        Assert.Equal(0, SegmentRenames.ChangedApartFrom(matrix, renames));
        Assert.Equal(0.0, SegmentRenames.ShareChangedApartFrom(matrix, renames));
    }

    [Fact]
    public void In_TwoSegmentsMergingIntoOne_NotesOnlyTheOneThatMakesUpTheMerged()
    {
        // a (9) and b (1) both go wholly to c: c is a's cluster renamed, absorbing b, whose customers did move.
        var absorbed = Table(("a", "c", 9), ("b", "c", 1));
        // Two halves of c: neither is c under a new name.
        var halves = Table(("a", "c", 5), ("b", "c", 5));

        var rename = Assert.Single(SegmentRenames.In(absorbed));

        Assert.Equal(("a", "c", 9, 1.0, 0.9), (rename.From, rename.To, rename.Customers, rename.ShareOfFrom, rename.ShareOfTo));
        Assert.Equal(1, SegmentRenames.ChangedApartFrom(absorbed, [rename]));
        Assert.Empty(SegmentRenames.In(halves));
        Assert.Equal(10, SegmentRenames.ChangedApartFrom(halves, []));
    }

    [Fact]
    public void In_SegmentSplitInTwoEqualHalves_NotesNeitherHalf()
    {
        // A tie: a's customers go 5 and 5 to b and c, each wholly from a. Neither half holds 90 % of a, so neither is a renamed;
        // any share above one half leaves at most one candidate per segment, so a tie can never pick between two.
        var matrix = Table(("a", "b", 5), ("a", "c", 5));

        Assert.Empty(SegmentRenames.In(matrix));
        Assert.Equal(10, SegmentRenames.ChangedApartFrom(matrix, []));
    }

    [Fact]
    public void In_ShareExactlyAtTheThreshold_Counts()
    {
        // 9 of 10 is 90.0 %: noted; 8 of 9 is 88.9 %: not.
        var atThreshold = Table(("a", "b", 9), ("a", "x", 1));
        var below = Table(("a", "b", 8), ("a", "x", 1));

        Assert.Equal(0.9, Assert.Single(SegmentRenames.In(atThreshold)).ShareOfFrom);
        Assert.Empty(SegmentRenames.In(below));
    }

    [Fact]
    public void In_TwoSegmentsSwapNames_NotesBothAndCountsTheOneWhoStayedUnderTheOldNameAsChanged()
    {
        // p → q 9 and p → p 1; q → p 10. Both pairs are renames (p → q: 9/10 and 9/9; q → p: 10/10 and 10/11). The customer
        // left in 'p' is now in q's cluster under p's old name: changed, though the raw table reads it as staying.
        var matrix = Table(("p", "q", 9), ("p", "p", 1), ("q", "p", 10));

        var renames = SegmentRenames.In(matrix);

        Assert.Equal([("p", "q", 9, 0.9, 1.0), ("q", "p", 10, 1.0, 10.0 / 11)],
            renames.Select(r => (r.From, r.To, r.Customers, r.ShareOfFrom, r.ShareOfTo)));
        Assert.Equal(19, matrix.Changed);
        Assert.Equal(1, SegmentRenames.ChangedApartFrom(matrix, renames));
        Assert.Equal(1.0 / 20, SegmentRenames.ShareChangedApartFrom(matrix, renames));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void In_ThresholdNotAboveOneHalfOrAboveOne_Refused(double minShare)
    {
        // At one half or below a segment could match two others equally (a tie), so the pairing would not be one to one.
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentRenames.In(Table(("a", "b", 2)), minShare));
    }
}
