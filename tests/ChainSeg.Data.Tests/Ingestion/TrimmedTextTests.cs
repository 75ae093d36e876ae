namespace ChainSeg.Data.Tests.Ingestion;

/// <summary>
/// Texts (region, activity, channel) are trimmed at ingest of tabs, line breaks, vertical tabs and form feeds as they are
/// of spaces: each test's files are written by hand (as bytes, so a carriage return or form feed stays in its field) and
/// the expected values counted from them.
/// </summary>
public sealed class TrimmedTextTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string OrderLines = "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,C1,SKU1,2025-01-06,1,10\nO2,C2,SKU1,2025-01-07,1,10\nO3,C3,SKU1,2025-01-08,1,10\n";

    private HandMadeCompany Company(string name, params (string File, string Content)[] files)
    {
        var company = new HandMadeCompany(_folder, name);
        foreach (var (file, content) in files.Prepend(("order_lines.csv", OrderLines)))
            File.WriteAllText(Path.Combine(company.Data, file), content);
        return company;
    }

    private static (long Read, long Accepted, long Merged, long Quarantined) Counts(PipelineOutput output, string table) =>
        (output.Count(table, "rows_read"), output.Count(table, "rows_accepted"), output.Count(table, "rows_merged"), output.Count(table, "rows_quarantined"));

    [Fact]
    public void Ingest_TextKeyWithTabOrLineBreakAtItsEdge_RepeatsTheKeyAsWithSpaces()
    {
        // cost_pools is keyed by activity: " picking " repeats picking (duplicate_key, the first row kept), but DuckDB's trim
        // left tabs and line breaks, so "picking<tab>" and "<tab>picking<CR>" were two more activities whose costs were
        // spread again over the same lines. Now all three are the repeats a space-padded one is.
        var company = Company("key", ("cost_pools.csv",
            "activity,driver,annual_cost\npicking,lines,1000\n\" picking \",lines,500\n\"picking\t\",lines,700\n\"\tpicking\r\",lines,300\nshipping,orders,200\n"));

        var output = company.Run();

        Assert.Equal(new Dictionary<string, long> { ["duplicate_key"] = 3 }, output.Reasons("cost_pools"));
        Assert.Equal((5L, 2L, 0L, 3L), Counts(output, "cost_pools"));
        Assert.Equal(["2", "3", "4"], output.Quarantine("cost_pools").Select(q => q["_source_row"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ingest_DistinctSourceAttributeWithTabOrFormFeedAtItsEdge_MergesWithoutConflictAsWithSpaces()
    {
        // A distinct source folds rows by key and counts a key whose attribute differs as conflicting_values: " North "
        // beside North was no conflict, but "North<tab>" was one, and "<VT>South<FF>" another.
        var company = Company("distinct",
            ("customers.csv", "customer_id,region\nC1,North\nC1,\" North \"\nC1,\"North\t\"\nC2,\"\vSouth\f\"\nC2,South\nC3,West\n"),
            ("chainseg.yaml", "sources:\n  customers:\n    path: customers.csv\n    columns: { customer_id: customer_id, region: region }\n    distinct: true\n"));

        var output = company.Run();

        Assert.Equal((6L, 3L, 3L, 0L), Counts(output, "customers"));
        Assert.Equal(0, output.Warnings("customers").GetValueOrDefault("conflicting_values:region"));
        Assert.Equal(new Dictionary<string, string> { ["C1"] = "North", ["C2"] = "South", ["C3"] = "West" },
            output.Metrics().ToDictionary(m => m["customer_id"], m => m["region"]));
    }

    [Fact]
    public void Rules_RegionExportedWithTabOrLineBreakAtItsEdge_MatchesTheRulesText()
    {
        // region == 'North' matched no customer whose export wrote "North<tab>" (or "<FF>North<CR>"): the text stayed as
        // read, and a rule cannot be written with the tab (a text ending in white space is refused, as texts are read trimmed).
        var company = Company("rule",
            ("customers.csv", "customer_id,region\nC1,\"North\t\"\nC2,South\nC3,\"\fNorth\r\"\n"),
            ("chainseg.yaml", """
                segmentation:
                  models:
                    by_region:
                      method: rules
                      rules:
                        - segment: north
                          when: "region == 'North'"
                      fallback: rest
                """));

        var output = company.Run();

        var assignments = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv"));
        Assert.Equal(new Dictionary<string, string> { ["C1"] = "north", ["C2"] = "rest", ["C3"] = "north" },
            assignments.ToDictionary(a => a["customer_id"], a => a["segment"]));
        Assert.Equal(["North", "North", "South"], output.Metrics().Select(m => m["region"]).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
