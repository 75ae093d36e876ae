using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class CapacityAllocatorTests
{
    private static SegmentCapacityDemand Segment(string name, double demand, double margin, double minimumShare, params (string Resource, double PerUnit)[] usage) =>
        new(name, demand, margin, minimumShare, usage.ToDictionary(u => u.Resource, u => u.PerUnit));

    // Hillier & Lieberman, Introduction to Operations Research, Wyndor Glass Co. prototype example: max Z = 3x₁ + 5x₂
    // s.t. x₁ ≤ 4 (plant 1), 2x₂ ≤ 12 (plant 2), 3x₁ + 2x₂ ≤ 18 (plant 3) — model as reproduced at
    // notes.daviscole.com/Linear+Programming. Optimum x = (2, 6), Z = 36. Shadow prices by hand from complementary
    // slackness: plant 1 has slack 2, so y₁ = 0; x₁ > 0 gives 3y₃ = 3 → y₃ = 1; x₂ > 0 gives 2y₂ + 2y₃ = 5 → y₂ = 3/2;
    // and 12·3/2 + 18·1 = 36 = Z. Products are "segments" with demand far above what capacity allows.
    [Fact]
    public void Allocate_WyndorGlass_MatchesOptimumAndShadowPrices()
    {
        var result = CapacityAllocator.Allocate(
            [Segment("doors", 1000, 3, 0, ("plant1", 1), ("plant3", 3)), Segment("windows", 1000, 5, 0, ("plant2", 2), ("plant3", 2))],
            [new CapacityResource("plant1", 4), new CapacityResource("plant2", 12), new CapacityResource("plant3", 18)]);

        Assert.Equal(2.0, result.Segments[0].Volume, 9);
        Assert.Equal(6.0, result.Segments[1].Volume, 9);
        Assert.Equal(36.0, result.TotalContribution, 9);
        Assert.Equal([0.0, 1.5, 1.0], result.Resources.Select(r => Math.Round(r.ShadowPrice, 9)));
        Assert.Equal([false, true, true], result.Resources.Select(r => r.Binding));
        Assert.Equal(2.0, result.Resources[0].Slack, 9);
        Assert.Equal(
            [(BindingConstraintKind.Capacity, "plant2", 1.5), (BindingConstraintKind.Capacity, "plant3", 1.0)],
            result.Binding.Select(b => (b.Kind, b.Name, Math.Round(b.MarginalValue, 9))));
        Assert.All(result.Segments, s => Assert.Equal(VolumeLimit.Capacity, s.Limit));
    }

    // Shelby Shelving (Decision Models lecture 3, "Understanding the optimizer sensitivity report", as published on
    // scribd): max 260 S + 245 LX s.t. S ≤ 1900, LX ≤ 1400 (assembly, here the demands), 0.3 S + 0.3 LX ≤ 800 (stamping),
    // 0.25 S + 0.5 LX ≤ 800 (forming). Published optimum S = 1900, LX = 650, gross contribution 653,250 (net 268,250
    // after 385,000 fixed cost), stamping used 765. By hand: forming binds and LX is basic, so its price is 245/0.5 = 490;
    // S sits at its demand with reduced cost 260 − 0.25·490 = 137.5.
    [Fact]
    public void Allocate_ShelbyShelving_MatchesPublishedOptimum()
    {
        var result = CapacityAllocator.Allocate(
            [Segment("S", 1900, 260, 0, ("stamping", 0.3), ("forming", 0.25)), Segment("LX", 1400, 245, 0, ("stamping", 0.3), ("forming", 0.5))],
            [new CapacityResource("stamping", 800), new CapacityResource("forming", 800)]);

        Assert.Equal(1900.0, result.Segments[0].Volume, 7);
        Assert.Equal(650.0, result.Segments[1].Volume, 7);
        Assert.Equal(653_250.0, result.TotalContribution, 5);
        Assert.Equal(765.0, result.Resources[0].Used, 7);
        Assert.Equal(490.0, result.Resources[1].ShadowPrice, 7);
        Assert.Equal(0.0, result.Resources[0].ShadowPrice, 9);
        Assert.Equal((VolumeLimit.Demand, 137.5), (result.Segments[0].Limit, Math.Round(result.Segments[0].ReducedCost, 7)));
        Assert.Equal(
            [(BindingConstraintKind.Capacity, "forming", 490.0), (BindingConstraintKind.Demand, "S", 137.5)],
            result.Binding.Select(b => (b.Kind, b.Name, Math.Round(b.MarginalValue, 7))));
    }

    [Fact]
    public void Allocate_Commitments_HoldLowMarginSegmentsAtTheirMinimum()
    {
        // 150 picking hours. Commitments: strategic 90 % of 100 units × 1 h = 90 h, standard 20 % of 100 × 0.5 h = 10 h.
        // The 50 h left go to core, which earns 5 per hour against 2 for the others: core gets 50 units and prices the
        // hour at 5. Commitment costs: strategic 2 − 1·5 = −3 per unit, standard 1 − 0.5·5 = −1.5.
        // Total = 2·90 + 5·50 + 1·20 = 450.
        var result = CapacityAllocator.Allocate(
            [
                Segment("strategic", 100, 2, 0.9, ("picking", 1)),
                Segment("core", 100, 5, 0, ("picking", 1)),
                Segment("standard", 100, 1, 0.2, ("picking", 0.5)),
            ],
            [new CapacityResource("picking", 150)]);

        Assert.Equal([90.0, 50.0, 20.0], result.Segments.Select(s => Math.Round(s.Volume, 9)));
        Assert.Equal([0.9, 0.5, 0.2], result.Segments.Select(s => Math.Round(s.ServiceShare, 9)));
        Assert.Equal([VolumeLimit.MinimumService, VolumeLimit.Capacity, VolumeLimit.MinimumService], result.Segments.Select(s => s.Limit));
        Assert.Equal(450.0, result.TotalContribution, 9);
        Assert.Equal(5.0, result.Resources[0].ShadowPrice, 9);
        Assert.Equal(
            [(BindingConstraintKind.Capacity, "picking", 5.0), (BindingConstraintKind.MinimumService, "strategic", 3.0), (BindingConstraintKind.MinimumService, "standard", 1.5)],
            result.Binding.Select(b => (b.Kind, b.Name, Math.Round(b.MarginalValue, 9))));
    }

    [Fact]
    public void Allocate_AmpleCapacity_ServesProfitableDemandAndLeavesLossMakersAtCommitment()
    {
        var result = CapacityAllocator.Allocate(
            [Segment("core", 40, 3, 0, ("hours", 1)), Segment("tail", 60, -1, 0.25, ("hours", 1))],
            [new CapacityResource("hours", 1000)]);

        Assert.Equal((40.0, VolumeLimit.Demand), (result.Segments[0].Volume, result.Segments[0].Limit));
        Assert.Equal((15.0, VolumeLimit.MinimumService), (Math.Round(result.Segments[1].Volume, 9), result.Segments[1].Limit));
        Assert.Equal(0.0, result.Resources[0].ShadowPrice);
        Assert.Equal(105.0, result.TotalContribution, 9);
    }

    [Fact]
    public void Allocate_CommitmentsExceedCapacity_ThrowsNamingResourceCapacityAndRequirement()
    {
        var ex = Assert.Throws<AllocationInfeasibleException>(() => CapacityAllocator.Allocate(
            [Segment("strategic", 100, 2, 0.9, ("picking", 1)), Segment("standard", 100, 1, 0.2, ("picking", 0.5))],
            [new CapacityResource("picking", 90)]));

        Assert.Equal(
            "Committed minimum service needs 100 of resource 'picking' but its capacity is 90 "
            + "('strategic' 90 % of 100 units × 1 = 90; 'standard' 20 % of 100 units × 0.5 = 10).",
            ex.Message);
        Assert.Equal(("picking", 90.0, 100.0), (ex.Subject, ex.Available, ex.Required));
    }

    // Independent check of the duals on seeded random instances: the LP optimality conditions. Dual feasibility (a
    // segment below its demand has reduced cost ≤ 0, one above its commitment ≥ 0), complementary slackness (a priced
    // resource is full), and strong duality Z = Σ y·C + Σ reduced cost·volume. Together they certify the optimum.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Allocate_RandomInstances_SatisfyOptimalityConditions(int seed)
    {
        var random = new Random(seed);
        string[] names = ["r0", "r1", "r2"];
        var segments = Enumerable.Range(0, 6).Select(s => Segment(
            $"s{s}",
            50 + random.Next(200),
            random.Next(1, 20),
            0.2 * random.NextDouble(),
            [.. names.Select(r => (r, Math.Round(0.1 + random.NextDouble(), 2)))])).ToList();
        var resources = names.Select(r => new CapacityResource(r, 150 + random.Next(200))).ToList();

        var result = CapacityAllocator.Allocate(segments, resources);

        var dualObjective = result.Resources.Sum(r => r.ShadowPrice * r.Capacity) + result.Segments.Sum(s => s.ReducedCost * s.Volume);
        Assert.Equal(result.TotalContribution, dualObjective, 6);
        Assert.All(result.Resources, r => Assert.True(r.ShadowPrice == 0.0 || r.Binding, r.Resource));
        Assert.All(result.Resources, r => Assert.True(r.Used <= r.Capacity + 1e-7, r.Resource));
        foreach (var s in result.Segments)
        {
            var rc = segments.Single(d => d.Segment == s.Segment).UnitContribution
                - segments.Single(d => d.Segment == s.Segment).ResourceUsage.Sum(u => u.Value * result.Resources.Single(r => r.Resource == u.Key).ShadowPrice);
            if (s.Volume < s.Demand - 1e-7)
            {
                Assert.True(rc <= 1e-7, $"{s.Segment} below demand with reduced cost {rc}");
            }

            if (s.Volume > (s.MinimumServiceShare * s.Demand) + 1e-7)
            {
                Assert.True(rc >= -1e-7, $"{s.Segment} above commitment with reduced cost {rc}");
            }
        }

        Assert.Contains(result.Resources, r => r.Binding);
    }

    [Fact]
    public void Allocate_ShadowPrice_MatchesContributionOfOneMoreHour()
    {
        // Finite difference: a shadow price is the gain per extra unit of capacity while the basis stays optimal.
        SegmentCapacityDemand[] segments =
        [
            Segment("a", 100, 4, 0.1, ("picking", 1.0), ("packing", 0.2)),
            Segment("b", 100, 3, 0.1, ("picking", 0.5), ("packing", 0.6)),
        ];

        var baseline = CapacityAllocator.Allocate(segments, [new CapacityResource("picking", 80), new CapacityResource("packing", 40)]);
        var morePicking = CapacityAllocator.Allocate(segments, [new CapacityResource("picking", 81), new CapacityResource("packing", 40)]);
        var morePacking = CapacityAllocator.Allocate(segments, [new CapacityResource("picking", 80), new CapacityResource("packing", 41)]);

        Assert.True(baseline.Resources.All(r => r.ShadowPrice > 0.0));
        Assert.Equal(morePicking.TotalContribution - baseline.TotalContribution, baseline.Resources[0].ShadowPrice, 9);
        Assert.Equal(morePacking.TotalContribution - baseline.TotalContribution, baseline.Resources[1].ShadowPrice, 9);
    }

    [Fact]
    public void Allocate_SameInputTwice_GivesTheSameResult()
    {
        SegmentCapacityDemand[] segments = [Segment("a", 100, 4, 0.1, ("picking", 1.0)), Segment("b", 100, 4, 0.1, ("picking", 1.0))];
        CapacityResource[] resources = [new CapacityResource("picking", 120)];

        var first = CapacityAllocator.Allocate(segments, resources);
        var second = CapacityAllocator.Allocate(segments, resources);

        Assert.Equal(first.Segments, second.Segments);
        Assert.Equal(first.Resources, second.Resources);
        Assert.Equal(first.Binding, second.Binding);
    }

    [Fact]
    public void Allocate_ZeroDemandSegment_HasFullServiceShare()
    {
        var result = CapacityAllocator.Allocate([Segment("idle", 0, 5, 0.5, ("picking", 1.0))], [new CapacityResource("picking", 10)]);

        Assert.Equal((0.0, 1.0), (result.Segments[0].Volume, result.Segments[0].ServiceShare));
        Assert.Empty(result.Binding);
    }

    [Fact]
    public void Allocate_UnknownResource_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => CapacityAllocator.Allocate([Segment("a", 10, 1, 0, ("welding", 1.0))], [new CapacityResource("picking", 10)]));

        Assert.Contains("'welding'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_DuplicateResource_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => CapacityAllocator.Allocate([Segment("a", 10, 1, 0)], [new CapacityResource("picking", 10), new CapacityResource("picking", 5)]));
    }

    [Fact]
    public void Allocate_DuplicateSegment_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => CapacityAllocator.Allocate([Segment("a", 10, 1, 0), Segment("a", 5, 1, 0)], [new CapacityResource("picking", 10)]));
    }
}
