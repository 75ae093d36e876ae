using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class PeriodGridTests
{
    private static SegmentAssignment[] Period(params string[] cells) =>
        [.. cells.Select(c => c.Split('=')).Select(c => new SegmentAssignment(c[0], c[1], ""))];

    // The grid as text, for comparison: one line per customer, its segment per period ("-" for none).
    private static string[] Lines(PeriodGrid grid) =>
        [.. grid.Customers.Select((c, i) => c + ":" + string.Join(",", grid.Assignments.Select(p => p[i]?.Segment ?? "-")))];

    [Fact]
    public void Of_SameCustomersInOrder_OneColumnPerPeriod()
    {
        var grid = PeriodGrid.Of([Period("a=A", "b=B", "c=C"), Period("a=B", "b=B", "c=A")]);

        Assert.Equal(["a:A,B", "b:B,B", "c:C,A"], Lines(grid));
    }

    // Sorted lists with customers entering and leaving go through the merge; the same periods shuffled go through the
    // slots and sort. Both must give the hand-written grid.
    [Fact]
    public void Of_CustomersEnterAndLeave_SameGridSortedOrNot()
    {
        string[] expected = ["a:A,-,A", "b:B,B,-", "c:-,C,C", "d:-,-,D"];
        SegmentAssignment[][] sorted = [Period("a=A", "b=B"), Period("b=B", "c=C"), Period("a=A", "c=C", "d=D")];
        SegmentAssignment[][] shuffled = [Period("b=B", "a=A"), Period("c=C", "b=B"), Period("d=D", "a=A", "c=C")];

        Assert.Equal(expected, Lines(PeriodGrid.Of(sorted)));
        Assert.Equal(expected, Lines(PeriodGrid.Of(shuffled)));
    }

    [Fact]
    public void Of_OrdinalOrder_UpperCaseBeforeLowerCase()
    {
        var grid = PeriodGrid.Of([Period("b=X", "B=Y"), Period("B=Y", "b=X")]);

        Assert.Equal(["B:Y,Y", "b:X,X"], Lines(grid));
    }

    [Fact]
    public void Of_CustomerTwiceInAPeriod_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => PeriodGrid.Of([Period("a=A", "b=B"), Period("a=A", "a=B")]));

        Assert.Contains("Customer 'a' has two assignments in period 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_NoPeriods_EmptyGrid() => Assert.Empty(PeriodGrid.Of([]).Customers);
}
