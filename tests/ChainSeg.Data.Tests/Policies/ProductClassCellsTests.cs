using System.Globalization;
using ChainSeg.Core.Products;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Policies;

/// <summary>
/// One generated company run twice: with the default policies, and with product class cells (Fisher 1997 crossed with the
/// ABC×XYZ segments): innovative SKUs made to order for every segment but AX, whose cell assembles to order at 0.95 CSL.
/// </summary>
public sealed class ProductClassCellsRuns : IDisposable
{
    private readonly TempFolder _folder = new();

    // Under policies:, beside the shortage rules the generated company's own chainseg.yaml (its sources and identifiers) keeps.
    public const string Cells = """
          product_classes:
            innovative:
              fulfilment_mode: make_to_order
              lead_time_days: 10
              segments:
                AX: { fulfilment_mode: assemble_to_order, csl: 0.95 }
        """;

    public ProductClassCellsRuns()
    {
        var data = _folder.Sub("data");
        CompanyGenerator.Generate(new GeneratorOptions(400, 30_000, Seed: 11), data);
        Baseline = PipelineOutput.Run(data, _folder.Sub("baseline")).Result.OutDirectory;
        var config = File.ReadAllText(Path.Combine(data, "chainseg.yaml"));
        Assert.Contains("\npolicies:\n", config, StringComparison.Ordinal);
        var withCells = _folder.File("chainseg.yaml", config.Replace("\npolicies:\n", "\npolicies:\n" + Cells + "\n", StringComparison.Ordinal));
        WithCells = PipelineOutput.Run(data, _folder.Sub("cells"), withCells).Result.OutDirectory;
    }

    public string Baseline { get; }

