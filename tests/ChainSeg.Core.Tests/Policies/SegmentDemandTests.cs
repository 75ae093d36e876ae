using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class SegmentDemandTests
{
    [Fact]
    public void Constructor_BlankSegment_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SegmentDemand("", new DemandRate(1.0, 0.0, TimeUnit.Week)));
    }

    [Fact]
    public void Constructor_NullDemand_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new SegmentDemand("core", null!));
    }
}
