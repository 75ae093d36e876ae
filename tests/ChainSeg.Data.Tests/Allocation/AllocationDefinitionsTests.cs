using ChainSeg.Core.Allocation;
using ChainSeg.Data.Allocation;

namespace ChainSeg.Data.Tests.Allocation;

// DEFINITIONS.md: every KPI ChainSeg reports names its definition id. allocation_segments.csv named fill.unit in its
// definition column, while capacity_plan.csv's service share and contribution, capacity_resources.csv's total contribution
// and allocation_lines.csv's fill ratio named none: a planned service share read beside a run's OTIF or a CSL target.
public sealed class AllocationDefinitionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void CapacityPlan_EveryRow_NamesTheDefinitionsOfServiceShareAndContribution()
    {
        var usage = new Dictionary<string, double> { ["hours"] = 1 };
        var result = CapacityAllocator.Allocate(
            [new SegmentCapacityDemand("A", 100, 5, 0.5, usage), new SegmentCapacityDemand("B", 50, 2, 0, usage)], [new CapacityResource("hours", 120)]);
        var folder = _folder.Sub("capacity");

        CapacityPlanning.Write(new CapacityPlan("month", new DateOnly(2025, 3, 1), result), folder);

        var plan = CsvFile.ReadRecords(Path.Combine(folder, "capacity_plan.csv"));
        Assert.Equal(["A", "B"], plan.Select(p => p["segment"]));
        Assert.All(plan, p =>
        {
            Assert.StartsWith("service_share = fill.unit (volume ÷ demand", p["definitions"]);
            Assert.Contains("; contribution = margin.gross (volume × ", p["definitions"]);
        });
        var resources = CsvFile.ReadRecords(Path.Combine(folder, "capacity_resources.csv"));
        Assert.Equal("total_contribution = margin.gross (Σ contribution of the segments' volumes)", Assert.Single(resources)["definitions"]);
    }

    [Fact]
    public void ShortageAllocation_EveryLine_NamesTheDefinitionOfItsFillRatio()
    {
        var result = ShortageAllocator.Allocate(
            [new OpenOrderLine("L1", "C1", "A", "X", 10), new OpenOrderLine("L2", "C2", "B", "X", 10)], [new SkuSupply("X", 12)],
            new ShortageRules([new SegmentShortageRule("A", 1), new SegmentShortageRule("B", 2)]));
        var folder = _folder.Sub("shortage");

        ShortageAllocation.Write(result, folder);

        var lines = CsvFile.ReadRecords(Path.Combine(folder, "allocation_lines.csv"));
        Assert.Equal(["1", "0.2"], lines.Select(l => l["fill_ratio"]));
        Assert.All(lines, l => Assert.Equal("fill.unit", l["definition"]));
        Assert.All(CsvFile.ReadRecords(Path.Combine(folder, "allocation_segments.csv")), s => Assert.Equal("fill.unit", s["definition"]));
    }

    public void Dispose() => _folder.Dispose();
}