    public string WithCells { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class ProductClassCellsTests(ProductClassCellsRuns runs) : IClassFixture<ProductClassCellsRuns>
{
    private static List<Dictionary<string, string>> Read(string folder, string file) => CsvFile.ReadRecords(Path.Combine(folder, file));

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static Dictionary<(string, string), Dictionary<string, string>> Policies(string folder) =>
        Read(folder, "inventory_policies.csv").ToDictionary(p => (p["sku"], p["location_id"]));

    // DEFINITIONS.md: make-to-order cells carry no safety stock. With "highest", AX (0.98 CSL, the highest default target)
    // drives every SKU-location it buys at, so the baseline's driver says where AX has demand without the cells' logic: an
    // innovative SKU-location keeps stock exactly there (AX's cell, 0.95 CSL) and holds none anywhere else.
    [Fact]
    public void InnovativeSkuLocations_HoldStockOnlyForAxsCell()
    {
        var baseline = Policies(runs.Baseline);
        var innovative = Policies(runs.WithCells).Values.Where(p => p["product_class"] == FisherProductClass.Innovative).ToList();
        Assert.True(innovative.Count >= 50, $"only {innovative.Count} innovative SKU-locations");

        var stocked = innovative.Where(p => p["target_definition"] != "make_to_order").ToList();
        Assert.Equal(innovative.Where(p => baseline[(p["sku"], p["location_id"])]["driving_segment"] == "AX").Select(p => (p["sku"], p["location_id"])).Order(),
            stocked.Select(p => (p["sku"], p["location_id"])).Order());
        Assert.NotEmpty(stocked);
        Assert.All(stocked, p => Assert.Equal(("csl", 0.95, "AX"), (p["target_definition"], D(p["target"]), p["driving_segment"])));
        Assert.All(innovative.Except(stocked), p => Assert.Equal((0.0, 0.0, "no safety stock"), (D(p["safety_stock"]), D(p["daily_demand_mean"]), p["explanation"])));
        // AX's demand alone is protected where it is stocked: no more than every stocked segment's demand was before.
        Assert.All(stocked, p => Assert.True(D(p["daily_demand_mean"]) <= D(baseline[(p["sku"], p["location_id"])]["daily_demand_mean"]) + 1e-9));
        Assert.Contains(stocked, p => D(p["daily_demand_mean"]) < D(baseline[(p["sku"], p["location_id"])]["daily_demand_mean"]));
    }

    // The cells are the innovative class's alone: every other SKU-location's policy is the baseline's, figure for figure.
    [Fact]
    public void OtherProductClasses_KeepTheSegmentsPolicies()
    {
        var baseline = Policies(runs.Baseline);
        var others = Policies(runs.WithCells).Values.Where(p => p["product_class"] != FisherProductClass.Innovative).ToList();

        Assert.True(others.Count >= 500, $"only {others.Count} other SKU-locations");
        Assert.All(others, p => Assert.Equal(baseline[(p["sku"], p["location_id"])], p));
    }

    // inventory_policies names each row's class as product_classes.csv classes the SKU.
    [Fact]
    public void InventoryPolicies_NameTheSkusProductClass()
    {
        var classes = Read(runs.WithCells, "product_classes.csv").ToDictionary(c => c["sku"], c => c["product_class"]);

        Assert.All(Read(runs.WithCells, "inventory_policies.csv"), p => Assert.Equal(classes[p["sku"]], p["product_class"]));
    }

    // service_policies.csv lists each segment's own policy (product_class all) and a row per cell its class changes; CZ,
    // already made to order in 10 days, gets none.
    [Fact]
    public void ServicePolicies_ListTheCellsTheClassChanges()
    {
        var rows = Read(runs.WithCells, "service_policies.csv");
        var own = rows.Where(r => r["product_class"] == "all").ToDictionary(r => r["segment"]);
        var cells = rows.Where(r => r["product_class"] == FisherProductClass.Innovative).ToDictionary(r => r["segment"]);

        Assert.Equal(Read(runs.Baseline, "service_policies.csv").Select(r => r["segment"]).Order(), own.Keys.Order());
        var ax = cells["AX"];
        Assert.Equal(("assemble_to_order", "csl", "0.95", "10", "1"), (ax["fulfilment_mode"], ax["target_definition"], ax["target"], ax["lead_time_days"], ax["priority"]));
        Assert.Equal("segment AX → its own policy; innovative products → assemble_to_order, 0.95 CSL, 10 business days", ax["decided_by"]);
        Assert.All(cells.Values.Where(c => c["segment"] != "AX"), c => Assert.Equal(("make_to_order", "none", "false", "10"),
            (c["fulfilment_mode"], c["target_definition"], c["carries_safety_stock"], c["lead_time_days"])));
        Assert.Equal(own.Keys.Where(s => s != "CZ").Order(), cells.Keys.Order());
        // A cell's customers are the segment's who bought an innovative SKU in the window: some of AX's, never more than all.
        Assert.All(cells.Values, c => Assert.InRange(long.Parse(c["customers"], CultureInfo.InvariantCulture), 0, long.Parse(own[c["segment"]]["customers"], CultureInfo.InvariantCulture)));
        Assert.InRange(long.Parse(ax["customers"], CultureInfo.InvariantCulture), 1, long.Parse(own["AX"]["customers"], CultureInfo.InvariantCulture));
        // … and some exactly where segment_product_mix (its own grouping of the window's lines) has innovative lines.
        var buying = Read(runs.WithCells, "segment_product_mix.csv").Where(m => m["product_class"] == FisherProductClass.Innovative && long.Parse(m["lines"], CultureInfo.InvariantCulture) > 0)
            .Select(m => m["segment"]).ToHashSet();
        Assert.All(cells.Values, c => Assert.Equal(buying.Contains(c["segment"]), long.Parse(c["customers"], CultureInfo.InvariantCulture) > 0));
    }

    [Theory]
    [InlineData("    inovative: { fulfilment_mode: make_to_order }",
        "policies.product_classes.inovative: 'inovative' is not a product class; use functional, innovative, unclassified (Fisher's product axis, product_classes.csv).")]
    [InlineData("    innovative: { fulfilment_mode: make_to_order, csl: 0.9 }",
        "policies.product_classes.innovative: a make_to_order cell carries no safety stock, so it takes no csl or fill_rate; remove the target.")]
    [InlineData("    innovative: { csl: 95 }",
        "policies.product_classes.innovative.csl must be a fraction between 0 and 1")]
    [InlineData("    functional: { fulfilment_mode: make_to_stock }",
        "policies.product_classes: Product class 'functional', segment 'CZ': A make_to_stock policy needs a csl or fill_rate target")]
    [InlineData("    functional:\n      segments:\n        AX: { lead_time_days: 400 }",
        "policies.product_classes.functional.segments.AX.lead_time_days must be in [0, 365] business days; got 400.")]
    [InlineData("    innovative:\n      fulfilment_mode: make_to_order\n      segments:\n        AX: { csl: 0.97 }",
        "policies.product_classes.innovative: Segment 'AX' sets a csl target of 0.97, but the class makes its cell make_to_order, which holds no stock;")]
    [InlineData("    innovative: { fulfilment_mode: build_to_order }",
        "policies.product_classes.innovative: ")]
    public void Settings_AWrongCell_IsRefusedNamingIt(string cell, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(ConfigLoader.Parse("policies:\n  product_classes:\n" + cell)));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    // A cell for a segment the active model never assigns is a misspelling that changes nothing: validate says so.
    [Fact]
    public void NeverAssigned_ACellsSegmentTheModelCannotAssign_IsWarned()
    {
        var config = ConfigLoader.Parse("policies:\n  product_classes:\n    innovative:\n      segments:\n        AXX: { lead_time_days: 5 }");
        var (models, active) = ConfigCheck.Settings(config);

        var warning = Assert.Single(ChainSeg.Data.Policies.PolicySegmentNames.NeverAssigned(config, active, models.Models[active]));

        Assert.StartsWith("policy_unknown_segment: policies.product_classes.innovative.segments.AXX names segment 'AXX'", warning, StringComparison.Ordinal);
    }

    // A case slip is the usual misspelling: the warning names the segment it meant.
    [Fact]
    public void NeverAssigned_ACaseSlipInACellsSegment_NamesTheSegmentItMeant()
    {
        var config = ConfigLoader.Parse("policies:\n  product_classes:\n    innovative:\n      segments:\n        ax: { lead_time_days: 5 }");
        var (models, active) = ConfigCheck.Settings(config);

        var warning = Assert.Single(ChainSeg.Data.Policies.PolicySegmentNames.NeverAssigned(config, active, models.Models[active]));

        Assert.EndsWith("; check the name (did you mean AX?).", warning, StringComparison.Ordinal);
    }
}
