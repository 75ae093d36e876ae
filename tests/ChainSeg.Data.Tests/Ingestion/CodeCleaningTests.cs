using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Ingestion;

/// <summary>
/// SKUs, order, shipment and location ids are cleaned as customer ids' text is (edges, NFC, placeholders), while keeping
/// their case: each test's files are written by hand and the expected values counted from them.
/// </summary>
public sealed class CodeCleaningTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string OrderHeader = "order_id,line_no,customer_id,sku,order_date,quantity,unit_price,location_id\n";

    private static string Quoted(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";

    private static List<string> Column(PipelineOutput output, string table, string column)
    {
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var schema = store.CurrentRun()!.Schema;
        return store.Connection.Query($"SELECT coalesce({column}, '<null>') AS v FROM \"{schema}\".{table} ORDER BY v", r => r.GetString(0));
    }

    // ARCHITECTURE.md §4: every row read is accepted, merged into another, or quarantined.
    private static void AssertCountsReconcile(PipelineOutput output)
    {
        foreach (var table in output.Tables.EnumerateObject().Select(t => t.Name))
            Assert.Equal(output.Count(table, "rows_read"),
                output.Count(table, "rows_accepted") + output.Count(table, "rows_merged") + output.Count(table, "rows_quarantined"));
    }

    [Fact]
    public void Ingest_SkuWithTabOrInvisibleCharacterAtItsEdge_MatchesTheProduct()
    {
        // A tab, no-break space, zero-width space or byte order mark at a code's edge reads as SKU1 to anyone, but only
        // spaces were trimmed: O2 and O3 were unknown_reference:sku, S1..S4 unknown_reference:sku warnings (their SKU blanked),
        // and S3's order id "O2<no-break space>" quarantined them as unknown_reference:order_id; a vertical tab (S5), which
        // DuckDB's regex \s leaves out, was kept. Case is kept: sku1 is no SKU1.
        var company = new HandMadeCompany(_folder, "edges");
        company.File("products.csv", "sku,description\nSKU1,One\nSKU2,Two\n");
        company.File("order_lines.csv", OrderHeader
            + "O1,1,C1,SKU1,2025-01-06,1,10,\n"
            + $"O2,1,C1,{Quoted("SKU2\t")},2025-01-06,1,10,\n"
            + $"O3,1,C1,{Quoted("\u200BSKU1")},2025-01-06,1,10,\n"
            + "O4,1,C1,sku1,2025-01-06,1,10,\n");
        company.File("shipments.csv", "shipment_id,order_id,sku,ship_date,quantity_shipped\n"
            + $"S1,O1,{Quoted("SKU1\t")},2025-01-07,1\n"
            + $"S2,O1,{Quoted("\u00A0SKU1")},2025-01-07,1\n"
            + $"S3,{Quoted("O2\u00A0")},{Quoted("SKU2\u200B")},2025-01-07,1\n"
            + $"{Quoted("\tS4")},O3,{Quoted("\uFEFFSKU1")},2025-01-07,1\n"
            + $"S5,{Quoted("O1\v")},{Quoted("\vSKU1\v")},2025-01-07,1\n");

        var output = company.Run();

        Assert.Equal(new Dictionary<string, long> { ["unknown_reference:sku"] = 1 }, output.Reasons("order_lines"));
        Assert.Equal("sku1", Assert.Single(output.Quarantine("order_lines"))["sku"]);
        Assert.Equal((5L, 0L), (output.Count("shipments", "rows_accepted"), output.Count("shipments", "rows_quarantined")));
        Assert.DoesNotContain("unknown_reference:sku", output.Warnings("shipments").Keys);
        // Stored as they read: the SKUs of O1..O3 and S1..S5, the order ids of S1..S5, the shipment ids.
        Assert.Equal(["SKU1", "SKU1", "SKU2"], Column(output, "order_lines", "sku"));
        Assert.Equal(["SKU1", "SKU1", "SKU1", "SKU1", "SKU2"], Column(output, "shipments", "sku"));
        Assert.Equal(["O1", "O1", "O1", "O2", "O3"], Column(output, "shipments", "order_id"));
        Assert.Equal(["S1", "S2", "S3", "S4", "S5"], Column(output, "shipments", "shipment_id"));
        AssertCountsReconcile(output);
    }

    [Fact]
    public void Ingest_LocationIdWithDecomposedAccent_MatchesTheComposedOne()
    {
        // ö written as o + combining diaeresis (macOS, some ERPs) is the same text as the precomposed ö (Unicode canonical
        // equivalence), but codes were compared code point by code point: the inventory rows were unknown_reference:location_id
        // and the order lines' locations blanked. Both forms are stored in NFC now, whichever file wrote which.
        var company = new HandMadeCompany(_folder, "accents");
        company.File("locations.csv", "location_id,type\nMalm\u00f6,dc\nGa\u0308vle,plant\n");
        company.File("products.csv", "sku\nSKU1\n");
        company.File("order_lines.csv", OrderHeader
            + "O1,1,C1,SKU1,2025-01-06,1,10,Malmo\u0308\n"
            + "O2,1,C1,SKU1,2025-01-06,1,10,G\u00e4vle\n");
        company.File("inventory.csv", "sku,location_id,on_hand\nSKU1,Malmo\u0308,5\nSKU1,G\u00e4vle,7\n");

        var output = company.Run();

        Assert.Equal(2, output.Count("inventory", "rows_accepted"));
        Assert.Empty(output.Reasons("inventory"));
        Assert.DoesNotContain("unknown_reference:location_id", output.Warnings("order_lines").Keys);
        Assert.Equal(["G\u00e4vle", "Malm\u00f6"], Column(output, "locations", "location_id"));
        Assert.Equal(["G\u00e4vle", "Malm\u00f6"], Column(output, "order_lines", "location_id"));
        Assert.Equal(["G\u00e4vle", "Malm\u00f6"], Column(output, "inventory", "location_id"));
        AssertCountsReconcile(output);
    }

    [Fact]
    public void Ingest_PlaceholderSku_IsMissingNotASku()
    {
        // Exports write "no SKU" as N/A, NULL, nan, None or a lone dash. On an order line each was a SKU to look up
        // (unknown_reference:sku, or an accepted line of the SKU "NULL" had the products file one); it is a missing
        // required value now. On a shipment, where the SKU is optional, it is left empty and the row kept, with no
        // unknown_reference warning. The quarantine keeps the values as written.
        var company = new HandMadeCompany(_folder, "placeholders");
        company.File("products.csv", "sku\nSKU1\nNULL\n");
        var placeholders = new[] { "N/A", "NULL", "nan", " None ", "-", "#N/A" };
        company.File("order_lines.csv", OrderHeader + "O0,1,C1,SKU1,2025-01-06,1,10,\n"
            + string.Concat(placeholders.Select((p, i) => $"O{i + 1},1,C1,{Quoted(p)},2025-01-06,1,10,\n")));
        company.File("shipments.csv", "shipment_id,order_id,sku,ship_date,quantity_shipped\nS1,O0,N/A,2025-01-07,1\nS2,O0,SKU1,2025-01-07,1\n");

        var output = company.Run();

        // The products file's own "NULL" row is a missing sku too.
        Assert.Equal(new Dictionary<string, long> { ["missing_required:sku"] = 1 }, output.Reasons("products"));
        Assert.Equal(new Dictionary<string, long> { ["missing_required:sku"] = placeholders.Length }, output.Reasons("order_lines"));
        Assert.Equal(placeholders, output.Quarantine("order_lines").Select(q => q["sku"]));
        Assert.Equal((1L, 6L, 7L), (output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "rows_quarantined"), output.Count("order_lines", "rows_read")));
        Assert.Equal(2, output.Count("shipments", "rows_accepted"));
        Assert.DoesNotContain("unknown_reference:sku", output.Warnings("shipments").Keys);
        Assert.Equal(["<null>", "SKU1"], Column(output, "shipments", "sku"));
        AssertCountsReconcile(output);
    }

    public void Dispose() => _folder.Dispose();
}
