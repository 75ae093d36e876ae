using System.Globalization;
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
        Assert.Equal("big: revenue 210.00 ≥ 100.00", segments["L00"]);
        Assert.StartsWith("inherits big from parent account L00", segments[levels[limit]]);
        Assert.Equal("small: no rule matched (fallback); big: revenue 10.00 < 100.00", segments[levels[limit + 1]]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ingest_ChainDeeperThanTheLimit_CountsTheCustomersLeftOutAndARollUpNamesThemWithTheFix(bool rollUp)
    {
        // L00 ← L01 ← … ← L22: L21 and L22 are deeper than the roll-up follows and head their own accounts. Nothing said
        // so: L00's account silently lacked them. Their rows are accepted (a warning, as parent cycles are); a run that
        // rolls up names them and the fix, one that does not only counts them.
        var levels = Enumerable.Range(0, CustomerMetrics.HierarchyDepthLimit + 3).Select(i => $"L{i:D2}").ToList();
        var data = _folder.Sub("deep");
        _folder.File("deep/customers.csv", "customer_id,name,parent_id\n" + string.Concat(levels.Select((c, i) => $"{c},Level {i},{(i == 0 ? "" : levels[i - 1])}\n")));
        _folder.File("deep/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Concat(levels.Select((c, i) => $"SO-{i},{c},X,2025-03-03,1,10\n")));
        _folder.File("deep/chainseg.yaml", $"segmentation:\n  models:\n    accounts:\n      method: rules\n      roll_up_hierarchy: {(rollUp ? "true" : "false")}\n      rules:\n        - {{ segment: big, when: \"revenue >= 100\" }}\n      fallback: small\n");

        var output = PipelineOutput.Run(data, _folder.Sub("deep-out"));

        Assert.Equal(2, output.Warnings("customers")["hierarchy_too_deep:parent_id"]);
        Assert.Equal((23L, 23L, 0L), (output.Count("customers", "rows_read"), output.Count("customers", "rows_accepted"), output.Count("customers", "rows_quarantined")));
        var advice = output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        if (rollUp)
            Assert.Equal("2 customers are more than 20 levels below their top account (L21, L22), deeper than roll_up_hierarchy follows, so each heads its own account and the top account's metrics lack them; flatten the hierarchy to 20 levels (a parent_id nearer the top) to roll them up.", Assert.Single(advice));
        else
            Assert.Empty(advice);
    }

    [Fact]
    public void Summary_ModelThatRollsUpOnItsOwn_TakesOrderFrequencyAndCvOverItsAccounts()
    {
        // Head office H orders nothing itself; its children K1 (10 units in January, 10 in February) and K2 (10 in March)
        // do; S stands alone (5 in January, 15 in March). Rolled up, account H ordered 10, 10, 10 over January–March: 3
        // orders in 3 months = 1.0 a month, CV 0; S 2 orders in 3 months = 0.667, CV of 5, 0, 15 = sd 6.236 ÷ mean 6.667 =
        // 0.935. The model segments the accounts (big: orders ≥ 3), but segment_summary averaged the customers' own rows:
        // H's 0 orders, K1's and K2's halves of the account, so big read fewer orders a month than its one account placed
        // and a CV of its members' own series instead of 0.
        var data = _folder.Sub("own");
        _folder.File("own/customers.csv", "customer_id,name,parent_id\nH,Head office,\nK1,Branch 1,H\nK2,Branch 2,H\nS,Standalone,\n");
        _folder.File("own/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + "SO-1,K1,X,2025-01-01,10,1\nSO-2,K1,X,2025-02-03,10,1\nSO-3,K2,X,2025-03-31,10,1\nSO-4,S,X,2025-01-01,5,1\nSO-5,S,X,2025-03-31,15,1\n");
        _folder.File("own/chainseg.yaml", "segmentation:\n  models:\n    accounts:\n      method: rules\n      roll_up_hierarchy: true\n      rules:\n        - { segment: big, when: \"orders >= 3\" }\n      fallback: small\n");

        var output = PipelineOutput.Run(data, _folder.Sub("own-out"));

        var summary = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")).Where(r => r["model"] == "accounts")
            .ToDictionary(r => r["segment"], r => (long.Parse(r["customers"], CultureInfo.InvariantCulture),
                double.Parse(r["orders_per_month"], CultureInfo.InvariantCulture), double.Parse(r["median_demand_cv"], CultureInfo.InvariantCulture)));
        Assert.Equal((3L, 1.0, 0.0), summary["big"]);
        Assert.Equal((1L, 0.667, 0.9354), summary["small"]);
    }

    [Fact]
    public void RollUp_PriceRealisation_IsTheRatioOfTheMembersSumsNotTheMeanOfTheirRatios()
    {
        // Head office H orders nothing; K1 buys 10 × A (list 100) at 90 (0.90), K2 1 × B (list 10) at 5 (0.50). Account H
        // realised 905 of a list value of 1,010: 0.896, weighted by list value as a customer's own lines are; the mean of
        // its members' ratios would read 0.70.
        var data = _folder.Sub("price");
        _folder.File("price/customers.csv", "customer_id,name,parent_id\nH,Head office,\nK1,Branch 1,H\nK2,Branch 2,H\n");
        _folder.File("price/products.csv", "sku,unit_price\nA,100\nB,10\n");
        _folder.File("price/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,K1,A,2025-03-03,10,90\nSO-2,K2,B,2025-03-04,1,5\n");
        _folder.File("price/chainseg.yaml", "metrics: { roll_up_hierarchy: true }\n");

        var metrics = PipelineOutput.Run(data, _folder.Sub("price-out")).MetricsByCustomer();

        Assert.Equal("H", Assert.Single(metrics.Keys));
        Assert.Equal("0.896", metrics["H"]["price_realisation"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RollUp_OtifCount_IsTheSumOfTheMembersCounts(bool metricsRollUp)
    {
        // Head office H orders nothing; K1's SO-1 arrives on its promise, SO-2 a day late; K2's SO-3 on its promise: K1 1 of
        // 2 OTIF, K2 1 of 1, account H 2 of 3 (0.6667). Under metrics.roll_up_hierarchy customer_metrics lists H alone with
        // its members' counts; under a model's own roll-up it lists each customer's, and the segment holding H (its children
        // inherit it) pools them to the same 2 of 3.
        var data = _folder.Sub("otif");
        _folder.File("otif/customers.csv", "customer_id,name,parent_id\nH,Head office,\nK1,Branch 1,H\nK2,Branch 2,H\n");
        _folder.File("otif/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + "SO-1,K1,A,2025-03-03,1,10\nSO-2,K1,A,2025-03-04,1,10\nSO-3,K2,A,2025-03-05,1,10\n");
        _folder.File("otif/shipments.csv", "shipment_id,order_id,promised_date,delivered_date,quantity_shipped\n"
            + "H1,SO-1,2025-03-10,2025-03-10,1\nH2,SO-2,2025-03-10,2025-03-11,1\nH3,SO-3,2025-03-10,2025-03-09,1\n");
        _folder.File("otif/chainseg.yaml", (metricsRollUp ? "metrics: { roll_up_hierarchy: true }\n" : "")
            + "segmentation:\n  models:\n    accounts:\n      method: rules\n      roll_up_hierarchy: true\n      rules:\n        - { segment: never, when: \"revenue < 0\" }\n      fallback: all\n");

        var output = PipelineOutput.Run(data, _folder.Sub("otif-out"));

        var metrics = output.MetricsByCustomer();
        if (metricsRollUp)
        {
            Assert.Equal("H", Assert.Single(metrics.Keys));
            Assert.Equal(("3", "2", "0.6667"), (metrics["H"]["orders_timed"], metrics["H"]["orders_otif"], metrics["H"]["otif_rate"]));
        }
        else
        {
            Assert.Equal(("0", "0"), (metrics["H"]["orders_timed"], metrics["H"]["orders_otif"]));
            Assert.Equal(("2", "1", "0.5"), (metrics["K1"]["orders_timed"], metrics["K1"]["orders_otif"], metrics["K1"]["otif_rate"]));
            Assert.Equal(("1", "1", "1.0"), (metrics["K2"]["orders_timed"], metrics["K2"]["orders_otif"], metrics["K2"]["otif_rate"]));
        }

        var segment = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")), r => r["model"] == "accounts");
        Assert.Equal(("all", "3", "0.6667"), (segment["segment"], segment["customers"], segment["otif_rate"]));
    }

    public void Dispose() => _folder.Dispose();
}
