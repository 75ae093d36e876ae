using System.Globalization;

namespace ChainSeg.Data.Tests.Inventory;

/// <summary>Arithmetic every row of inventory_policies.csv must satisfy, recomputed from the row's own inputs.</summary>
internal static class InventoryFigures
{
    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Checks one row; orderingCost and kanbanFactor are the configuration's (defaults 100 and 0.1).</summary>
    public static void AssertConsistent(Dictionary<string, string> p, double orderingCost = 100, double kanbanFactor = 0.1)
    {
        var where = $"{p["sku"]} at {p["location_id"]}";
        if (p["target_definition"] == "make_to_order")
        {
            // Make-to-order only: nothing stocked, nothing carried.
            Assert.True(D(p["order_qty"]) == 0 && D(p["safety_stock"]) == 0 && D(p["max_qty"]) == 0 && D(p["annual_carrying_cost"]) == 0, where);
            Assert.Equal("", p["kanban_cards"]);
            return;
        }

        Assert.Contains(p["target_definition"], new[] { "csl", "fill_rate" });
        var q = D(p["order_qty"]);
        var daily = D(p["daily_demand_mean"]);
        // EOQ = √(2KD/h), D = daily stocked demand × 365.25, h = unit cost × holding rate. The file rounds the daily mean to 6
        // decimals, which moves √D by up to half that relative error, and Q to 3.
        var h = D(p["unit_cost"]) * D(p["holding_cost_rate"]);
        var eoq = Math.Sqrt(2 * orderingCost * daily * 365.25 / h);
        Assert.InRange(Math.Abs(q - eoq) / eoq, 0, 0.5 * 0.0000005 / daily + 0.0005 / q + 1e-9);
        Assert.Equal(D(p["reorder_point"]), D(p["min_qty"]), 3);
        Assert.InRange(Math.Abs(D(p["reorder_point"]) + q - D(p["max_qty"])), 0, 0.002);
        // Safety stock is the reorder point above the mean protected demand (lead-time demand + review undershoot).
        Assert.InRange(Math.Abs(D(p["reorder_point"]) - D(p["protected_demand_mean"]) - D(p["safety_stock"])), 0, 0.002);
        // Lead-time demand d·L plus the undershoot.
        Assert.InRange(Math.Abs(daily * D(p["lead_time_days"]) + D(p["review_undershoot"]) - D(p["protected_demand_mean"])), 0, 0.002 + 1e-6 * D(p["lead_time_days"]));
        // Figures are rounded to 3 decimals (stock) and 2 (money) in the file.
        Assert.InRange(Math.Abs((Math.Max(0, D(p["safety_stock"])) + q / 2) * h - D(p["annual_carrying_cost"])), 0, h * 0.001 + 0.006);
        // Kanban N = ⌈d·L·(1 + α)/C⌉.
        var cards = daily * D(p["lead_time_days"]) * (1 + kanbanFactor) / D(p["kanban_container"]);
        Assert.InRange(int.Parse(p["kanban_cards"], CultureInfo.InvariantCulture), Math.Ceiling(cards - 1e-6) - 1, Math.Ceiling(cards + 1e-6));
        // The service the formulas promise at the reorder point meets the row's target (discrete models may exceed it). Segment
        // reserves are set per segment, so the pooled promise is checked where that rule is tested.
        if (p["target_rule"] == "segment_reserves")
            return;
        var promised = D(p[p["target_definition"] == "csl" ? "analytic_csl" : "analytic_fill_rate"]);
        Assert.True(promised >= D(p["target"]) - 1e-5, $"{where}: {p["target_definition"]} {promised} below target {p["target"]}");
    }
}
