using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Tests.Finance;

// DEFINITIONS.md Profitability: a segment's net contribution also carries the carrying cost of the stock held for it.
// One SKU at one location serving two segments, small enough to work by hand with the textbook formulas.
public sealed class SegmentCarryingCostTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // Every day of 2025: customer A orders 3 units of X at DC1, customer B 1 unit (and, where asked, 1 unit of Y).
    private static string Lines(bool withY)
    {
        var text = new StringBuilder("order_id,customer_id,sku,location_id,order_date,quantity,unit_price,margin_amount\n");
        for (var day = new DateOnly(2025, 1, 1); day.Year == 2025; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", Invariant);
            text.Append(Invariant, $"A{day.DayNumber},A,X,DC1,{date},3,10,18\nB{day.DayNumber},B,X,DC1,{date},1,10,6\n");
            if (withY)
                text.Append(Invariant, $"Y{day.DayNumber},B,Y,DC1,{date},1,10,6\n");
        }
        return text.ToString();
    }

    private static string Config(int orderingCost) => $$"""
        policies:
          default: { csl: 0.95, lead_time_days: 3 }
          inventory: { review_period_days: 0 }
        costs:
          holding_cost_rate: 0.25
          ordering_cost: {{orderingCost}}
        """;

    private static double Num(string s) => double.Parse(s, Invariant);

    private PipelineOutput Run(string name, bool withY, int orderingCost = 50)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", Lines(withY));
        // X's stock row: lead time 10 ± 2 days, unit cost 4, its own holding rate 20 % a year (over the config's 25 %). Y has none.
        company.File("inventory.csv", "sku,location_id,on_hand,lead_time_days,lead_time_sd_days,unit_cost,holding_cost_rate\nX,DC1,0,10,2,4,0.2\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,30\n");
        company.File("chainseg.yaml", Config(orderingCost));
        return company.Run();
    }

    // The active model's segment of each customer, and its segment_pnl.csv row.
    private static Dictionary<string, Dictionary<string, string>> PnlByCustomer(PipelineOutput output)
    {
        var active = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Where(a => a["is_active_model"] == "true").ToList();
        var pnl = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_pnl.csv"))
            .Where(r => r["model"] == active[0]["model"]).ToDictionary(r => r["segment"]);
        return active.ToDictionary(a => a["customer_id"], a => pnl[a["segment"]]);
    }

    // X's stock (Silver, Pyke & Thomas 2017, §4.2 and §6.7; Chopra & Meindl 2016, ch. 11-12):
    //   daily demand d = 3 + 1 = 4 units, σ_d = 0 (the same every day); lead time L = 10 days, s_L = 2 days;
    //   σ of lead-time demand = √(L σ_d² + d² s_L²) = √(0 + 16 × 4) = 8; safety stock at CSL 0.95: z = Φ⁻¹(0.95) = 1.6448536,
    //   SS = 1.6448536 × 8 = 13.158829 (no review undershoot under continuous review);
    //   EOQ (Harris): D = 4 × 365.25 = 1,461 a year, h = 4 × 0.20 = 0.80, K = 50: Q = √(2 × 50 × 1461 / 0.8) = √182,625 = 427.346406;
    //   average inventory = Q/2 + SS = 213.673203 + 13.158829 = 226.832032 units; annual carrying cost = 226.832032 × 0.80 = 181.465626.
    // Split by each segment's share of the stocked demand (inventory_by_segment.csv's attribution): A 3/4 = 136.099219 a year,
    // B 1/4 = 45.366406. Charged, as the cost pools are, for the 365 days of the window: × 365 / 365.25 → A 136.01, B 45.34.
    // Cost-to-serve: 30 a year × 365 / 365.25 = 29.979 over 365 + 365 orders → 14.99 each. Net contribution after carrying:
    // A 6,570 − 14.99 − 136.01 = 6,419.00; B 2,190 − 14.99 − 45.34 = 2,129.67. No shipment or service event: the direct costs
    // charged by default (costs.direct, named in the definition id) add nothing.
    [Fact]
    public void Run_OneSkuAtOneLocationServingTwoSegments_CarryingCostIsAverageInventoryTimesHoldingCostSplitByStockedDemand()
    {
        var output = Run("costed", withY: false);

        var pnl = PnlByCustomer(output);
        Assert.NotEqual(pnl["A"]["segment"], pnl["B"]["segment"]);
        Assert.Equal((136.01, 6419.00, "contribution.net[direct=freight,service_events]+carrying"), (Num(pnl["A"]["carrying_cost"]), Num(pnl["A"]["net_contribution"]), pnl["A"]["net_contribution_definition"]));
        Assert.Equal((45.34, 2129.67, "contribution.net[direct=freight,service_events]+carrying"), (Num(pnl["B"]["carrying_cost"]), Num(pnl["B"]["net_contribution"]), pnl["B"]["net_contribution_definition"]));
        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("carrying_cost_unknown", StringComparison.Ordinal));
    }

    // An ordering cost of 23 instead of 50, where rounding the annual figure to the cent first moves both segments a cent:
    //   Q = √(2 × 23 × 1461 / 0.8) = √84,007.5 = 289.840473; average inventory = 144.920237 + 13.158829 = 158.079066;
    //   annual carrying cost = × 0.80 = 126.463253: A 3/4 = 94.847439 a year, B 1/4 = 31.615813 (inventory_by_segment.csv 94.85, 31.62).
    // Charged for the window, × 365 / 365.25: A 94.847439 × 0.99931554 = 94.782520 → 94.78, B 31.594173 → 31.59; the rounded
    // annual figures gave 94.85 × 0.99931554 = 94.785079 → 94.79 and 31.62 × 0.99931554 = 31.598357 → 31.60.
    // Net contribution: A 6,570 − 14.99 − 94.78 = 6,460.23; B 2,190 − 14.99 − 31.59 = 2,143.42.
    [Fact]
    public void Run_AnnualCarryingCostBetweenCents_IsChargedForTheWindowBeforeRoundingOnce()
    {
        var output = Run("between-cents", withY: false, orderingCost: 23);

        var pnl = PnlByCustomer(output);
        var inventory = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "inventory_by_segment.csv")).ToDictionary(r => r["segment"]);
        Assert.Equal((94.85, 31.62), (Num(inventory[pnl["A"]["segment"]]["annual_carrying_cost"]), Num(inventory[pnl["B"]["segment"]]["annual_carrying_cost"])));
        Assert.Equal((94.78, 6460.23), (Num(pnl["A"]["carrying_cost"]), Num(pnl["A"]["net_contribution"])));
        Assert.Equal((31.59, 2143.42), (Num(pnl["B"]["carrying_cost"]), Num(pnl["B"]["net_contribution"])));
    }

    // B also buys Y, which has no unit cost anywhere (no inventory row, no products file): the stock held for B's segment cannot
    // be valued, so its carrying cost is unknown, not 0, and its net contribution is the customers' alone (contribution.net).
    // A's segment holds only X's stock: charged as before. The run warns once, counting what lacks a cost.
    [Fact]
    public void Run_StockOfASkuWithoutUnitCost_ItsSegmentsCarryingCostIsEmptyAndWarnedWithTheCount()
    {
        var output = Run("uncosted", withY: true);

        var pnl = PnlByCustomer(output);
        var metrics = output.MetricsByCustomer();
        Assert.Equal((136.01, "contribution.net[direct=freight,service_events]+carrying"), (Num(pnl["A"]["carrying_cost"]), pnl["A"]["net_contribution_definition"]));
        Assert.Equal(("", "contribution.net[direct=freight,service_events]"), (pnl["B"]["carrying_cost"], pnl["B"]["net_contribution_definition"]));
        Assert.Equal(Num(metrics["B"]["net_contribution"]), Num(pnl["B"]["net_contribution"]), 0.006);
        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("carrying_cost_unknown", StringComparison.Ordinal));
        Assert.Contains("1 stocked SKU-location (1 SKU)", warning, StringComparison.Ordinal);
        Assert.Contains($"1 segment ({pnl["B"]["segment"]})", warning, StringComparison.Ordinal);
        // It names the definition the row is under, the direct costs' brackets included, not a bare id no row carries.
        Assert.Contains($"without it ({pnl["B"]["net_contribution_definition"]})", warning, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
