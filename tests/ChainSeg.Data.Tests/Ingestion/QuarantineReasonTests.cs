namespace ChainSeg.Data.Tests.Ingestion;

// One hand-made row per quarantine reason of ARCHITECTURE.md §4, each with exactly one defect, so the
// expected reason and source row are known without running the product.
public sealed class QuarantineReasonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Customers = """
        customer_id,name
        C-00001,Alpha
        C-00002,Beta
        """;

    private const string Products = """
        sku,unit_cost,unit_price
        SKU-1,2.50,4.00
        SKU-2,1.00,-3.00
        SKU-3,1.00,2.00
        """;

    private PipelineOutput Run(string orderLines, string? products = Products, string? config = null, bool stagedInStore = false,
        Dictionary<string, string>? extra = null, TimeProvider? clock = null)
    {
        var data = _folder.Sub("data-" + Guid.NewGuid().ToString("N"));
        foreach (var (file, text) in extra ?? [])
            File.WriteAllText(Path.Combine(data, file), text.ReplaceLineEndings("\n") + "\n");
        File.WriteAllText(Path.Combine(data, "customers.csv"), Customers + "\n");
        if (products is not null)
            File.WriteAllText(Path.Combine(data, "products.csv"), products + "\n");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), orderLines.ReplaceLineEndings("\n") + "\n");
        string? configPath = null;
        if (config is not null)
        {
            configPath = Path.Combine(data, "chainseg.yaml");
            File.WriteAllText(configPath, config.ReplaceLineEndings("\n") + "\n");
        }
        return PipelineOutput.Run(data, Path.Combine(data, "out"), configPath, stagedInStore ? 0 : ChainSeg.Data.Ingestion.RawLoader.DefaultInMemoryLoadBytes, clock);
    }

    [Fact]
    public void Ingest_OneOfThreeDatesInAnotherLayout_AdviceSaysOneRowInTheSingular()
    {
        // 1 of 3 rows is a third, above the 10 % from which a column gets advice; it read "1 of 3 rows (33.3 %) have … they read as".
        var output = Run("""
            order_id,customer_id,sku,order_date,quantity,unit_price
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,C-00001,SKU-1,25.01.2025,5,4.00
            SO-3,C-00002,SKU-3,2025-01-05,3,2.00
            """);

        var advice = output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal("1 of 3 rows (33.3 %) has an unparseable order_date, such as '25.01.2025'; it reads as dates laid out dd.MM.yyyy: "
            + "name it under sources.order_lines.formats (order_date: dd.MM.yyyy).", Assert.Single(advice));
    }

    // Order lines carrying an ERP's customer numbers against a CRM's master were quarantined by the thousand as
    // unknown_reference with no advice: a large share of unknown references is ids from another system or a master
    // extract that lacks them, and the advice names the first such id and the fix, as for unparseable columns.
    [Fact]
    public void Ingest_ManyUnknownReferences_AdviceNamesAnIdAndTheFix()
    {
        var output = Run("""
            order_id,customer_id,sku,order_date,quantity,unit_price
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,700001,SKU-1,2025-01-03,5,4.00
            SO-3,700002,SKU-3,2025-01-05,3,2.00
            SO-4,C-00002,sku-3,2025-01-05,3,2.00
            """, extra: new() { ["shipments.csv"] = "shipment_id,order_id\nH1,SO-4\nH2,SO-1\n" });

        string[] Advice(string table) => [.. output.Tables.GetProperty(table).GetProperty("advice").EnumerateArray().Select(a => a.GetString()!)];
        Assert.Equal([
            "2 of 4 rows (50 %) have a customer_id that customers lacks, such as '700001'; if they are another system's ids, add an id_crosswalk "
                + "export (source_system, source_customer_id, customer_id) that maps them to the customers' ids, else add them to the customers export.",
            "1 of 4 rows (25 %) has a sku that products lacks, such as 'sku-3'; add it to the products export, or write it as that export does "
                + "(codes are compared as written: case, separators and leading zeros count).",
        ], Advice("order_lines"));
        Assert.Equal([
            "1 of 2 rows (50 %) has an order_id that order_lines lacks, such as 'SO-4'; its order lines are missing from the order_lines export "
                + "or quarantined (quarantine/order_lines.csv says why).",
        ], Advice("shipments"));
    }

    // Staged in the store (as a source larger than memory is), the raw rows keep their numbers.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ingest_OneDefectPerRow_GivesEachRowItsReasonAndSourceRow(bool stagedInStore)
    {
        var output = Run(stagedInStore: stagedInStore, orderLines: """
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-1,2,,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00001,SKU-1,2025-02-30,5,4.00
            SO-3,1,C-00001,SKU-1,2025-01-03,0,4.00
            SO-4,1,C-00001,SKU-1,2025-01-03,2,-1.00
            SO-5,1,C-00001,SKU-9,2025-01-03,2,4.00
            SO-6,1,C-99999,SKU-1,2025-01-03,2,4.00
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-7,1,C-00002,SKU-1,2025-01-04
            SO-8,1,C-00002,SKU-1,2025-01-04,abc,4.00
            SO-9,1,C-00002,SKU-3,2025-01-05,3,2.00
            """);

        var expected = new (int Row, string Reason, string Column)[]
        {
            (2, "missing_required", "customer_id"), (3, "unparseable", "order_date"), (4, "invalid_value", "quantity"),
            (5, "invalid_value", "unit_price"), (6, "unknown_reference", "sku"), (7, "unknown_reference", "customer_id"),
            (8, "duplicate_key", ""), (9, "malformed_row", ""), (10, "unparseable", "quantity"),
        };
        var quarantine = output.Quarantine("order_lines")
            .Select(q => (int.Parse(q["_source_row"], System.Globalization.CultureInfo.InvariantCulture), q["_reason"], q["_column"]))
            .OrderBy(q => q.Item1).ToArray();
        Assert.Equal(expected, quarantine);
        Assert.Equal(11, output.Count("order_lines", "rows_read"));
        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(9, output.Count("order_lines", "rows_quarantined"));
    }

    [Fact]
    public void Ingest_MalformedRow_KeepsRawLineAndLaterRowNumbersStayTrue()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00,extra
            SO-2,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-3,1,C-00001
            SO-4,1,,SKU-1,2025-01-02,5,4.00
            """);
        var quarantine = output.Quarantine("order_lines").OrderBy(q => int.Parse(q["_source_row"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["1", "3", "4"], quarantine.Select(q => q["_source_row"]));
        Assert.Equal(["malformed_row", "malformed_row", "missing_required"], quarantine.Select(q => q["_reason"]));
        Assert.Equal("SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00,extra", quarantine[0]["_raw_line"]);
        Assert.Equal("SO-4", quarantine[2]["order_id"]);
    }

    [Fact]
    public void Ingest_FirstReasonInDocumentedOrderWins()
    {
        // Missing customer, bad date and negative price on one row: missing_required comes first.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,,SKU-1,someday,5,-4.00
            SO-2,1,C-00001,SKU-9,someday,0,4.00
            SO-3,1,C-00001,SKU-9,2025-01-01,0,4.00
            SO-4,1,C-00001,SKU-1,2025-01-01,1,4.00
            """);
        Assert.Equal(new Dictionary<string, long>
        {
            ["missing_required:customer_id"] = 1, ["unparseable:order_date"] = 1, ["invalid_value:quantity"] = 1,
        }, output.Reasons("order_lines"));
    }

    [Fact]
    public void Ingest_NegativePriceInMasterTable_QuarantinesTheProductAndItsLines()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-2,2025-01-02,5,4.00
            SO-2,1,C-00001,SKU-1,2025-01-02,5,4.00
            """);
        Assert.Equal(new Dictionary<string, long> { ["invalid_value:unit_price"] = 1 }, output.Reasons("products"));
        Assert.Equal(new Dictionary<string, long> { ["unknown_reference:sku"] = 1 }, output.Reasons("order_lines"));
    }

    [Fact]
    public void Ingest_HoldingCostRateAsAPercent_QuarantinesTheInventoryRow()
    {
        // An annual holding rate is a fraction of unit cost (0.25 for 25 %, as costs.holding_cost_rate is); a row's 25 was
        // accepted as 2,500 % a year and carried into that SKU-location's EOQ and carrying cost. 0 and 1 (100 %) are rates.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            """, extra: new()
        {
            ["locations.csv"] = """
                location_id,type
                DC-1,dc
                DC-2,dc
                """,
            ["inventory.csv"] = """
                sku,location_id,on_hand,holding_cost_rate
                SKU-1,DC-1,10,0.25
                SKU-1,DC-2,10,1
                SKU-3,DC-1,10,25
                SKU-3,DC-2,10,0
                """,
        });

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:holding_cost_rate"] = 1 }, output.Reasons("inventory"));
        var row = Assert.Single(output.Quarantine("inventory"));
        Assert.Equal(("SKU-3", "DC-1"), (row["sku"], row["location_id"]));
        Assert.Equal(3, output.Count("inventory", "rows_accepted"));
    }

    [Fact]
    public void Ingest_WithoutLineKey_KeepsExactDuplicatesAsWarnings()
    {
        var output = Run("""
            order_id,customer_id,sku,order_date,quantity,unit_price
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,C-00001,SKU-1,2025-01-02,5,4.00
            """);
        Assert.Equal(4, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(2, output.Warnings("order_lines")["exact_duplicate"]);
    }

    [Fact]
    public void Ingest_WithoutLineKeyAndDuplicatesQuarantine_QuarantinesRepeatsAndKeepsFirst()
    {
        // Rows 2 and 4 repeat row 1 in every column; rows 5 and 6 repeat each other but already miss their customer,
        // so they keep that earlier reason (ARCHITECTURE.md §4: a row gets the first reason that applies).
        var output = Run("""
            order_id,customer_id,sku,order_date,quantity,unit_price
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,C-00001,SKU-1,2025-01-03,1,4.00
            SO-1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-3,,SKU-1,2025-01-04,2,4.00
            SO-3,,SKU-1,2025-01-04,2,4.00
            """, config: """
            sources:
              order_lines:
                path: order_lines.csv
                duplicates: quarantine
            """);

        var quarantine = output.Quarantine("order_lines")
            .Select(q => (int.Parse(q["_source_row"], System.Globalization.CultureInfo.InvariantCulture), q["_reason"], q["order_id"]))
            .OrderBy(q => q.Item1).ToArray();
        Assert.Equal([(2, "exact_duplicate", "SO-1"), (4, "exact_duplicate", "SO-1"), (5, "missing_required", "SO-3"), (6, "missing_required", "SO-3")], quarantine);
        Assert.Equal(6, output.Count("order_lines", "rows_read"));
        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(4, output.Count("order_lines", "rows_quarantined"));
        Assert.Equal(new Dictionary<string, long> { ["exact_duplicate"] = 2, ["missing_required:customer_id"] = 2 }, output.Reasons("order_lines"));
        Assert.False(output.Warnings("order_lines").ContainsKey("exact_duplicate"));
        // The first SO-1 line (5 × 4.00) and SO-2 (1 × 4.00) are the revenue; the repeats add nothing.
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal((24.0, "2"), (double.Parse(metrics["revenue"], System.Globalization.CultureInfo.InvariantCulture), metrics["orders"]));
    }

    [Fact]
    public void Ingest_UnparseableOptionalColumn_BlanksValueAndWarns()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,requested_date
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00,soon
            SO-2,1,C-00001,SKU-1,2025-01-02,5,4.00,2025-01-09
            """);
        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(1, output.Warnings("order_lines")["unparseable:requested_date"]);
    }

    [Fact]
    public void Ingest_NumbersBeyond1e15_QuarantineARequiredNumberAndBlankAnOptionalOne()
    {
        // 1e308 units would make revenue infinite and 1e200 its variance overflow, failing the run in the metrics; no
        // quantity, price or amount of a business line comes near 1e15, so the row is quarantined (invalid_value; net_amount
        // stands in for unit_price, so it counts as required), and an optional margin of that size is blanked (cost of
        // goods then falls back to quantity × unit cost) and counted as a warning.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,net_amount,margin_amount
            SO-1,1,C-00001,SKU-1,2025-01-02,1e308,4.00,,
            SO-2,1,C-00001,SKU-1,2025-01-02,1e200,0.01,,
            SO-3,1,C-00001,SKU-1,2025-01-02,5,-2e16,,
            SO-4,1,C-00001,SKU-1,2025-01-03,5,4.00,1e300,
            SO-5,1,C-00001,SKU-1,2025-01-03,2,4.00,7.50,1e300
            """);

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:quantity"] = 2, ["invalid_value:unit_price"] = 1, ["invalid_value:net_amount"] = 1 },
            output.Reasons("order_lines"));
        Assert.Equal(1, output.Warnings("order_lines")["invalid_value:margin_amount"]);
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        // SO-5 alone: revenue 7.50, cost 2 × SKU-1's unit cost 2.50.
        Assert.Equal((7.5, 5.0), (double.Parse(metrics["revenue"], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(metrics["cost_of_goods"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    // A negative quantity is a return (ARCHITECTURE.md §3) and its net_amount, the line's revenue, is netted: a return
    // whose amount was positive added revenue instead of taking it back, and a sale with a negative amount took it away.
    // The sign is quantity's, as quantity × unit_price gives it: an amount of the other sign is invalid_value:net_amount,
    // as a negative unit_price is; 0 (a free replacement) and a return without an amount agree.
    [Fact]
    public void Ingest_NetAmountOfTheOtherSignThanQuantity_IsQuarantinedAndReturnsNetted()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,net_amount
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00,20.00
            RO-1,1,C-00001,SKU-1,2025-01-03,-2,4.00,-8.00
            RO-2,1,C-00001,SKU-1,2025-01-03,-1,4.00,4.00
            SO-2,1,C-00001,SKU-1,2025-01-04,3,4.00,-12.00
            RO-3,1,C-00001,SKU-1,2025-01-05,-1,4.00,0
            RO-4,1,C-00001,SKU-1,2025-01-05,-1,4.00,
            """);

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:net_amount"] = 2 }, output.Reasons("order_lines"));
        Assert.Equal(["RO-2", "SO-2"], output.Quarantine("order_lines").Select(q => q["order_id"]).Order(StringComparer.Ordinal));
        Assert.Equal((6L, 4L, 0L, 2L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"),
            output.Count("order_lines", "rows_merged"), output.Count("order_lines", "rows_quarantined")));
        // 20 − 8 + 0 − 1 × 4.00 (RO-4 at its unit price).
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal(8.0, double.Parse(metrics["revenue"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ingest_NumbersBeyondADouble_AreInvalidValuesLike1e20NotUnparseable()
    {
        // 1e400 is a number written correctly, only too large for a double: it was unparseable:quantity, and the run advised a
        // number culture. It is out of range as 1e20 is, whatever its sign or the SAP trailing minus.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,net_amount,margin_amount
            SO-1,1,C-00001,SKU-1,2025-01-02,1e400,4.00,,
            SO-2,1,C-00001,SKU-1,2025-01-02,5,-2.5E+308,,
            SO-3,1,C-00001,SKU-1,2025-01-02,1e400-,4.00,,
            SO-4,1,C-00001,SKU-1,2025-01-03,2,4.00,7.50,1e400
            SO-5,1,C-00001,SKU-1,2025-01-03,5,4.00,,
            """);

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:quantity"] = 2, ["invalid_value:unit_price"] = 1 }, output.Reasons("order_lines"));
        Assert.Equal(1, output.Warnings("order_lines")["invalid_value:margin_amount"]);
        Assert.DoesNotContain(output.Warnings("order_lines").Keys, k => k.StartsWith("unparseable", StringComparison.Ordinal));
        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
    }

    [Fact]
    public void Ingest_BlankLineNumber_KeepsTheLinesAndCountsOnlyIdenticalRepeats()
    {
        // ARCHITECTURE.md §4: a row without a line key is kept; only a row identical in every column is counted, as an
        // exact_duplicate warning. SO-9's two different lines without line_no are two lines, not a duplicate key.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-9,,C-00001,SKU-1,2025-01-02,3,4.00
            SO-9,,C-00001,SKU-3,2025-01-02,5,2.00
            SO-9,,C-00001,SKU-3,2025-01-02,5,2.00
            SO-8,1,C-00001,SKU-1,2025-01-02,1,4.00
            SO-8,1,C-00001,SKU-3,2025-01-02,1,2.00
            """);

        Assert.Equal(new Dictionary<string, long> { ["duplicate_key"] = 1 }, output.Reasons("order_lines"));
        Assert.Equal(4, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(1, output.Warnings("order_lines")["exact_duplicate"]);
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal("4", metrics["lines"]);
    }

    [Fact]
    public void Ingest_OrderDateAfterTomorrow_IsQuarantinedSoAsOfDoesNotFollowIt()
    {
        // The run's clock reads 2025-01-10: an order of tomorrow passes (an export written past midnight elsewhere), one of
        // the day after and a typo of 2099 are invalid values; as_of stays the latest real order date.
        var data = _folder.Sub("future");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), """
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00001,SKU-1,2025-01-11 23:50,1,4.00
            SO-3,1,C-00001,SKU-1,2025-01-12,1,4.00
            SO-4,1,C-00001,SKU-1,2099-05-05,1,4.00
            """.ReplaceLineEndings("\n") + "\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), clock: new FixedClock(new DateTimeOffset(2025, 1, 10, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:order_date"] = 2 }, output.Reasons("order_lines"));
        Assert.Equal(new DateOnly(2025, 1, 11), output.Result.AsOf);
    }

    [Fact]
    public void Ingest_IsoTimestampsWithAnyFractionOfASecond_KeepTheirWrittenDay()
    {
        // .NET's round-trip format writes 7 fraction digits, Python's isoformat 6, some exports 2; with or without an
        // offset each is read, and the day is the day written (an order at 00:30+02:00 stays on May 1st).
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2023-08-25T08:02:00.0000000+02:00,1,4.00
            SO-2,1,C-00001,SKU-1,2023-12-12T10:49:00.1234567Z,1,4.00
            SO-3,1,C-00001,SKU-1,2023-05-01T00:30:00.123456+02:00,1,4.00
            SO-4,1,C-00001,SKU-1,2023-06-01 09:15:00.12,1,4.00
            SO-5,1,C-00001,SKU-1,2023-07-01T09:15:00.123456,1,4.00
            """);

        Assert.Empty(output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal(("5", "2023-05-01", "2023-12-12"), (metrics["orders"], metrics["first_order_date"], metrics["last_order_date"]));
    }

    [Fact]
    public void Ingest_FormatWithAnOffset_KeepsTheWrittenDayAsWithoutFormats()
    {
        // formats: with zzz made DuckDB convert to UTC, so 00:30+02:00 on May 1st became April 30th, while the same value
        // without formats: kept May 1st; both keep the written wall-clock day now.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2023-05-01T00:30:00.000001+02:00,1,4.00
            SO-2,1,C-00001,SKU-1,2023-06-01T23:30:00.000001-05:00,1,4.00
            """, config: """
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz" }
            """);

        Assert.Empty(output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal(("2023-05-01", "2023-06-01"), (metrics["first_order_date"], metrics["last_order_date"]));
    }

    [Fact]
    public void Ingest_ListOfLayoutsOneWithAnOffset_DropsTheOffsetForThatLayoutAlone()
    {
        // The offset is dropped from values before its layout reads them; dropped before every layout of a list, it took
        // 31-12-2024's "-2024" for an offset, and dd-MM-yyyy read what was left, 31-12, as nothing.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,31-12-2024,1,4.00
            SO-2,1,C-00001,SKU-1,2025-01-02T00:30+02:00,1,4.00
            """, config: """
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: [dd-MM-yyyy, "yyyy-MM-dd'T'HH:mmzzz"] }
            """);

        Assert.Empty(output.Reasons("order_lines"));
        var metrics = output.MetricsByCustomer()["C-00001"];
        Assert.Equal(("2024-12-31", "2025-01-02"), (metrics["first_order_date"], metrics["last_order_date"]));
    }

    // An export writing date-only and date-time values in one non-ISO column (31.12.2024 beside 31.12.2024 14:05): with one
    // layout every row of the other shape was quarantined; a list of layouts, tried in order, reads each row by the one that fits.
    private const string MixedDateShapes = """
        order_id,line_no,customer_id,sku,order_date,quantity,unit_price
        SO-1,1,C-00001,SKU-1,02.01.2025,5,4.00
        SO-2,1,C-00001,SKU-1,03.01.2025 14:05,5,4.00
        SO-3,1,C-00002,SKU-3,28.02.2025 23:59,3,2.00
        """;

    [Fact]
    public void Ingest_DateOnlyAndDateTimeInOneColumn_AListOfLayoutsReadsEveryRow()
    {
        var output = Run(MixedDateShapes, config: """
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: [dd.MM.yyyy, "dd.MM.yyyy HH:mm"] }
            """);

        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal((3L, 3L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted")));
        var metrics = output.MetricsByCustomer();
        Assert.Equal(("2025-01-02", "2025-01-03"), (metrics["C-00001"]["first_order_date"], metrics["C-00001"]["last_order_date"]));
        Assert.Equal("2025-02-28", metrics["C-00002"]["first_order_date"]);
    }

    [Fact]
    public void Ingest_DateOnlyAndDateTimeInOneColumn_OneLayoutQuarantinesTheOtherShapeAndTheAdviceNamesIt()
    {
        var output = Run(MixedDateShapes, config: """
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: dd.MM.yyyy }
            """);

        var quarantine = output.Quarantine("order_lines").Select(q => (q["_source_row"], q["_reason"], q["_column"])).Order().ToArray();
        Assert.Equal([("2", "unparseable", "order_date"), ("3", "unparseable", "order_date")], quarantine);
        var advice = output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal("2 of 3 rows (66.7 %) have an unparseable order_date, such as '03.01.2025 14:05'; no layout under "
            + "sources.order_lines.formats (order_date: dd.MM.yyyy) reads them, and they read as dates laid out dd.MM.yyyy HH:mm: "
            + "list it too (order_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm]).", Assert.Single(advice));
    }

    // Unreadable dates all of one shape that no known layout reads (a month 13 and a day 45 in every order of the parts):
    // the advice gave a generic example (order_date: dd/MM/yyyy, or that added to the configured list) that reads none of
    // them. It says no known layout reads values shaped like the first and names what to check instead.
    [Theory]
    [InlineData("2026-13-45", "2026-14-46", null,
        "no known layout reads values shaped like '2026-13-45': check that sources.order_lines.columns maps order_date to the export's column of dates, "
        + "name the export's layout under sources.order_lines.formats, or correct the values in the export.")]
    [InlineData("20261301", "20261402", null,
        "no known layout reads values shaped like '20261301': check that sources.order_lines.columns maps order_date to the export's column of dates, "
        + "name the export's layout under sources.order_lines.formats, or correct the values in the export.")]
    [InlineData("45/13/2026", "46/14/2026", "dd/MM/yyyy",
        "no layout under sources.order_lines.formats (order_date: dd/MM/yyyy) reads them, nor does any known layout read values shaped like '45/13/2026': "
        + "check that sources.order_lines.columns maps order_date to the export's column of dates, list the export's layout under sources.order_lines.formats too, "
        + "or correct the values in the export.")]
    public void Ingest_UnreadableDatesOfOneShapeNoLayoutReads_AdviceSaysSoAndWhatToCheck(string first, string second, string? layout, string fix)
    {
        var output = Run($"""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,{first},5,4.00
            SO-2,1,C-00001,SKU-1,{second},5,4.00
            SO-3,1,C-00002,SKU-3,{(layout is null ? "2025-01-03" : "03/01/2025")},3,2.00
            """, config: layout is null ? null : $$"""
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: {{layout}} }
            """);

        var advice = output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal($"2 of 3 rows (66.7 %) have an unparseable order_date, such as '{first}'; {fix}", Assert.Single(advice));
    }

    [Fact]
    public void Ingest_UnreadableDatesOfSeveralShapes_AdviceListsALayoutPerShapeAndNamesTheValuesNoneReads()
    {
        // 03.01.2025 14:05 beside 2025/01/04: no one layout reads both, and the advice fell back to a generic
        // [dd.MM.yyyy, dd/MM/yyyy] that reads neither; each shape's layout is listed, and a shape no known layout reads is named.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,02.01.2025,5,4.00
            SO-2,1,C-00001,SKU-1,03.01.2025 14:05,5,4.00
            SO-3,1,C-00002,SKU-3,2025/01/04,3,2.00
            SO-4,1,C-00002,SKU-3,5th of January,3,2.00
            SO-5,1,C-00002,SKU-3,2025/01/06,3,2.00
            """, config: """
            sources:
              order_lines:
                path: order_lines.csv
                formats: { order_date: dd.MM.yyyy }
            """);

        var advice = output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal("4 of 5 rows (80 %) have an unparseable order_date, such as '03.01.2025 14:05'; no layout under "
            + "sources.order_lines.formats (order_date: dd.MM.yyyy) reads them, and they read as dates laid out dd.MM.yyyy HH:mm "
            + "(such as '03.01.2025 14:05') and yyyy/MM/dd (such as '2025/01/04'): list them too (order_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm, yyyy/MM/dd]); "
            + "no known layout reads '5th of January': list its layout as well, or correct it in the export.", Assert.Single(advice));
    }

    [Fact]
    public void Ingest_DatesOutsideTheBusinessRange_QuarantineARequiredDateAndBlankAnOptionalOne()
    {
        // 9999-12-31 / 99991231 are SAP's "open" placeholders and 0001-01-01 an empty date: none is a business date. As an
        // order date each quarantines its row (invalid_value) instead of moving as_of to year 9999 or failing the run; as
        // the optional requested date the value is blanked and counted as a warning.
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,requested_date
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00,9999-12-31
            SO-2,1,C-00001,SKU-1,9999-12-31,5,4.00,
            SO-3,1,C-00001,SKU-1,99991231,5,4.00,
            SO-4,1,C-00001,SKU-1,0001-01-01,5,4.00,
            SO-5,1,C-00001,SKU-1,2025-01-03,5,4.00,2025-01-09
            """);

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:order_date"] = 3 }, output.Reasons("order_lines"));
        Assert.Equal(1, output.Warnings("order_lines")["invalid_value:requested_date"]);
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal(("2025-01-03", "2"), (metrics["last_order_date"], metrics["orders"]));
        // Only SO-5's requested date counts: 6 days of lead time, not SO-1's millions.
        Assert.Equal(6.0, double.Parse(metrics["requested_lead_time_days"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ingest_KeyRepeatedInAnotherSpelling_QuarantinesLaterAcceptedRowWithItsRawText(bool stagedInStore)
    {
        // Row 2 repeats row 1's key (SO-1, 1) written " SO-1 " and "1.0"; row 4 is the first accepted SO-2/1 because
        // row 3 already misses its customer, so row 5 is the repeat. Quarantined rows keep their text as read, also
        // when the raw text is staged in the store (as a source larger than memory is).
        var output = Run(stagedInStore: stagedInStore, orderLines: """
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
             SO-1 ,1.0,c00001,SKU-1,2025-01-03,7,4.00
            SO-2,1,,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00002,SKU-1,2025-01-02,1,4.00
            """);

        var quarantine = output.Quarantine("order_lines")
            .Select(q => (q["_source_row"], q["_reason"], q["order_id"], q["line_no"], q["customer_id"], q["quantity"]))
            .OrderBy(q => q.Item1, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [("2", "duplicate_key", " SO-1 ", "1.0", "c00001", "7"), ("3", "missing_required", "SO-2", "1", "", "5"), ("5", "duplicate_key", "SO-2", "1", "C-00002", "1")],
            quarantine);
        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
    }

    [Fact]
    public void Ingest_PaddedValues_ParseAsTrimmedAndBlankIsMissing()
    {
        // Numbers and dates padded with ASCII spaces, no-break spaces (U+00A0), an em space (U+2003) and tabs (SO-6) parse
        // as their trimmed text; a quantity of spaces only, or of a tab (SO-5: it was unparseable), is missing, not
        // unparseable (ARCHITECTURE.md §4 trims before checking).
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,requested_date
            SO-1,1,C-00001,SKU-1, 2025-01-02 ,  5 , 4.00 , 2025-01-09
            SO-2,1,C-00001,SKU-1,2025-01-02,   ,4.00,
            SO-3,1,C-00001,SKU-1,2025-01-02,  ,4.00,
            SO-4,1,C-00001,SKU-1,2025-01-02, 2 x,4.00,
            """ + "\nSO-5,1,C-00001,SKU-1,2025-01-02,\t,4.00,\nSO-6,1,C-00001,SKU-1,\t2025-01-02\t,\t5\t,4.00,\t2025-01-09");

        Assert.Equal(new Dictionary<string, long> { ["missing_required:quantity"] = 3, ["unparseable:quantity"] = 1 }, output.Reasons("order_lines"));
        Assert.False(output.Warnings("order_lines").ContainsKey("unparseable:requested_date"));
        var metrics = Assert.Single(output.Metrics(), m => m["customer_id"] == "C-00001");
        Assert.Equal(40.0, double.Parse(metrics["revenue"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2025-01-02", metrics["first_order_date"]);
    }

    [Fact]
    public void Ingest_PaddedCodesAndTexts_AreStoredWithoutWhiteSpaceAtTheirEdges()
    {
        // Codes and texts padded with ASCII spaces, no-break spaces (U+00A0), an em space (U+2003), an ideographic space
        // (U+3000), tabs and vertical tabs are stored trimmed (a text's tab stayed: DuckDB's trim removes space separators
        // alone); an order id of a no-break space only is missing (ARCHITECTURE.md §4 trims before checking). Expected
        // values are the hand-trimmed cells.
        var output = Run("order_id,line_no,customer_id,sku,order_date,quantity,unit_price,channel\n" +
            " SO-1 ,1,C-00001,\u00A0SKU-1,2025-01-02,5,4.00,web\u2003\n" +
            "SO-2,\u30001,C-00001,SKU-3 ,2025-01-02,5,4.00,\tshop\n" +
            "\u00A0,1,C-00001,SKU-1,2025-01-02,5,4.00,web\n" +
            "SO-3,1,C-00001,SKU-3,2025-01-02,5,4.00,\u00C4 \v\n" +
            "SO-4,1,C-00001,SKU-3,2025-01-02,5,4.00,\v\t\u00A0tel sales\t");

        Assert.Equal(new Dictionary<string, long> { ["missing_required:order_id"] = 1 }, output.Reasons("order_lines"));
        using var store = ChainSeg.Data.Store.ChainSegStore.Open(output.Result.StorePath);
        var schema = store.CurrentRun()!.Schema;
        var lines = ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(store.Connection,
            $"SELECT order_id, line_no, sku, channel FROM \"{schema}\".order_lines ORDER BY order_id",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        Assert.Equal([("SO-1", "1", "SKU-1", "web"), ("SO-2", "1", "SKU-3", "shop"), ("SO-3", "1", "SKU-3", "\u00C4"), ("SO-4", "1", "SKU-3", "tel sales")], lines);
    }

    // An event naming an order the order lines lack is still the customer's event (cost to serve charges its customer_id):
    // kept, its order_id left empty and counted as unknown_reference, as an optional reference is; an event naming
    // another customer's order is kept too and counted, as cost to serve charges the event's customer, not the order's.
    [Fact]
    public void Ingest_ServiceEventNamingAnUnknownOrAnotherCustomersOrder_IsKeptAndWarned()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00002,SKU-1,2025-01-02,5,4.00
            """, extra: new()
        {
            ["service_events.csv"] = """
                customer_id,event_type,event_date,order_id,cost
                C-00001,complaint,2025-01-05,SO-1,10
                C-00001,complaint,2025-01-06,SO-9,20
                C-00001,return,2025-01-07,SO-2,30
                C-00002,expedite,2025-01-07,,5
                """,
        });

        Assert.Empty(output.Reasons("service_events"));
        Assert.Equal(4, output.Count("service_events", "rows_accepted"));
        Assert.Equal(new Dictionary<string, long> { ["unknown_reference:order_id"] = 1, ["order_of_another_customer:order_id"] = 1 },
            output.Warnings("service_events"));
        Assert.Equal([["10.0", "C-00001", "SO-1"], ["20.0", "C-00001", null], ["30.0", "C-00001", "SO-2"], ["5.0", "C-00002", null]],
            output.Canonical("service_events", "cost", "customer_id", "order_id"));
    }

    // A delivery or ship date after tomorrow (by the run's clock) is a typo (2199 for 2025), as an order date is: the optional
    // shipment date is left empty and counted as invalid_value, as SAP's 9999-12-31 placeholder is, instead of a delivery
    // judged late in 2199. A promised date may lie ahead (an open order); a service event's date, required, quarantines its row.
    [Fact]
    public void Ingest_ShipmentAndEventDatesAfterTomorrow_AreInvalidButPromisedDatesMayLieAhead()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-3,1,C-00001,SKU-1,2025-01-02,5,4.00
            """, clock: new FixedClock(new DateTimeOffset(2025, 1, 10, 12, 0, 0, TimeSpan.Zero)), extra: new()
        {
            ["shipments.csv"] = """
                shipment_id,order_id,ship_date,promised_date,delivered_date
                H1,SO-1,2025-01-03,2025-01-06,2025-01-11
                H2,SO-2,2025-01-03,2025-01-06,2199-01-01
                H3,SO-3,2099-01-03,2025-02-20,
                """,
            ["service_events.csv"] = """
                customer_id,event_type,event_date,order_id,cost
                C-00001,complaint,2025-01-05,SO-1,10
                C-00001,complaint,2099-01-06,SO-2,20
                """,
        });

        Assert.Empty(output.Reasons("shipments"));
        Assert.Equal(new Dictionary<string, long> { ["invalid_value:delivered_date"] = 1, ["invalid_value:ship_date"] = 1 }, output.Warnings("shipments"));
        Assert.Equal([["H1", "2025-01-03", "2025-01-06", "2025-01-11"], ["H2", "2025-01-03", "2025-01-06", null], ["H3", null, "2025-02-20", null]],
            output.Canonical("shipments", "shipment_id", "ship_date", "promised_date", "delivered_date"));
        Assert.Equal(new Dictionary<string, long> { ["invalid_value:event_date"] = 1 }, output.Reasons("service_events"));
    }

    // ERP list exports end in a totals row: "Grand Total" in the first key column, the other identifiers empty. It was
    // missing_required:customer_id in order lines and, in products, a product named "Summe" with the column sums as prices.
    [Fact]
    public void Ingest_TotalsRowAtTheEndOfOrderLines_IsQuarantinedAsTotalsRow()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00002,SKU-3,2025-01-03,3,2.00
            Grand Total,,,,,8,
            """);

        Assert.Equal(new Dictionary<string, long> { ["totals_row"] = 1 }, output.Reasons("order_lines"));
        var row = Assert.Single(output.Quarantine("order_lines"));
        Assert.Equal(("3", "totals_row", "Grand Total"), (row["_source_row"], row["_reason"], row["order_id"]));
        Assert.Equal((3L, 2L, 1L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "rows_quarantined")));
    }

    [Theory]
    [InlineData("Summe")]
    [InlineData("TOTAL:")]
    [InlineData("Gesamt")]
    [InlineData("Sum")]
    public void Ingest_TotalsRowAtTheEndOfProducts_IsQuarantinedAsTotalsRowNotAProduct(string label)
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            """, products: Products + $"\n{label},4.50,6.00");

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:unit_price"] = 1, ["totals_row"] = 1 }, output.Reasons("products"));
        Assert.Equal((4L, 2L, 2L), (output.Count("products", "rows_read"), output.Count("products", "rows_accepted"), output.Count("products", "rows_quarantined")));
    }

    // A products or customers master drafted from the order lines (distinct: true) read their Grand Total row, whose
    // label stands in a column the master does not map, as a row missing its sku and customer_id.
    [Fact]
    public void Ingest_TotalsRowOfOrderLinesInDistinctMasters_IsQuarantinedAsTotalsRow()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            SO-2,1,C-00002,SKU-3,2025-01-03,3,2.00
            SO-3,1,C-00002,,2025-01-03,3,2.00
            Grand Total,,,,,11,
            """, products: null, config: """
            sources:
              order_lines: { path: order_lines.csv }
              customers:
                path: order_lines.csv
                columns: { customer_id: customer_id }
                distinct: true
              products:
                path: order_lines.csv
                columns: { sku: sku, unit_price: unit_price }
                distinct: true
            """);

        Assert.Equal(new Dictionary<string, long> { ["totals_row"] = 1 }, output.Reasons("customers"));
        Assert.Equal(new Dictionary<string, long> { ["missing_required:sku"] = 1, ["totals_row"] = 1 }, output.Reasons("products"));
        var row = Assert.Single(output.Quarantine("customers"));
        Assert.Equal(("4", "totals_row"), (row["_source_row"], row["_reason"]));
    }

    // A SKU that merely starts with a totals word is a product.
    [Fact]
    public void Ingest_SkuStartingWithATotalsWord_IsAProduct()
    {
        var output = Run("""
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price
            SO-1,1,C-00001,SKU-1,2025-01-02,5,4.00
            """, products: Products + "\nTOTAL-CARE-KIT,4.50,6.00");

        Assert.Equal(new Dictionary<string, long> { ["invalid_value:unit_price"] = 1 }, output.Reasons("products"));
    }

    public void Dispose() => _folder.Dispose();
}
