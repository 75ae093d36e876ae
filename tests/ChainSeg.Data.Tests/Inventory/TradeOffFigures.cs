using System.Globalization;

namespace ChainSeg.Data.Tests.Inventory;

/// <summary>What tradeoff_curve.csv must share with simulation.csv: at a segment's own target, the published policies' figures.</summary>
internal static class TradeOffFigures
{
    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // A simulated rate without observations (no completed cycle, no demand) is written empty.
    private static double Measured(string text) => text.Length == 0 ? double.NaN : D(text);

    /// <summary>
    /// Compares every segment of at most <paramref name="curveSkuLocations"/> SKU-locations (all of them on the curve) with one
    /// target kind to the curve's point at its mean target; returns how many were compared.
    /// </summary>
    public static int AssertCurveReproducesSimulation(List<Dictionary<string, string>> simulation, List<Dictionary<string, string>> curve, int curveSkuLocations)
    {
        var compared = 0;
        foreach (var s in simulation.Where(s => int.Parse(s["sku_locations"], CultureInfo.InvariantCulture) <= curveSkuLocations && s["target_definition"] != "mixed"))
        {
            var point = curve.SingleOrDefault(c => c["segment"] == s["segment"] && c["demand_class"] == s["demand_class"]
                && c["target_definition"] == s["target_definition"] && Math.Abs(D(c["target"]) - D(s["mean_target"])) < 1e-9);
            if (point is null)
                continue;
            compared++;
            // The published reorder points are rounded to 3 decimals; the curve's are exact: on hand may differ by that much per SKU-location.
            var n = int.Parse(s["sku_locations"], CultureInfo.InvariantCulture);
            var where = $"{s["segment"]} / {s["demand_class"]} at {s["mean_target"]}";
            Assert.Equal(s["sku_locations"], point["sku_locations"]);
            Assert.Equal(s["achieved_csl"].Length == 0, point["achieved_csl"].Length == 0);
            if (s["achieved_csl"].Length > 0)
                Assert.True(Math.Abs(D(s["achieved_csl"]) - D(point["achieved_csl"])) <= 0.002, $"{where}: achieved_csl {s["achieved_csl"]} published, {point["achieved_csl"]} on the curve");
            var (published, curved) = (Measured(s["achieved_fill_rate"]), Measured(point["achieved_fill_rate"]));
            Assert.True(double.IsNaN(published) ? double.IsNaN(curved) : Math.Abs(published - curved) <= 0.002,
                $"{where}: achieved_fill_rate {s["achieved_fill_rate"]} published, {point["achieved_fill_rate"]} on the curve");
            Assert.True(Math.Abs(D(s["average_on_hand"]) - D(point["average_on_hand"])) <= 0.0005 * n + 0.01,
                $"{where}: average_on_hand {s["average_on_hand"]} published, {point["average_on_hand"]} on the curve");
        }
        return compared;
    }
}
