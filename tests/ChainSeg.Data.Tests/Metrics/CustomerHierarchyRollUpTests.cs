using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

public sealed class CustomerHierarchyRollUpTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void RollUp_ChildExactlyAtTheDepthLimit_RollsIntoTheTopAccount()
    {
        // L00 heads a chain of HierarchyDepthLimit + 2 levels, each customer ordering 10. The roll-up follows the limit's
        // 20 levels: L20 (20 below L00) belongs to L00's account; L21, one level deeper, heads its own. L20 was cut off
        // too, so L00's account read 200 instead of 210.
        var limit = CustomerMetrics.HierarchyDepthLimit;
        var levels = Enumerable.Range(0, limit + 2).Select(i => $"L{i:D2}").ToList();
        var data = _folder.Sub("data");
        _folder.File("data/customers.csv", "customer_id,name,parent_id\n" + string.Concat(levels.Select((c, i) => $"{c},Level {i},{(i == 0 ? "" : levels[i - 1])}\n")));
        _folder.File("data/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Concat(levels.Select((c, i) => $"SO-{i},{c},X,2025-03-03,1,10\n")));
        _folder.File("data/chainseg.yaml", "segmentation:\n  models:\n    accounts:\n      method: rules\n      roll_up_hierarchy: true\n      rules:\n        - { segment: big, when: \"revenue >= 100\" }\n      fallback: small\n");

        var output = PipelineOutput.Run(data, _folder.Sub("out"));

        var segments = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).ToDictionary(a => a["customer_id"], a => a["reason"]);
        Assert.Equal("big: revenue 210 ≥ 100", segments["L00"]);
        Assert.StartsWith("inherits big from parent account L00", segments[levels[limit]]);
        Assert.Equal("small: no rule matched (fallback)", segments[levels[limit + 1]]);
    }

    public void Dispose() => _folder.Dispose();
}
