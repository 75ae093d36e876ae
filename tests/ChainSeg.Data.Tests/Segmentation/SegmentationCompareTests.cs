using ChainSeg.Data.Configuration;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationCompareTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // A rules model of four tiers on revenue; each customer orders once, so its revenue is the line's price.
    private const string Config = """
        segmentation:
          models:
            tiers:
              method: rules
              rules:
                - { segment: platinum, when: "revenue >= 1000" }
                - { segment: gold, when: "revenue >= 500" }
                - { segment: silver, when: "revenue >= 100" }
              fallback: bronze
        """;

    // First run: L1 platinum (the only one, and it leaves), C1–C3 silver, C4–C6 bronze. Second run: C2 falls to bronze,
    // C5 rises to silver, E1 enters as gold (the only one); the others keep their tier.
    private static readonly (string Customer, int Revenue)[] First =
        [("L1", 1200), ("C1", 200), ("C2", 150), ("C3", 300), ("C4", 50), ("C5", 60), ("C6", 70)];
    private static readonly (string Customer, int Revenue)[] Second =
        [("C1", 200), ("C2", 50), ("C3", 300), ("C4", 50), ("C5", 160), ("C6", 70), ("E1", 600)];

    private string Store()
    {
        var output = _folder.Sub("out");
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var (customers, i) in new[] { First, Second }.Select((c, i) => (c, i)))
        {
            var data = _folder.Sub($"data-{i}");
            File.WriteAllText(Path.Combine(data, "chainseg.yaml"), Config);
            File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n"
                + string.Concat(customers.Select(c => $"SO-{c.Customer},{c.Customer},X,2025-04-01,1,{c.Revenue}\n")));
            PipelineOutput.Run(data, output, clock: new FixedClock(start.AddMinutes(i)));
        }
        return Path.Combine(output, StoreLocation.DefaultFileName);
    }

    [Fact]
    public void Compare_TwoRuns_GivesTheHandCountedTable()
    {
        // Hand-counted from First and Second. In both: C1, C3 silver → silver; C2 silver → bronze; C4, C6 bronze → bronze;
        // C5 bronze → silver: 2 of 6 changed. L1 (platinum) only in the first, E1 (gold) only in the second, so each side's
        // segment list is its own (platinum only before, gold only after), not the four of the table.
        // Adjusted Rand index (Hubert & Arabie 1985) of the contingency [[2, 1], [1, 2]]: index Σ C(nij, 2) = 2; rows and
        // columns Σ C(3, 2) = 6 each; expected 6 · 6 / C(6, 2) = 2.4; maximum (6 + 6) / 2 = 6; (2 − 2.4) / (6 − 2.4) = −1/9.
        using var store = ChainSegStore.Open(Store());

        var comparison = new SegmentationHistory(store).Compare("previous", "current");

        var m = comparison.Transitions;
        Assert.Equal(["bronze", "platinum", "silver"], comparison.FromSegments);
        Assert.Equal(["bronze", "gold", "silver"], comparison.ToSegments);
        Assert.Equal(["bronze", "gold", "platinum", "silver"], m.Segments);
        Assert.Equal((2, 1, 1, 2), (m.Count("silver", "silver"), m.Count("silver", "bronze"), m.Count("bronze", "silver"), m.Count("bronze", "bronze")));
        Assert.Equal(6, m.CustomersInBoth);
        Assert.Equal(2, m.Changed);
        Assert.Equal(1.0 / 3, m.ShareChanged, 12);
        Assert.Equal(2.0 / 3, m.RowShare("silver", "silver"), 12);
        Assert.Equal((1, 1, 1, 1), (m.TotalLeft, m.Left("platinum"), m.TotalEntered, m.Entered("gold")));
        Assert.Equal(-1.0 / 9, comparison.AdjustedRandIndex, 12);
        Assert.Equal(("tiers", "tiers", false), (comparison.FromModel, comparison.ToModel, comparison.ModelChanged));
    }

    [Fact]
    public void Compare_RunWhoseModelHasNoArchivedRows_NamesTheModelsItHas()
    {
        // The first run's summary still names tiers as its active model, but the archive holds its rows under another name.
        using var store = ChainSegStore.Open(Store());
        var previous = store.Runs()[1].RunId;
        store.Connection.Execute($"UPDATE assignment_history SET model = 'bands', is_active_model = false WHERE run_id = '{previous}'");

        var error = Assert.Throws<ConfigurationException>(() => new SegmentationHistory(store).Compare("previous", "current"));

        Assert.Equal($"run {previous} has no archived model 'tiers'; it has: bands.", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
