using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

// Explanations are written from the record alone, so these build records by hand, independent of the rule's arithmetic.
public sealed class SkuLocationTargetTests
{
    private static readonly ServiceTarget Csl98 = ServiceTarget.CycleServiceLevel(0.98);

    private static SegmentTargetPart Part(
        string segment, double share, double weight, ServiceTarget? policy, ServiceTarget? effective, double? reserve = null, bool fallback = false,
        FulfilmentMode mode = FulfilmentMode.MakeToStock) =>
        new(segment, fallback, mode, policy, Stocked: effective is not null, share, weight, effective, reserve);

    [Fact]
    public void Explain_ConvertedTarget_NotesConversion()
    {
        var converted = ServiceTarget.CycleServiceLevel(0.8166);
        var result = new SkuLocationTarget(
            TargetAggregation.Highest, Csl98, 102.69, 502.69, 400.0, 50.0, "strategic",
            new SegmentTargetPart[] { Part("strategic", 0.62, 0.62, Csl98, Csl98), Part("key", 0.38, 0.38, ServiceTarget.FillRate(0.99), converted) });

        Assert.Equal(
            "highest of strategic 0.98 CSL, key 0.8166 CSL; driven by strategic (0.98 CSL, 62.0 % of demand); "
            + "0.98 CSL on pooled lead-time demand 400 ± 50 → safety stock 102.69; key 0.99 fill rate taken as 0.8166 CSL (same reorder point)",
            result.Explain());
    }

    [Fact]
    public void Explain_FallbackSegment_IsLabelled()
    {
        var result = new SkuLocationTarget(
            TargetAggregation.SegmentReserves, null, 12.5, 112.5, 100.0, 10.0, "inactive",
            new SegmentTargetPart[] { Part("inactive", 1.0, 1.0, Csl98, Csl98, reserve: 12.5, fallback: true) });

        Assert.Equal(
            "segment_reserves: inactive (fallback policy) 0.98 CSL → 12.5; total safety stock 12.5; driven by inactive (fallback policy) (0.98 CSL, 100.0 % of demand)",
            result.Explain());
    }

    [Fact]
    public void DrivenBy_NothingStocked_SaysNoSafetyStock()
    {
        var result = new SkuLocationTarget(
            TargetAggregation.Highest, null, 0.0, 0.0, 0.0, 0.0, null,
            new SegmentTargetPart[] { Part("project", 1.0, 0.0, null, null, mode: FulfilmentMode.MakeToOrder) });

        Assert.Equal("no safety stock", result.DrivenBy());
        Assert.Equal("highest: no safety stock (project is make_to_order (100.0 % of demand): no safety stock)", result.Explain());
    }

    [Fact]
    public void DrivenBy_Driver_NamesTargetAndShare()
    {
        var result = new SkuLocationTarget(
            TargetAggregation.DemandWeighted, ServiceTarget.CycleServiceLevel(0.9686), 93.03, 493.03, 400.0, 50.0, "strategic",
            new SegmentTargetPart[] { Part("strategic", 0.62, 0.62, Csl98, Csl98), Part("core", 0.38, 0.38, ServiceTarget.CycleServiceLevel(0.95), ServiceTarget.CycleServiceLevel(0.95)) });

        Assert.Equal("driven by strategic (0.98 CSL, 62.0 % of demand)", result.DrivenBy());
    }
}
