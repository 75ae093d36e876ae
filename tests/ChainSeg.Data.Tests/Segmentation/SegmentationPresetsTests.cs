using System.Globalization;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationPresetsTests(SmallCompany company) : IClassFixture<SmallCompany>
{
    private static SegmentationModelConfig Model(string yaml) =>
        ConfigLoader.Parse("segmentation:\n  models:\n    m:\n" + yaml).Segmentation!.Models["m"];

    [Fact]
    public void Gattorna_Written_IsARulesModelWithThePresetsRulesAndSource()
    {
        var model = Model("      method: gattorna\n");

        Assert.Equal("rules", model.Method);
        Assert.Equal("gattorna", model.Preset);
        Assert.Equal(["fully_flexible", "agile", "lean", "continuous_replenishment"], model.Rules.Select(r => r.Segment));
        Assert.Equal("lean", model.Fallback);
        Assert.Contains("Gattorna 2006", model.Assumptions);
        ConfigCheck.Settings(ConfigLoader.Parse("segmentation:\n  models:\n    m:\n      method: gattorna\n"));
    }

    [Fact]
    public void Preset_SettingsTheModelWrites_WinOverThePresets()
    {
        var model = Model("""
                  method: gattorna
                  fallback: transactional
                  assumptions: ours
                  hysteresis: { periods: 2 }
            """ + "\n");

        Assert.Equal("transactional", model.Fallback);
        Assert.Equal("ours", model.Assumptions);
        Assert.Equal(2, model.Hysteresis?.Periods);
        Assert.Equal(4, model.Rules.Count);

        var own = Model("""
                  method: gattorna
                  rules:
                    - segment: agile
                      when: "expedite_rate >= 0.2"
            """ + "\n");
        Assert.Equal("expedite_rate >= 0.2", Assert.Single(own.Rules).When);
        Assert.Equal("lean", own.Fallback);
    }

    [Fact]
    public void OrderProfile_OwnDimensions_KeepOnlyThePresetsLogScaleOfThose()
    {
        var preset = Model("      method: order_profile\n");
        Assert.Equal("kmeans", preset.Method);
        // DEFINITIONS.md's drivers: lines per order, units per line, order value, drop size, orders per delivery (as
        // deliveries per order, its inverse), expedite share, order corrections (the share of orders changed) and returns,
        // with the ordering frequency.
        Assert.Equal(["lines_per_order", "units_per_line", "avg_order_value", "drop_size", "deliveries_per_order", "orders_per_month", "expedite_rate", "order_change_rate", "return_rate"],
            preset.Dimensions);
        Assert.Equal(["lines_per_order", "units_per_line", "avg_order_value", "drop_size", "orders_per_month"], preset.LogScale);
        Assert.Equal(0.03, preset.Size?.MinShare);

        var own = Model("      method: order_profile\n      dimensions: [avg_order_value, return_rate]\n      max_segments: 4\n");
        Assert.Equal(["avg_order_value", "return_rate"], own.Dimensions);
        Assert.Equal(["avg_order_value"], own.LogScale);
        ConfigCheck.Settings(ConfigLoader.Parse("segmentation:\n  models:\n    m:\n      method: order_profile\n      dimensions: [avg_order_value, return_rate]\n"));
    }

    [Fact]
    public void OrderProfile_DataWithoutShipments_ClustersOnTheOtherDriversAndSaysTheDeliveryOnesAreEmpty()
    {
        // Without shipments (the UCI Online Retail example) drop_size and deliveries_per_order are empty for every customer,
        // as expedite_rate is without service events and order_change_rate without a change log: each is one constant (z = 0)
        // that shapes no cluster, and the run warns metric_without_values for each. The customers land where the preset
        // without the delivery drivers puts them.
        const int customers = 40;
        double[] Column(Func<int, double> value) => Enumerable.Range(0, customers).Select(value).ToArray();
        var empty = Column(_ => double.NaN);
        var metrics = new CustomerMetricSet(Enumerable.Range(0, customers).Select(i => $"C-{i:D2}").ToArray(),
        [
            new MetricColumn("lines_per_order", Column(i => 1 + (i % 4 * 3) + (i % 3 * 0.1))),
            new MetricColumn("units_per_line", Column(i => 2 + (i % 5 * 20))),
            new MetricColumn("avg_order_value", Column(i => 50 * Math.Pow(4, i % 4) + i)),
            new MetricColumn("orders_per_month", Column(i => 0.5 + (i % 7))),
            new MetricColumn("return_rate", Column(i => i % 6 * 0.02)),
            new MetricColumn("orders", Column(_ => 4)),
            new MetricColumn("expedite_rate", empty), new MetricColumn("order_change_rate", empty), new MetricColumn("drop_size", empty), new MetricColumn("deliveries_per_order", empty),
        ]);
        var snapshot = new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month"));
        var preset = Model("      method: order_profile\n");
        var withoutDeliveries = Model("      method: order_profile\n      dimensions: [lines_per_order, units_per_line, avg_order_value, orders_per_month, expedite_rate, order_change_rate, return_rate]\n");

        var outcome = SegmentationMethods.Run("m", preset, snapshot);
        var expected = SegmentationMethods.Run("m", withoutDeliveries, snapshot);

        Assert.Equal(expected.Assignments.Select(a => (a.CustomerId, a.Segment, a.Reason)), outcome.Assignments.Select(a => (a.CustomerId, a.Segment, a.Reason)));
        Assert.True(outcome.Assignments.Select(a => a.Segment).Distinct().Count() >= 3, "the drivers with values should still tell at least three groups apart");
        var unvalued = outcome.Warnings.Where(w => w.Kind == "metric_without_values").Select(w => w.Message).ToList();
        Assert.Equal(4, unvalued.Count);
        Assert.All(new[] { "expedite_rate", "order_change_rate", "drop_size", "deliveries_per_order" }, d => Assert.Contains(unvalued, m => m.StartsWith($"no customer has a value for {d},", StringComparison.Ordinal)));
    }

    [Fact]
    public void Gattorna_ManyOrderChangesFewExpedites_IsAgileForItsOrderChanges()
    {
        // Gattorna's demanding customers change their orders often (DEFINITIONS.md: order-change rates): one that expedites
        // little but changes 40 % of its orders is agile, and its reason names the order changes; one that does neither is not.
        // Without a change log (order_change_rate empty for all) the expedite share alone still decides: unknown or true is true.
        static CustomerMetricSet Metrics(double[] orderChangeRates) => new(["CHANGER", "EXPEDITER", "CALM"],
        [
            new MetricColumn("orders", [20, 20, 20]), new MetricColumn("expedite_rate", [0.02, 0.25, 0.02]),
            new MetricColumn("order_change_rate", orderChangeRates), new MetricColumn("price_realisation", [0.95, 0.95, 0.95]),
            new MetricColumn("demand_cv", [0.9, 0.9, 0.9]),
        ], [new TextColumn("demand_class", ["erratic", "erratic", "erratic"])]);

        ModelOutcome Run(CustomerMetricSet set) =>
            SegmentationMethods.Run("m", Model("      method: gattorna\n"), new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), set, DemandBucket.Parse("month")));
        var logged = Run(Metrics([0.4, 0.0, 0.03])).Assignments.ToDictionary(a => a.CustomerId);
        var withoutLog = Run(Metrics([double.NaN, double.NaN, double.NaN])).Assignments.ToDictionary(a => a.CustomerId);

        Assert.Equal(GattornaAlignment.Agile, logged["CHANGER"].Segment);
        Assert.Contains("order_change_rate 0.4 ≥ 0.1", logged["CHANGER"].Reason);
        Assert.Equal(GattornaAlignment.Agile, logged["EXPEDITER"].Segment);
        Assert.Equal(GattornaAlignment.Lean, logged["CALM"].Segment);
        Assert.Equal([GattornaAlignment.Lean, GattornaAlignment.Agile, GattornaAlignment.Lean], new[] { "CHANGER", "EXPEDITER", "CALM" }.Select(c => withoutLog[c].Segment));
        Assert.Contains("order_change_rate", Model("      method: gattorna\n").Assumptions);
    }

    [Fact]
    public void Preset_ASettingOfAnotherMethod_IsRefusedNamingTheMethodItExpandedTo()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(ConfigLoader.Parse(
            "segmentation:\n  models:\n    m:\n      method: gattorna\n      dimensions: [revenue]\n")));
        Assert.Equal("segmentation.models.m.dimensions applies to method kmeans, not rules (method gattorna is a rules model); remove it or change the method.", e.Message);
    }

    [Fact]
    public void UnknownMethod_MessageListsThePresets()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(ConfigLoader.Parse(
            "segmentation:\n  models:\n    m:\n      method: fisher\n")));
        Assert.Contains("method 'fisher' is not known", e.Message);
        Assert.Contains("order_profile, gattorna, shapiro", e.Message);
    }

    [Fact]
    public void ModelWithoutPreset_DefinitionHash_IsUnchangedByThePresetSetting()
    {
        // Stores registered their models' definitions before presets existed; a hash that now read "preset": null would
        // warn version_not_bumped for every model of every existing store.
        var model = Model("      method: abc\n");
        var json = System.Text.Json.JsonSerializer.Serialize(model, new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower });
        Assert.DoesNotContain("preset", json);
        Assert.NotEqual(SegmentationRecords.DefinitionHash(Model("      method: gattorna\n")),
            SegmentationRecords.DefinitionHash(Model("      method: rules\n      rules: []\n      fallback: lean\n")));
    }

    [Fact]
    public void Gattorna_Run_AssignsWhatItsRulesSayOfTheMetricsAndTheirDefaultPolicies()
    {
        var output = company.Run("""
            segmentation:
              active: alignment
              models:
                alignment: { method: gattorna }
            """);
        var metrics = Read(output, "customer_metrics.csv").ToDictionary(m => m["customer_id"]);
        var assigned = Read(output, "assignments.csv").Where(a => a["model"] == "alignment").ToList();

        // The preset's rules read from the published metrics, first match wins: a path apart from the product's rule engine.
        static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
        string Expected(Dictionary<string, string> m)
        {
            if (Number(m["orders"]) is not > 0)
                return SegmentationMethods.Inactive;
            if (m["demand_class"] == "lumpy")
                return GattornaAlignment.FullyFlexible;
            if (Number(m["expedite_rate"]) >= 0.10 || Number(m["order_change_rate"]) >= 0.10)
                return GattornaAlignment.Agile;
            if (Number(m["price_realisation"]) <= 0.85)
                return GattornaAlignment.Lean;
            if (m["demand_class"] == "smooth" && Number(m["demand_cv"]) <= 0.5)
                return GattornaAlignment.ContinuousReplenishment;
            return GattornaAlignment.Lean;
        }
        Assert.Equal(metrics.Count, assigned.Count);
        Assert.All(assigned, a => Assert.Equal(Expected(metrics[a["customer_id"]]), a["segment"]));
        Assert.True(assigned.Select(a => a["segment"]).Distinct().Count() >= 3, "the small company should fill at least three of the four types");

        // The generator plants bulk distributors buying 27 % below list (CustomerArchetype.cs): those neither lumpy nor
        // expediting are lean for their price, and their reasons say so rather than that they matched no rule.
        var archetypes = CsvFile.ReadRecords(Path.Combine(company.Data, "truth", "customer_archetypes.csv")).ToDictionary(r => r["customer_id"], r => r["archetype"]);
        var priceDriven = assigned.Where(a => archetypes.GetValueOrDefault(a["customer_id"]) == "bulk_distributor"
            && a["segment"] is not (SegmentationMethods.Inactive or GattornaAlignment.FullyFlexible or GattornaAlignment.Agile)).ToList();
        Assert.True(priceDriven.Count >= 5, $"{priceDriven.Count} bulk distributors to judge");
        Assert.All(priceDriven, a => Assert.Equal(GattornaAlignment.Lean, a["segment"]));
        Assert.All(priceDriven, a => Assert.Contains("price_realisation", a["reason"]));

        var policies = Read(output, "service_policies.csv").ToDictionary(p => p["segment"]);
        Assert.Equal("make_to_order", policies[GattornaAlignment.FullyFlexible]["fulfilment_mode"]);
        Assert.Equal("false", policies[GattornaAlignment.FullyFlexible]["carries_safety_stock"]);
        Assert.Equal("0.92", policies[GattornaAlignment.Lean]["target"]);
        Assert.All(policies.Values.Where(p => p["segment"] != SegmentationMethods.Inactive), p => Assert.Equal("false", p["is_fallback"]));

        // route, allocate and capacity read the run's policies back from the store: the preset's map, not the rules default.
        using var store = ChainSeg.Data.Store.ChainSegStore.Open(output.Result.StorePath);
        var book = ChainSeg.Data.Policies.PolicyBookFactory.ForRun(store.Connection, store.CurrentRun()!, new ChainSegConfig());
        Assert.Equal(ChainSeg.Core.Policies.FulfilmentMode.MakeToOrder, book.Resolve(GattornaAlignment.FullyFlexible).Policy.FulfilmentMode);
        Assert.False(book.Resolve(GattornaAlignment.Agile).IsFallback);
    }

    [Fact]
    public void Shapiro_Written_IsARulesModelSplittingBothAxesAtTheirMedians()
    {
        var model = Model("      method: shapiro\n");

        Assert.Equal("rules", model.Method);
        Assert.Equal("shapiro", model.Preset);
        Assert.Equal(["carriage_trade", "passive", "aggressive", "bargain_basement"], model.Rules.Select(r => r.Segment));
        Assert.Equal("unplaced", model.Fallback);
        Assert.Contains("Shapiro, Rangan, Moriarty & Ross 1987", model.Assumptions);
        ConfigCheck.Settings(ConfigLoader.Parse("segmentation:\n  models:\n    m:\n      method: shapiro\n"));
    }

    [Fact]
    public void Shapiro_Run_PlacesEachCustomerByItsMediansAndTheQuadrantsDefaultPolicies()
    {
        var output = company.Run("""
            segmentation:
              active: matrix
              models:
                matrix: { method: shapiro }
            """);
        var metrics = Read(output, "customer_metrics.csv").ToDictionary(m => m["customer_id"]);
        var assigned = Read(output, "assignments.csv").Where(a => a["model"] == "matrix").ToList();

        // The medians by hand over the published metrics of the customers with an order in the window (the rules segment
        // those), each axis over the customers with a value: a path apart from the product's rule engine and percentiles.
        static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
        var active = metrics.Values.Where(m => Number(m["orders"]) > 0).ToList();
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
        var price = Median(active.Select(m => Number(m["price_realisation"])).OfType<double>());
        var cost = Median(active.Select(m => Number(m["cost_to_serve_pct"])).OfType<double>());
        string Expected(Dictionary<string, string> m)
        {
            if (Number(m["orders"]) is not > 0)
                return SegmentationMethods.Inactive;
            if (Number(m["price_realisation"]) is not { } p || Number(m["cost_to_serve_pct"]) is not { } c)
                return ShapiroQuadrant.Unplaced;
            return (p >= price, c >= cost) switch
            {
                (true, true) => ShapiroQuadrant.CarriageTrade,
                (true, false) => ShapiroQuadrant.Passive,
                (false, true) => ShapiroQuadrant.Aggressive,
                _ => ShapiroQuadrant.BargainBasement,
            };
        }
        Assert.Equal(metrics.Count, assigned.Count);
        Assert.All(assigned, a => Assert.Equal(Expected(metrics[a["customer_id"]]), a["segment"]));
        Assert.Equal(4, assigned.Select(a => a["segment"]).Where(s => s != SegmentationMethods.Inactive && s != ShapiroQuadrant.Unplaced).Distinct().Count());

        // Each quadrant's price realisation pools its customers' (weighted by list value), so the high-price quadrants read
        // above the median and the low-price ones below it.
        var summary = Read(output, "segment_summary.csv").Where(r => r["model"] == "matrix").ToDictionary(r => r["segment"]);
        foreach (var quadrant in new[] { ShapiroQuadrant.CarriageTrade, ShapiroQuadrant.Passive, ShapiroQuadrant.Aggressive, ShapiroQuadrant.BargainBasement })
        {
            var members = assigned.Where(a => a["segment"] == quadrant).Select(a => metrics[a["customer_id"]]).ToList();
            var pooled = members.Sum(m => Number(m["price_realisation"])!.Value * Number(m["list_value"])!.Value) / members.Sum(m => Number(m["list_value"])!.Value);
            var reported = Number(summary[quadrant]["price_realisation"])!.Value;
            Assert.InRange(reported, pooled - 0.00006, pooled + 0.00006);
            Assert.True(quadrant is ShapiroQuadrant.CarriageTrade or ShapiroQuadrant.Passive ? reported >= price : reported < price, $"{quadrant}: {reported} against the median {price}");
        }

        var policies = Read(output, "service_policies.csv").ToDictionary(p => p["segment"]);
        Assert.Equal("0.98", policies[ShapiroQuadrant.CarriageTrade]["target"]);
        Assert.Equal("cross_dock", policies[ShapiroQuadrant.BargainBasement]["route"]);
        Assert.All(policies.Values.Where(p => p["segment"] is not (SegmentationMethods.Inactive or ShapiroQuadrant.Unplaced)),
            p => Assert.Equal("false", p["is_fallback"]));
    }

    private static List<Dictionary<string, string>> Read(PipelineOutput output, string file) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, file));
}
