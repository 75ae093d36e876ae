using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

// How a period's steps on the margin axes (ABC then XYZ) make one stabilised segment: what SegmentationStage writes for
// every customer of a margin model.
public sealed class MarginAxesTests
{
    private static IReadOnlyList<StabilisedSegment>[] Axes(params StabilisedSegment[] steps) => [.. steps.Select(s => (IReadOnlyList<StabilisedSegment>)[s])];

    [Fact]
    public void Combined_OneAxis_IsTheStepWithTheGridsRawSegment()
    {
        var step = new StabilisedSegment(0, "B", "A", true, "held in A: revenue 90 crosses the threshold 100 but not by 10 %");

        Assert.Equal(new StabilisedSegment(0, "B", "A", true, step.Reason), SegmentationStage.Combined(0, "B", Axes(step)));
        Assert.Equal(new StabilisedSegment(0, "B", null, false, "no assignment yet"),
            SegmentationStage.Combined(0, "B", Axes(new StabilisedSegment(0, null, null, false, "no assignment yet"))));
    }

    [Fact]
    public void Combined_TwoAxes_JoinsSegmentsAndDistinctReasonsInAxisOrder()
    {
        // An unchanged axis beside another's reason names its segment: "…; unchanged" read as if the whole segment were.
        var heldAbc = new StabilisedSegment(0, "B", "A", true, "held in A: revenue 90 crosses the threshold 100 but not by 10 %");
        var unchanged = new StabilisedSegment(0, "X", "X", false, "unchanged");

        Assert.Equal(new StabilisedSegment(0, "BX", "AX", true, heldAbc.Reason + "; X unchanged"), SegmentationStage.Combined(0, "BX", Axes(heldAbc, unchanged)));
        Assert.Equal(new StabilisedSegment(0, "AX", "AX", false, "unchanged"),
            SegmentationStage.Combined(0, "AX", Axes(unchanged with { Segment = "A" }, unchanged)));
    }

    [Fact]
    public void Combined_TwoAxes_InactiveOnEitherIsInactive_AndAnAxisWithoutSegmentIsNoAssignment()
    {
        var fact = new StabilisedSegment(0, "inactive", "inactive", false, "inactive at once from A: a fact, not held back by hysteresis");
        var z = new StabilisedSegment(0, "Z", "Z", false, "unchanged");

        Assert.Equal(new StabilisedSegment(0, "inactive", "inactive", false, fact.Reason + "; Z unchanged"), SegmentationStage.Combined(0, "inactive", Axes(fact, z)));
        Assert.Equal(new StabilisedSegment(0, "AZ", null, false, "no assignment yet"),
            SegmentationStage.Combined(0, "AZ", Axes(z with { Segment = "A" }, new StabilisedSegment(0, null, null, false, "no assignment yet"))));
    }
}
