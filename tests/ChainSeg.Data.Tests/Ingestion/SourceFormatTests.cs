using System.Globalization;
using ClosedXML.Excel;
using Parquet.Serialization;

namespace ChainSeg.Data.Tests.Ingestion;

// Parquet files are written with Parquet.Net and workbooks with ClosedXML: a different path from DuckDB's readers.
public sealed class SourceFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Ingest_Parquet_ReadsTypedColumnsThroughTheMapping()
    {
        var data = _folder.Sub("parquet");
        ParquetLine[] lines =
        [
            new("A1", "17850.0", "X", new DateTime(2024, 3, 1, 9, 30, 0), 2, 2.5),
            new("A2", "17850.0", "Y", new DateTime(2024, 3, 2), -1, 2.5),
            new("A3", null, "X", new DateTime(2024, 3, 3), 4, 1.0),
        ];
        await using (var stream = File.Create(Path.Combine(data, "lines.parquet")))
            await ParquetSerializer.SerializeAsync(lines, stream);
        var config = _folder.File("parquet/chainseg.yaml", """
            sources:
              order_lines:
                path: lines.parquet
                columns: { order_id: Invoice, customer_id: Cust, sku: Item, order_date: When, quantity: Qty, unit_price: Price }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal(3, output.Count("order_lines", "rows_read"));
        Assert.Equal(new Dictionary<string, long> { ["missing_required:customer_id"] = 1 }, output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal("17850", metrics["customer_id"]);
        Assert.Equal(2.5, double.Parse(metrics["revenue"], CultureInfo.InvariantCulture));
        Assert.Equal("2024-03-01", metrics["first_order_date"]);
    }

    // Without configured formats, dates are ISO 8601 (as written, with or without seconds), ISO 8601 with a UTC offset,
    // read as the wall-clock time written (23:30 at -05:00 stays on its own day, which is the next day in UTC), and
    // SAP's compact yyyyMMdd of exactly eight digits. Day-first text, six digits or an impossible month stay unparseable.
    [Theory]
    [InlineData("2025-01-01", "2025-01-01")]
    [InlineData("2025-01-01 10:00:00", "2025-01-01")]
    [InlineData("2025-01-01T10:00", "2025-01-01")]
    [InlineData("2025-01-01T23:30:00-05:00", "2025-01-01")]
    [InlineData("2025-01-01T00:30:00.123+01:00", "2025-01-01")]
    [InlineData("2025-01-01T10:00+0100", "2025-01-01")]
    [InlineData("2025-01-01T10:00:00Z", "2025-01-01")]
    [InlineData("20250101", "2025-01-01")]
    [InlineData("01/03/2025", null)]
    [InlineData("202511", null)]
    [InlineData("20251301", null)]
    [InlineData("2025-01-01T10:00:00+01:00:00", null)]
    public void Ingest_DefaultDateForms_AcceptedAsWrittenOrQuarantined(string written, string? day)
    {
        var output = RunOrderLines("SO-1,C1,X,2024-12-01,1,1", $"SO-2,C2,X,{written},1,1");

        var metrics = output.Metrics().ToDictionary(m => m["customer_id"]);
        if (day is null)
        {
            Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 1 }, output.Reasons("order_lines"));
            Assert.False(metrics.ContainsKey("C2"));
        }
        else
        {
            Assert.Empty(output.Reasons("order_lines"));
            Assert.Equal(day, metrics["C2"]["first_order_date"]);
        }
    }

    // SAP exports write negative numbers with the minus sign trailing: 3- is -3 (a return of three units). A sign on both
    // sides, two trailing signs or a sign alone stay unparseable.
    [Theory]
    [InlineData("3-", "-3")]
    [InlineData("1.5-", "-1.5")]
    [InlineData("-3-", null)]
    [InlineData("3--", null)]
    [InlineData("-", null)]
    public void Ingest_TrailingMinus_ReadAsANegativeNumber(string written, string? quantity)
    {
        var output = RunOrderLines("SO-1,C1,X,2025-01-01,5,2", $"SO-2,C1,X,2025-01-02,{written},2");

        var metrics = Assert.Single(output.Metrics());
        if (quantity is null)
        {
            Assert.Equal(new Dictionary<string, long> { ["unparseable:quantity"] = 1 }, output.Reasons("order_lines"));
            Assert.Equal(0, double.Parse(metrics["returned_units"], CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.Empty(output.Reasons("order_lines"));
            Assert.Equal(-double.Parse(quantity, CultureInfo.InvariantCulture), double.Parse(metrics["returned_units"], CultureInfo.InvariantCulture));
        }
    }

    // Accounting exports (NetSuite, QuickBooks, a BI tool's report) write a credit as its amount in parentheses, with or
    // without the currency: (45.00) and ($1,045.50) are -45 and -1,045.50. Read in any culture, as SAP's trailing minus is;
    // they were quarantined as unparseable, so a credit memo's return vanished from revenue and return_rate.
    [Fact]
    public void Ingest_AmountsInParentheses_ReadAsCredits()
    {
        var data = _folder.Sub("xlsx-credits");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("Report Info").Cell(1, 1).Value = "Saved Search: Sales Order Lines";
            var sheet = workbook.AddWorksheet("Sales Order Lines");
            sheet.Cell(1, 1).Value = "Sales Order Lines - Acme Industrial Supply, Inc.";
            object[][] rows =
            [
                ["Document Number", "Date", "Customer", "Item", "Quantity", "Amount"],
                ["SO10001", "01/06/2025", "Acme Corp : Dallas Branch", "VLV-1001", 10, "$1,234.50"],
                ["SO10002", "01/07/2025", "Acme Corp : Dallas Branch", "VLV-1002", 50, "$2,000.00"],
                ["CM7001", "01/20/2025", "Acme Corp : Dallas Branch", "VLV-1001", -1, "(45.00)"],
                ["CM7002", "01/21/2025", "Acme Corp : Dallas Branch", "VLV-1002", -25, "($1,000.00)"],
                ["Grand Total", "", "", "", 34, "$2,189.50"],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 3, c + 1).Value = rows[r][c];
            workbook.SaveAs(Path.Combine(data, "export.xlsx"));
        }
        var config = _folder.File("xlsx-credits/chainseg.yaml", """
            currency: USD
            sources:
              order_lines:
                path: export.xlsx
                sheet: Sales Order Lines
                culture: en-US
                header_row: 3
                formats: { order_date: MM/dd/yyyy }
                columns: { order_id: Document Number, customer_id: Customer, sku: Item, order_date: Date, quantity: Quantity, net_amount: Amount }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal(new Dictionary<string, long> { ["totals_row"] = 1 }, output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        // Hand-computed: 1,234.50 + 2,000.00 − 45.00 − 1,000.00; returned 1 + 25 units worth 1,045.00.
        Assert.Equal(2189.5, double.Parse(metrics["revenue"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(26, double.Parse(metrics["returned_units"], CultureInfo.InvariantCulture));
        Assert.Equal(1045, double.Parse(metrics["returned_value"], CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void Ingest_Xlsx_ReadsTheNamedSheet()
    {
        var data = _folder.Sub("xlsx");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("Notes").Cell(1, 1).Value = "not this one";
            var sheet = workbook.AddWorksheet("Orders");
            object[][] rows =
            [
                ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"],
                ["SO-1", "C1", "X", new DateTime(2024, 5, 6), 3, 1.25],
                ["SO-2", "C1", "X", "2024-05-07", 1, 1.25],
                ["SO-3", "C2", "X", "not a date", 1, 1.25],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 1, c + 1).Value = rows[r][c];
            workbook.SaveAs(Path.Combine(data, "orders.xlsx"));
        }
        var config = _folder.File("xlsx/chainseg.yaml", "sources:\n  order_lines:\n    path: orders.xlsx\n    sheet: Orders\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal(3, output.Count("order_lines", "rows_read"));
        Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 1 }, output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("C1", "5.0", "2"), (metrics["customer_id"], metrics["revenue"], metrics["orders"]));
    }

    [Fact]
    public void Ingest_XlsxDateSerialsBeyondTheCalendar_AreQuarantinedNotAFailedLoad()
    {
        // A date-formatted cell holding 2958466 (one day past 9999-12-31) cannot become a DateTime, and -5 is a date of
        // 1899: the first is read as its serial (unparseable), the second lands before the business range (invalid_value).
        var data = _folder.Sub("xlsx-serials");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Orders");
            object[][] rows =
            [
                ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"],
                ["SO-1", "C1", "X", new DateTime(2024, 5, 6), 3, 1.25],
                ["SO-2", "C1", "X", 2958466, 1, 1.25],
                ["SO-3", "C1", "X", -5, 1, 1.25],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 1, c + 1).Value = rows[r][c];
            sheet.Range(2, 4, 4, 4).Style.NumberFormat.NumberFormatId = 14;
            workbook.SaveAs(Path.Combine(data, "order_lines.xlsx"));
        }

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(3, output.Count("order_lines", "rows_read"));
        Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 1, ["invalid_value:order_date"] = 1 }, output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("C1", "3.75", "2024-05-06"), (metrics["customer_id"], metrics["revenue"], metrics["first_order_date"]));
    }

    [Fact]
    public void Ingest_XlsxWithoutStylesPart_ReadsItsNumbers()
    {
        // Report generators and hand-rolled OpenXML writers may leave out xl/styles.xml (the format allows it); ClosedXML
        // then read every number cell as empty, so all 2 lines were quarantined as missing_required:quantity.
        var data = _folder.Sub("xlsx-unstyled");
        string Cell(string reference, object value) => value is string text
            ? $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>"
            : $"<c r=\"{reference}\"><v>{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}</v></c>";
        object[][] rows = [["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"], ["SO-1", "C1", "X", "2024-05-06", 3, 1.25], ["SO-2", "C1", "X", "2024-06-06", 2, 10]];
        var sheetRows = string.Concat(rows.Select((row, r) => $"<row r=\"{r + 1}\">" + string.Concat(row.Select((v, c) => Cell($"{(char)('A' + c)}{r + 1}", v))) + "</row>"));
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(data, "order_lines.xlsx"), System.IO.Compression.ZipArchiveMode.Create))
        {
            void Entry(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(xml);
            }
            Entry("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Entry("_rels/.rels", $"<Relationships xmlns=\"{relationships}\"><Relationship Id=\"rId1\" Type=\"{officeRelationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Entry("xl/workbook.xml", $"<workbook xmlns=\"{main}\" xmlns:r=\"{officeRelationships}\"><sheets><sheet name=\"Orders\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Entry("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{relationships}\"><Relationship Id=\"rId1\" Type=\"{officeRelationships}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Entry("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"{main}\"><sheetData>{sheetRows}</sheetData></worksheet>");
        }

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("C1", "23.75", "5.0"), (metrics["customer_id"], metrics["revenue"], metrics["units"]));
    }

    [Fact]
    public void Ingest_GzipWithUpperCaseExtension_IsDecompressed()
    {
        // File names are matched in any case; DuckDB told gzip by a lower-case ".gz" only, read the bytes as text and
        // failed with "its lines end in more than one way".
        var data = _folder.Sub("gz-upper");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(Path.Combine(data, "ORDER_LINES.CSV.GZ")), System.IO.Compression.CompressionLevel.Optimal))
        using (var writer = new StreamWriter(gzip))
            writer.Write("order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2024-05-06,3,1.25\nSO-2,C1,X,2024-06-06,1,2\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        Assert.Equal("5.75", Assert.Single(output.Metrics())["revenue"]);
    }

    [Fact]
    public void Ingest_Utf16WithByteOrderMark_IsReadWithoutAnEncodingSetting()
    {
        // Excel's "Unicode text" export: little-endian UTF-16 with the mark FF FE. Read as UTF-8 every field was garbled.
        var data = _folder.Sub("utf16");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,Müller,X,2024-05-06,3,1.25\nSO-2,Müller,X,2024-05-07,1,1.25\n",
            new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("Müller", "5.0", "2"), (metrics["customer_id"], metrics["revenue"], metrics["orders"]));
    }

    [Fact]
    public void Ingest_LineEndingsMixed_NamesTheCauseAndTheFix()
    {
        // CRLF on the header and one row, LF on the others (rows appended by another tool): DuckDB's reader stops with
        // "state machine reached an invalid state"; the error says what to change instead.
        var data = _folder.Sub("mixed-endings");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\r\nSO-1,C1,X,2025-01-02,1,2\nSO-2,C1,X,2025-01-03,1,2\r\nSO-3,C1,X,2025-01-04,1,2\n");

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));

        Assert.Equal("sources.order_lines: order_lines.csv: its lines end in more than one way (CRLF and LF mixed, or a stray carriage return), which the CSV reader "
            + "cannot follow; save the file with one kind of line ending (e.g. dos2unix) and run again", error.Message);
    }

    [Fact]
    public void Ingest_CultureNumbers_MustHaveTheCulturesShape()
    {
        // de-DE groups by "." in threes: "1.234,5" is 1234.5, but "2.45" is no de-DE number (it was read as 245, silently)
        // and is quarantined as unparseable; fr-FR exports write the group space as U+202F, U+00A0 or a plain space.
        var data = _folder.Sub("culture-shape");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id;customer_id;sku;order_date;quantity;unit_price\nA1;K1;X;2024-02-01;2;1.234,5\nA2;K1;X;2024-02-02;1;2.45\n");
        var config = _folder.File("culture-shape/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.csv\n    delimiter: ';'\n    culture: de-DE\n");
        var german = PipelineOutput.Run(data, Path.Combine(data, "out"), config);
        Assert.Equal(new Dictionary<string, long> { ["unparseable:unit_price"] = 1 }, german.Reasons("order_lines"));
        Assert.Equal(2469.0, double.Parse(Assert.Single(german.Metrics())["revenue"], CultureInfo.InvariantCulture));

        var french = _folder.Sub("culture-fr");
        File.WriteAllText(Path.Combine(french, "order_lines.csv"), "order_id;customer_id;sku;order_date;quantity;unit_price\nA1;K1;X;2024-02-01;1;4 739,19\nA2;K1;X;2024-02-02;1;1\u00A0000,5\n");
        var frConfig = _folder.File("culture-fr/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.csv\n    delimiter: ';'\n    culture: fr-FR\n");
        var output = PipelineOutput.Run(french, Path.Combine(french, "out"), frConfig);
        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(5739.69, double.Parse(Assert.Single(output.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);
    }

    // ERP and Excel exports often write the currency beside an amount: the source culture's own symbol or ISO code, before
    // or after the number, with or without a space (fr-FR writes a no-break one), is read as the number.
    [Theory]
    [InlineData("de-DE", "1,02 €", 1.02)]
    [InlineData("de-DE", "1.234,56 €", 1234.56)]
    [InlineData("de-DE", "€ 12,00", 12.0)]
    [InlineData("de-DE", "12,00€", 12.0)]
    [InlineData("de-DE", "1.234,56 EUR", 1234.56)]
    [InlineData("en-US", "$1,234.50", 1234.5)]
    [InlineData("en-US", "1234.50 USD", 1234.5)]
    [InlineData("fr-FR", "1 234,56\u00A0€", 1234.56)]
    [InlineData("de-DE", "1.234,56 eur", 1234.56)]
    public void Ingest_NumberWithTheCulturesCurrency_IsReadAsTheNumber(string culture, string written, double price)
    {
        var output = RunCulture(culture, $"A1;K1;X;2024-02-01;1;{written}");

        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(price, double.Parse(Assert.Single(output.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);
    }

    // Another currency's amount is not converted, so it stays unparseable; the advice names the symbol found and the
    // culture's currency (one message, not also the generic one asking for a number culture), and the culture that
    // reads the amounts where one does. The invariant culture, the default, has no currency at all.
    [Fact]
    public void Ingest_NumberInAnotherCurrency_StaysUnparseableAndTheAdviceNamesBothCurrencies()
    {
        var german = RunCulture("de-DE", "A1;K1;X;2024-02-01;1;1,02 €", "A2;K1;X;2024-02-02;1;$1,234.50", "A3;K1;X;2024-02-03;1;7,00 €");
        Assert.Equal(new Dictionary<string, long> { ["unparseable:unit_price"] = 1 }, german.Reasons("order_lines"));
        Assert.Equal(["1 of 3 rows (33.3 %) has a unit_price in another currency than culture de-DE's €, such as '$1,234.50' ($), "
            + "left unparseable as amounts are not converted: convert it to € in the export, or, if the export is in $ throughout, "
            + "name its culture under sources.order_lines (culture: en-US)."], Advice(german));

        var invariant = RunCulture(null, "A1;K1;X;2024-02-01;1;1.02", "A2;K1;X;2024-02-02;1;$1,234.50", "A3;K1;X;2024-02-03;1;1234.50 USD");
        Assert.Equal(new Dictionary<string, long> { ["unparseable:unit_price"] = 2 }, invariant.Reasons("order_lines"));
        Assert.Equal(["2 of 3 rows (66.7 %) have a unit_price in a currency, such as '$1,234.50' ($), and the invariant culture (the default) "
            + "has none: name the export's culture under sources.order_lines (culture: en-US)."], Advice(invariant));

        static string[] Advice(PipelineOutput output) =>
            [.. output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()!)];
    }

    // Under currency:, the currency written beside an amount is the reporting one, not the culture's: a German export's
    // 1,02 € in a GBP run would be read as 1.02 pounds, so it stays unparseable and the advice names both; its £ amounts are
    // read, as a £ amount is under the invariant culture, which has no currency of its own.
    [Fact]
    public void Ingest_CulturesCurrencyOtherThanTheReportingOne_StaysUnparseableAndTheAdviceNamesTheReportingCurrency()
    {
        var german = RunCultureIn("de-DE", "GBP", "A1;K1;X;2024-02-01;1;1,02 €", "A2;K1;X;2024-02-02;1;2,50 £", "A3;K1;X;2024-02-03;1;7,00");
        Assert.Equal(new Dictionary<string, long> { ["unparseable:unit_price"] = 1 }, german.Reasons("order_lines"));
        Assert.Equal(9.5, double.Parse(Assert.Single(german.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(["1 of 3 rows (33.3 %) has a unit_price in another currency than the reporting currency GBP (currency:), such as '1,02 €' (€), "
            + "left unparseable as amounts are not converted: convert it to GBP in the export, or, if every amount of the run is in €, set currency: EUR."],
            german.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()!));

        var invariant = RunCultureIn(null, "gbp", "A1;K1;X;2024-02-01;1;£1.50", "A2;K1;X;2024-02-02;1;2.50 GBP");
        Assert.Empty(invariant.Reasons("order_lines"));
        Assert.Equal(4.0, double.Parse(Assert.Single(invariant.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);

        var euro = RunCultureIn("de-DE", "EUR", "A1;K1;X;2024-02-01;1;1,02 €");
        Assert.Empty(euro.Reasons("order_lines"));
    }

    // An ISO code is a code whatever its case: under currency: GBP, 1.50 gbp was quarantined unparseable while 1.50 GBP was
    // read, and a foreign code in lower case (1.50 eur) was quarantined without the advice its capitals get. A foreign code
    // is advised as € is: convert, or set currency: to it when every amount is in it (the code itself was never "meant").
    [Fact]
    public void Ingest_CurrencyCodeInLowerCase_ReadAsTheReportingOneOrAdvisedAsAForeignOne()
    {
        var own = RunCultureIn(null, "GBP", "A1;K1;X;2024-02-01;1;1.50 gbp", "A2;K1;X;2024-02-02;1;Gbp 2.50", "A3;K1;X;2024-02-03;1;1.00 GBP");
        Assert.Empty(own.Reasons("order_lines"));
        Assert.Equal(5.0, double.Parse(Assert.Single(own.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);

        var upper = RunCultureIn(null, "GBP", "A1;K1;X;2024-02-01;1;1.50 EUR", "A2;K1;X;2024-02-02;1;2.50");
        var lower = RunCultureIn(null, "GBP", "A1;K1;X;2024-02-01;1;1.50 eur", "A2;K1;X;2024-02-02;1;2.50");
        Assert.Equal(new Dictionary<string, long> { ["unparseable:unit_price"] = 1 }, lower.Reasons("order_lines"));
        Assert.Equal(["1 of 2 rows (50 %) has a unit_price in another currency than the reporting currency GBP (currency:), such as '1.50 EUR' (EUR), "
            + "left unparseable as amounts are not converted: convert it to GBP in the export, or, if every amount of the run is in EUR, set currency: EUR."], Advice(upper));
        Assert.Equal([.. Advice(upper).Select(a => a.Replace("'1.50 EUR'", "'1.50 eur'", StringComparison.Ordinal))], Advice(lower));

        static string[] Advice(PipelineOutput output) =>
            [.. output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()!)];
    }

    // A workbook's text cell is read as a CSV's value is, currency included; a number cell formatted as currency is a number.
    [Fact]
    public void Ingest_XlsxTextCellWithTheCulturesCurrency_IsReadAsTheNumber()
    {
        var data = _folder.Sub("xlsx-currency");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Lines");
            object[][] rows =
            [
                ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"],
                ["A1", "K1", "X", "2024-02-01", 1, "1.234,56 €"],
                ["A2", "K1", "X", "2024-02-02", 1, 2.5],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 1, c + 1).Value = rows[r][c];
            sheet.Cell(3, 6).Style.NumberFormat.Format = "#,##0.00 [$€-de-DE]";
            workbook.SaveAs(Path.Combine(data, "order_lines.xlsx"));
        }
        var config = _folder.File("xlsx-currency/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.xlsx\n    culture: de-DE\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(1237.06, double.Parse(Assert.Single(output.Metrics())["revenue"], CultureInfo.InvariantCulture), 6);
    }

    private PipelineOutput RunCulture(string? culture, params string[] lines) => RunCultureIn(culture, null, lines);

    // As RunCulture, under currency: when given.
    private PipelineOutput RunCultureIn(string? culture, string? currency, params string[] lines)
    {
        var data = _folder.Sub("currency-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id;customer_id;sku;order_date;quantity;unit_price\n" + string.Join("\n", lines) + "\n");
        var config = Path.Combine(data, "chainseg.yaml");
        File.WriteAllText(config, (currency is null ? "" : $"currency: {currency}\n") + "sources:\n  order_lines:\n    path: order_lines.csv\n    delimiter: ';'\n"
            + (culture is null ? "" : $"    culture: {culture}\n"));
        return PipelineOutput.Run(data, Path.Combine(data, "out"), config);
    }

    [Fact]
    public void Ingest_Windows1252ExportWithEuroSign_IsReadAsLatin1()
    {
        // Excel's "ANSI" text: "€" is byte 0x80, which DuckDB's latin-1 reader refused ("File is not latin-1 encoded") for
        // the whole file; read as Windows-1252 it is one more character of a description.
        var data = _folder.Sub("cp1252");
        File.WriteAllBytes(Path.Combine(data, "order_lines.csv"), ChainSeg.Data.Ingestion.WindowsText.Encoding1252.GetBytes(
            "order_id;customer_id;sku;order_date;quantity;unit_price;description\nA1;Müller;X;2024-02-01;2;3,5;Preis in €\nA2;Müller;X;2024-02-02;1;1,5;„Sonder“\n"));
        var config = _folder.File("cp1252/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.csv\n    delimiter: ';'\n    encoding: latin-1\n    culture: de-DE\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal(2, output.Count("order_lines", "rows_accepted"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("Müller", 8.5), (metrics["customer_id"], double.Parse(metrics["revenue"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ingest_XlsxReportWithTitleRows_FindsTheHeaderBelowThem()
    {
        var data = _folder.Sub("xlsx-title");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Report");
            sheet.Cell(1, 1).Value = "Sales by order line, Q2 2024";
            sheet.Cell(2, 1).Value = "exported 2024-07-01";
            object[][] rows =
            [
                ["Order ID", "Customer ID", "SKU", "Order Date", "Quantity", "Unit Price"],
                ["SO-1", "C1", "X", new DateTime(2024, 5, 6), 3, 1.25],
                ["SO-2", "C1", "X", "2024-05-07", 1, 1.25],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 4, c + 1).Value = rows[r][c];
            workbook.SaveAs(Path.Combine(data, "order_lines.xlsx"));
        }

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(2, output.Count("order_lines", "rows_read"));
        Assert.Empty(output.Reasons("order_lines"));
        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(("C1", "5.0", "2"), (metrics["customer_id"], metrics["revenue"], metrics["orders"]));
    }

    [Fact]
    public void Ingest_XlsxWhoseFirstSheetIsNotTheTable_NamesTheSheetThatIs()
    {
        var data = _folder.Sub("xlsx-sheets");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("Read me").Cell(1, 1).Value = "Orders are on the next sheet.";
            var sheet = workbook.AddWorksheet("Orders 2024");
            string[] header = ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"];
            for (var c = 0; c < header.Length; c++)
                sheet.Cell(1, c + 1).Value = header[c];
            workbook.SaveAs(Path.Combine(data, "order_lines.xlsx"));
        }

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));

        Assert.EndsWith("Sheet 'Orders 2024' has them: name it under sources.order_lines (sheet: Orders 2024).", e.Message);
    }

    [Fact]
    public void Inspect_ShipmentsExportWithCommonNames_DraftsTheirMapping()
    {
        // Shipment exports name quantities and dates Shipped Qty, Dispatch Date, Promise Date; the draft knew none of them
        // and left quantity_shipped, the in-full test's input, unmapped.
        var data = _folder.Sub("inspect-shipments");
        File.WriteAllText(Path.Combine(data, "deliveries.csv"),
            "Shipment,Order No,Item,Dispatch Date,Promise Date,Delivered On,Ordered Qty,Shipped Qty,Freight\nD1,SO-1,X,2025-03-01,2025-03-02,2025-03-02,5,5,12.5\n");

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "deliveries.csv"));

        Assert.Equal("shipments", draft.Table);
        Assert.Equal(["shipment_id:Shipment", "order_id:Order No", "ship_date:Dispatch Date", "promised_date:Promise Date", "delivered_date:Delivered On",
                "sku:Item", "quantity_shipped:Shipped Qty", "quantity_ordered:Ordered Qty", "freight_cost:Freight"],
            draft.Columns.Select(c => $"{c.Key}:{c.Value}"));
    }

    [Fact]
    public void Inspect_GermanAmountsWithTheEuroSign_DraftTheCultureThatReadsThem()
    {
        // README's German example reads 1.234,50 and 1.234,50 € under culture: de-DE; the draft named no culture when some
        // amounts carried the € and noted '1.234,50' as no number in a known culture.
        var data = _folder.Sub("inspect-euro");
        File.WriteAllText(Path.Combine(data, "auftraege.csv"), "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA1;K1;X;03.02.2025;2;1.234,50\nA2;K2;Y;04.02.2025;1;12,50 €\n");

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "auftraege.csv"));

        Assert.Equal("de-DE", draft.Culture);
        Assert.DoesNotContain(draft.Notes, n => n.Contains("no number in a known culture", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_GermanCultureAndCustomFormats_ParseThroughConfiguration()
    {
        var data = _folder.Sub("de");
        File.WriteAllText(Path.Combine(data, "export.csv"), "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA1;K1;X;01.02.2024 08:15;1.000;1.234,50\nA2;K1;X;02.02.2024 09:00;2;0,25\n", System.Text.Encoding.Latin1);
        var config = _folder.File("de/chainseg.yaml", """
            sources:
              order_lines:
                path: export.csv
                delimiter: ";"
                encoding: latin-1
                culture: de-DE
                columns: { order_id: Auftrag, customer_id: Kunde, sku: Artikel, order_date: Datum, quantity: Menge, unit_price: Preis }
                formats: { order_date: "dd.MM.yyyy HH:mm" }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var metrics = Assert.Single(output.Metrics());
        Assert.Equal(1000 * 1234.50 + 2 * 0.25, double.Parse(metrics["revenue"], CultureInfo.InvariantCulture), 6);
        Assert.Equal("1002.0", metrics["units"]);
        Assert.Equal(("2024-02-01", "2024-02-02"), (metrics["first_order_date"], metrics["last_order_date"]));
    }

    [Fact]
    public async Task Ingest_HeadersDifferingOnlyInCaseOrNamedRowid_AreReadAndNumberedLikeAHeaderWrittenTwice()
    {
        // An Oracle export's ROWID, a header _file, or Note beside note (DuckDB's column names ignore case) each failed the
        // run with DuckDB's "Column with name note already exists!" or a binder error, as the raw table keeps _file and
        // DuckDB's rowid for itself. They are numbered as a header written twice is (ROWID_2, note_2), from CSV and Parquet.
        var data = _folder.Sub("reserved");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "ROWID,order_id,customer_id,sku,order_date,quantity,unit_price,Note,note,_file\n" +
            "AAAx1,SO-1,C1,X,2025-01-01,1,10,n1,n2,f1\nAAAx2,SO-2,,X,2025-01-01,1,10,n3,n4,f2\n");
        var parquet = _folder.Sub("reserved-parquet");
        await using (var stream = File.Create(Path.Combine(parquet, "lines.parquet")))
            await ParquetSerializer.SerializeAsync(new[] { new ParquetRowidLine("AAAx1", "SO-1", "C1", "X", new DateTime(2025, 1, 1), 1, 10), new ParquetRowidLine("AAAx2", "SO-2", null, "X", new DateTime(2025, 1, 1), 1, 10) }, stream);
        var config = _folder.File("reserved-parquet/chainseg.yaml", """
            sources:
              order_lines:
                path: lines.parquet
                columns: { order_id: Invoice, customer_id: Cust, sku: Item, order_date: When, quantity: Qty, unit_price: Price }
            """);

        var csv = PipelineOutput.Run(data, Path.Combine(data, "out"));
        var fromParquet = PipelineOutput.Run(parquet, Path.Combine(parquet, "out"), config);

        Assert.Equal((2L, 1L), (csv.Count("order_lines", "rows_read"), csv.Count("order_lines", "rows_accepted")));
        var rejected = Assert.Single(csv.Quarantine("order_lines"));
        Assert.Equal(("AAAx2", "n3", "n4", "f2"), (rejected["ROWID_2"], rejected["Note"], rejected["note_2"], rejected["_file_2"]));
        Assert.Equal((2L, 1L), (fromParquet.Count("order_lines", "rows_read"), fromParquet.Count("order_lines", "rows_accepted")));
        Assert.Equal(("AAAx2", "SO-2"), (Assert.Single(fromParquet.Quarantine("order_lines")) is var q ? (q["rowid_2"], q["Invoice"]) : default));
    }

    [Fact]
    public void Ingest_CsvHeaderCellsLeftEmpty_AreNamedByTheirColumnsNumberAndMappedByIt()
    {
        // A header left empty over data (a channel in the 3rd column, the currency after net_amount) was named "column",
        // the next one "column_2", by their order and not their place: the names said nothing of where they were and
        // changed when another empty header came before. Each is named by its column's number, as in a workbook.
        var data = _folder.Sub("empty-headers");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,,sku,order_date,quantity,net_amount,\nSO-1,C1,web,X,2025-01-01,1,10.50,EUR\nSO-2,C2,shop,X,2025-01-02,2,21.00,USD\n");
        var config = _folder.File("empty-headers/chainseg.yaml", """
            sources:
              order_lines:
                path: order_lines.csv
                columns: { order_id: order_id, customer_id: customer_id, sku: sku, order_date: order_date, quantity: quantity, net_amount: net_amount, channel: column_3, source_system: column_8 }
            """);

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "order_lines.csv"));
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal(["column_3", "column_8"], draft.Unused);
        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal([["SO-1", "web", "EUR", "10.5"], ["SO-2", "shop", "USD", "21.0"]],
            output.Canonical("order_lines", "order_id", "channel", "source_system", "net_amount"));
    }

    [Fact]
    public void Inspect_DateOnlyAndDateTimeInOneColumn_DraftsBothLayoutsAndValidateReadsEveryRow()
    {
        // 03.02.2025 beside 04.02.2025 08:15: no one layout reads both, and the draft named none ("no known layout reads
        // values such as"); it drafts the list formats: takes, which the sample check then reads in full.
        var data = _folder.Sub("inspect-mixed-dates");
        File.WriteAllText(Path.Combine(data, "auftraege.csv"),
            "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA1;K1;X;03.02.2025;2;1,50\nA2;K2;Y;04.02.2025 08:15;1;12,50\nA3;K2;Y;05.02.2025;1;2,00\n");

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "auftraege.csv"));

        Assert.Equal("dd.MM.yyyy | dd.MM.yyyy HH:mm", string.Join(" | ", draft.Formats["order_date"]));
        Assert.DoesNotContain(draft.Notes, n => n.Contains("order_date", StringComparison.Ordinal));
        Assert.Contains("    formats:\n      order_date: ['dd.MM.yyyy', 'dd.MM.yyyy HH:mm']\n", draft.ToYaml().ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), draft.ToYaml());
        var sample = Assert.Single(ChainSeg.Data.Pipeline.ConfigCheck.Run(Path.Combine(data, "chainseg.yaml"), null).Sources).Quality;
        Assert.Equal((3L, 3L), (sample.RowsRead, sample.RowsAccepted));
    }

    [Fact]
    public void Inspect_DatesOfTwoShapes_DraftsALayoutPerShapeAndNamesAValueNoneReads()
    {
        // dd.MM.yyyy beside one 2025/02/06: no one layout reads both, and the draft said "no known layout reads values such
        // as '03.02.2025'", which dd.MM.yyyy does; it drafts the list of both, which the sample check reads in full. A
        // value of a shape no known layout reads is named, the rest still drafted.
        var data = _folder.Sub("inspect-two-date-shapes");
        File.WriteAllText(Path.Combine(data, "auftraege.csv"),
            "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA1;K1;X;03.02.2025;2;1,50\nA2;K2;Y;04.02.2025;1;12,50\nA3;K2;Y;05.02.2025;1;2,00\nA4;K1;X;2025/02/06;1;2,00\n");
        File.WriteAllText(Path.Combine(data, "odd.csv"),
            "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA1;K1;X;03.02.2025;2;1,50\nA2;K2;Y;04.02.2025;1;12,50\nA3;K1;X;2025/02/06;1;2,00\nA4;K1;X;2025.02.07;1;2,00\n");

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "auftraege.csv"));
        var odd = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "odd.csv"));

        Assert.Equal("dd.MM.yyyy | yyyy/MM/dd", string.Join(" | ", draft.Formats["order_date"]));
        Assert.DoesNotContain(draft.Notes, n => n.Contains("order_date", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), draft.ToYaml());
        var sample = Assert.Single(ChainSeg.Data.Pipeline.ConfigCheck.Run(Path.Combine(data, "chainseg.yaml"), null).Sources).Quality;
        Assert.Equal((4L, 4L), (sample.RowsRead, sample.RowsAccepted));
        Assert.Equal("dd.MM.yyyy | yyyy/MM/dd", string.Join(" | ", odd.Formats["order_date"]));
        Assert.Contains("order_date: no known layout reads values such as '2025.02.07'; name its layout under formats: too", odd.Notes);
    }

    [Fact]
    public void Inspect_HeadersHoldingLineBreaks_DraftRunsAsPrinted()
    {
        // A quoted header with a line break ("Order<LF>ID", a wrapped header cell saved as CSV) was drafted as 'Order<LF>ID',
        // which YAML folds into "Order ID", and the run refused the mapping; one left unmapped ended its comment line, and
        // its second half was read as YAML.
        var data = _folder.Sub("wrapped-headers");
        File.WriteAllText(Path.Combine(data, "export.csv"),
            "\"Order\nID\",customer_id,sku,order_date,quantity,unit_price,\"Note\r\ninternal: yes\"\nSO-1,C1,X,2025-01-01,2,1.5,a\nSO-2,C2,X,2025-01-02,1,4,b\n");

        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "export.csv")).ToYaml());
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: export.csv\n    columns: { order_id: 'Order\n      ID' }\n");
        var folded = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out2")));

        Assert.Equal([["SO-1", "1.5"], ["SO-2", "4.0"]], output.Canonical("order_lines", "order_id", "unit_price"));
        Assert.Contains("column 'Order ID' not found in export.csv (did you mean \"Order\\nID\"? write it so, in double quotes); ", folded.Message);
    }

    [Theory]
    [InlineData("\r\n", "\n", false)]
    [InlineData("\r\n", "\n", true)]
    [InlineData("\r\n", "\r\n", false)]
    [InlineData("\n", "\n", false)]
    public void Ingest_WrappedHeaderCellInAnExcelCsv_ReadsEveryRow(string rowEnd, string cellBreak, bool title)
    {
        // Excel saves rows ending in CRLF and a wrapped cell's break (Alt+Enter) as a bare LF: with such a header, DuckDB's
        // reader skipped every row, and the run said the export held its header alone (a customers file read empty).
        var data = _folder.Sub($"wrapped-{rowEnd.Length}{cellBreak.Length}{title}");
        File.WriteAllText(Path.Combine(data, "orders.csv"), (title ? "Sales report" + rowEnd : "") + string.Join(rowEnd, $"\"Order{cellBreak}ID\";Kunde;Artikel;Datum;Menge;\"Preis{cellBreak}(EUR)\"",
            "SO-1;C1;X;2025-01-01;2;1,5", "SO-2;C2;X;2025-01-02;1;4", "SO-3;;X;2025-01-03;1;4", ""));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: orders.csv\n    delimiter: ';'\n    culture: de-DE\n"
            + "    columns: { order_id: \"Order\\nID\", customer_id: Kunde, sku: Artikel, order_date: Datum, quantity: Menge, unit_price: \"Preis\\n(EUR)\" }\n".Replace("\\n", cellBreak == "\n" ? "\\n" : "\\r\\n", StringComparison.Ordinal));

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal((3L, 2L, 1L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "rows_quarantined")));
        Assert.Equal([["SO-1", "1.5"], ["SO-2", "4.0"]], output.Canonical("order_lines", "order_id", "unit_price"));
        Assert.Equal([("3", "missing_required")], output.Quarantine("order_lines").Select(q => (q["_source_row"], q["_reason"])));
    }

    [Fact]
    public void Ingest_ConfigurationMappingAnEmptyHeaderAsColumn_NamesItsNumberedName()
    {
        // A configuration written when a header cell left empty was named "column" was told that "a header written twice
        // is numbered: map 'column_2'", the right name for the wrong reason.
        var data = _folder.Sub("old-column");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,,customer_id,sku,order_date,quantity,net_amount\nSO-1,web,C1,X,2025-01-01,1,10.50\n");
        var config = _folder.File("old-column/chainseg.yaml", """
            sources:
              order_lines:
                path: order_lines.csv
                columns: { channel: column }
            """);

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out"), config));

        Assert.EndsWith("A header cell left empty is named by its column's number: map 'column_2'.", e.Message);
    }

    // The pipeline on an order_lines.csv of canonical columns holding these lines, in a folder of its own.
    private PipelineOutput RunOrderLines(params string[] lines)
    {
        var data = _folder.Sub("lines-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", lines) + "\n");
        return PipelineOutput.Run(data, Path.Combine(data, "out"));
    }

    public void Dispose() => _folder.Dispose();

    // chainseg validate reads a Parquet file's and a workbook's first rows only (below a report's title lines), through
    // the run's checks: the third row's missing customer is outside a 2-row sample and inside a 10-row one.
    [Fact]
    public async Task Validate_ParquetAndXlsxSamples_ReadTheFirstRowsThroughTheRunsChecks()
    {
        var parquet = _folder.Sub("sample-parquet");
        ParquetLine[] lines =
        [
            new("A1", "C1", "X", new DateTime(2024, 3, 1), 2, 2.5),
            new("A2", "C2", "X", new DateTime(2024, 3, 2), 1, 2.5),
            new("A3", null, "X", new DateTime(2024, 3, 3), 4, 1.0),
        ];
        await using (var stream = File.Create(Path.Combine(parquet, "order_lines.parquet")))
            await ParquetSerializer.SerializeAsync(lines, stream);
        File.WriteAllText(Path.Combine(parquet, "chainseg.yaml"),
            "sources:\n  order_lines:\n    path: order_lines.parquet\n    columns: { order_id: Invoice, customer_id: Cust, sku: Item, order_date: When, quantity: Qty, unit_price: Price }\n");
        var xlsx = _folder.Sub("sample-xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Report");
            sheet.Cell(1, 1).Value = "Order lines, March 2024";
            string[] header = ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"];
            for (var c = 0; c < header.Length; c++)
                sheet.Cell(3, c + 1).Value = header[c];
            for (var r = 0; r < lines.Length; r++)
            {
                object?[] row = [lines[r].Invoice, lines[r].Cust, lines[r].Item, lines[r].When.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lines[r].Qty, lines[r].Price];
                for (var c = 0; c < row.Length; c++)
                    if (row[c] is { } value)
                        sheet.Cell(r + 4, c + 1).Value = value;
            }
            workbook.SaveAs(Path.Combine(xlsx, "order_lines.xlsx"));
        }

        foreach (var (config, data) in new[] { (Path.Combine(parquet, "chainseg.yaml"), (string?)null), (null, xlsx) })
        {
            var first2 = Assert.Single(ChainSeg.Data.Pipeline.ConfigCheck.Run(config, data, 2).Sources).Quality;
            var first10 = Assert.Single(ChainSeg.Data.Pipeline.ConfigCheck.Run(config, data, 10).Sources).Quality;
            Assert.Equal((2L, 2L, 0L), (first2.RowsRead, first2.RowsAccepted, first2.RowsQuarantined));
            Assert.Equal((3L, 2L, 1L), (first10.RowsRead, first10.RowsAccepted, first10.RowsQuarantined));
            Assert.Equal(1, first10.Reasons["missing_required:customer_id"]);
        }
        Assert.Equal(["chainseg.yaml", "order_lines.parquet"], Directory.GetFileSystemEntries(parquet).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // chainseg inspect on a workbook whose first sheet is a cover: the draft names the sheet holding the table (below its
    // title line), maps its headers, and as chainseg.yaml reads every row.
    [Fact]
    public void Inspect_XlsxWithACoverSheet_DraftsTheSheetThatHoldsTheTable()
    {
        var data = _folder.Sub("inspect-xlsx");
        using (var workbook = new XLWorkbook())
        {
            // The cover's "Created | date" reads as an order date header: a weak fit that must not win over the Orders sheet.
            var cover = workbook.AddWorksheet("Cover");
            cover.Cell(1, 1).Value = "Created";
            cover.Cell(1, 2).Value = "Quarterly export, do not edit";
            cover.Cell(2, 1).Value = new DateTime(2025, 3, 1);
            cover.Cell(2, 2).Value = "finance";
            var sheet = workbook.AddWorksheet("Orders");
            sheet.Cell(1, 1).Value = "Orders Q1";
            object[][] rows =
            [
                ["Order No", "Customer", "Item", "Order Date", "Qty", "Price"],
                ["SO-1", "C1", "X", new DateTime(2025, 1, 6), 3, 1.25],
                ["SO-2", "C2", "Y", new DateTime(2025, 1, 7), 1, 4.5],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 3, c + 1).Value = rows[r][c];
            workbook.SaveAs(Path.Combine(data, "export.xlsx"));
        }

        var draft = ChainSeg.Data.Ingestion.ExportInspection.Inspect(Path.Combine(data, "export.xlsx"));

        Assert.Equal(("order_lines", "Orders"), (draft.Table, draft.Sheet));
        Assert.Equal(["order_id:Order No", "customer_id:Customer", "sku:Item", "order_date:Order Date", "quantity:Qty", "unit_price:Price"],
            draft.Columns.Select(c => $"{c.Key}:{c.Value}"));
        Assert.Empty(draft.Formats);
        Assert.Contains("    sheet: 'Orders'\n", draft.ToYaml().ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), draft.ToYaml());
        var sample = Assert.Single(ChainSeg.Data.Pipeline.ConfigCheck.Run(Path.Combine(data, "chainseg.yaml"), null).Sources).Quality;
        Assert.Equal((2L, 2L), (sample.RowsRead, sample.RowsAccepted));
    }

    // DuckDB's "No magic bytes found at end of file" said neither that a CSV was named .parquet nor that a copy was cut short.
    [Theory]
    [InlineData("renamed", "it does not begin as every Parquet file does (PAR1): a CSV or other file named .parquet? Name it for what it is (.csv, .xlsx), or export it as Parquet again")]
    [InlineData("cut", "it does not end as every Parquet file does (PAR1), so it was cut short; copy or export it again")]
    public async Task Validate_ParquetThatIsNoParquetFile_SaysWhatItLooksLikeAndTheFix(string kind, string reason)
    {
        var data = _folder.Sub("parquet-" + kind);
        var file = Path.Combine(data, "order_lines.parquet");
        if (kind == "renamed")
        {
            File.WriteAllText(file, "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2024-03-01,2,2.5\n");
        }
        else
        {
            await WriteParquet(file);
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..^40]);
        }

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => ChainSeg.Data.Pipeline.ConfigCheck.Run(null, data));

        Assert.Equal($"sources.order_lines: order_lines.parquet is not a readable Parquet file ({reason}).", e.Message);
    }

    // Order lines whose price columns the mapping does not reach (an ERP's Preis, Netto) said only "one of unit_price or
    // net_amount must be mapped": not what the file holds, nor where to map it, as a missing required column says.
    [Fact]
    public void Validate_NeitherPriceColumnMapped_NamesTheFilesHeadersAndWhereToMapOne()
    {
        var data = _folder.Sub("no-price");
        var file = Path.Combine(data, "order_lines.csv");
        File.WriteAllText(file, "order_id,customer_id,sku,order_date,quantity,Preis\nA1,C1,X,2024-03-01,2,2.5\n");

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => ChainSeg.Data.Pipeline.ConfigCheck.Run(null, data));

        Assert.Equal("sources.order_lines: neither unit_price nor net_amount is mapped, and each row needs one (order_lines.csv has: order_id, customer_id, sku, order_date, quantity, Preis). "
            + $"Map one of them under columns: (chainseg inspect {file} drafts the mapping).", e.Message);
    }

    // A page damaged behind an intact footer: the header read, then the rows failed with DuckDB's "Invalid Input Error:
    // Failed to read file …: Snappy decompression failure" and exit code 1.
    [Fact]
    public async Task Validate_ParquetDamagedBehindItsFooter_NamesTheFileAsDamaged()
    {
        var data = _folder.Sub("parquet-damaged");
        var file = Path.Combine(data, "order_lines.parquet");
        await WriteParquet(file);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"),
            "sources:\n  order_lines:\n    path: order_lines.parquet\n    columns: { order_id: Invoice, customer_id: Cust, sku: Item, order_date: When, quantity: Qty, unit_price: Price }\n");
        var bytes = File.ReadAllBytes(file);
        Array.Fill(bytes, (byte)0xA5, 8, 120);
        File.WriteAllBytes(file, bytes);

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => ChainSeg.Data.Pipeline.ConfigCheck.Run(null, data));

        Assert.Equal("sources.order_lines: order_lines.parquet: it is damaged: its metadata or data cannot be decoded; export it as Parquet again", e.Message);
    }

    // A CSV named .xlsx failed with "End of Central Directory record could not be found", a zip of other files with
    // ClosedXML's "Object reference not set to an instance of an object".
    [Theory]
    [InlineData("renamed", "it is not a zip archive, as every .xlsx workbook is: a CSV or other file named .xlsx? Name it for what it is (.csv), or save it from Excel as .xlsx again")]
    [InlineData("zip", "it is a zip archive without a workbook in it; save it from Excel as .xlsx again")]
    public void Validate_XlsxThatIsNoWorkbook_SaysWhatItLooksLikeAndTheFix(string kind, string reason)
    {
        var data = _folder.Sub("xlsx-" + kind);
        var file = Path.Combine(data, "order_lines.xlsx");
        if (kind == "renamed")
        {
            File.WriteAllText(file, "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2024-03-01,2,2.5\n");
        }
        else
        {
            using var zip = System.IO.Compression.ZipFile.Open(file, System.IO.Compression.ZipArchiveMode.Create);
            using var entry = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            entry.Write("not a workbook");
        }

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => ChainSeg.Data.Pipeline.ConfigCheck.Run(null, data));

        Assert.Equal($"sources.order_lines: order_lines.xlsx is not a readable .xlsx workbook ({reason}).", e.Message);
    }

    private static async Task WriteParquet(string file)
    {
        var lines = Enumerable.Range(1, 200).Select(i => new ParquetLine($"A{i}", $"C{i % 7}", "X", new DateTime(2024, 3, 1).AddDays(i % 30), i % 5 + 1, 2.5)).ToArray();
        await using var stream = File.Create(file);
        await ParquetSerializer.SerializeAsync(lines, stream);
    }

    // rowid in lower case: the Parquet column name, the one DuckDB's raw table keeps for itself.
    private sealed record ParquetRowidLine(string rowid, string Invoice, string? Cust, string Item, DateTime When, int Qty, double Price);

    private sealed record ParquetLine(string Invoice, string? Cust, string Item, DateTime When, int Qty, double Price);
}
