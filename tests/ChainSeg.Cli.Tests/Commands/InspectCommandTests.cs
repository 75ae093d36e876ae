using System.Text;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // A US export whose quantities read "5,000" (de-DE or en-US alone) and prices "2.45" (en-US only): the draft names
    // en-US from every number column (it named de-DE from the first, and the run read 2.45 as 245); an order export with
    // one unknown header still drafts order_lines, not the products table its SKU column alone fits.
    [Fact]
    public void Inspect_UsExportWithAnUnknownHeader_DraftsOrderLinesInEnUs()
    {
        var draft = Drafted("us.csv",
            "Order Number,Buyer Ref,Item Number,Order Date,Qty,Unit Price\nSO-1,B-7,X-1,2025-02-03,\"5,000\",2.45\nSO-2,B-8,X-2,2025-02-04,\"1,250\",10.5\n");

        Assert.Contains("  order_lines:\n    path: 'us.csv'\n    culture: en-US\n", draft);
        Assert.Contains("      sku: 'Item Number'\n", draft);
        Assert.Contains("# required customer_id is not mapped: name the header that holds it", draft);
    }

    // A semicolon export whose one description holds commas ("Kabel, 3x1,5 mm², grau, 50 m"): the most fields on one line
    // came from ',' and the draft fitted no table; the delimiter that splits most lines alike is ';'.
    [Fact]
    public void Inspect_SemicolonFileWithCommasInOneField_DraftsTheSemicolon()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "kabel.csv"),
            "Auftrag;Kunde;Artikel;Datum;Menge;Preis;Bezeichnung\nA-1;K1;X-1;2025-02-03;2;12,5;Kabel, 3x1,5 mm², grau, 50 m, Ring, VDE\nA-2;K2;X-2;2025-02-04;1;3,0;Stecker\nA-3;K1;X-3;2025-02-05;4;1,0;Dose\n");

        var inspect = CliRun.Invoke("inspect", Path.Combine(_folder.Path, "kabel.csv"));

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.Contains("  order_lines:\n    path: 'kabel.csv'\n    delimiter: ';'\n", inspect.Output.ReplaceLineEndings("\n"));
    }

    // A report whose first line carries two values ("Umsatzbericht;Stand 01.03.2024"), then a blank line, then the header:
    // the two-value line is a title (a line of three or more values follows), and the rows are numbered from the header.
    [Fact]
    public void Inspect_TwoValueTitleAboveTheHeader_DraftsFromTheHeader()
    {
        var revenue = DraftedRunRevenue("Umsatzbericht;Stand 01.03.2024\n\nAuftrag;Kunde;Artikel;Datum;Menge;Preis\nA-1;K1;X-1;2025-02-03;2;12,5\nA-2;K2;X-2;2025-02-04;1;3,0\n",
            "      order_id: 'Auftrag'\n");

        Assert.Equal(2 * 12.5 + 3.0, revenue);
    }

    // A report title of three fields ("Sales report Q3 2026,Generated 2026-10-01 by SAP,Plant 1000") was read as the
    // header and no table fitted it; the draft names the line the table's columns are on (header_row), which the run reads.
    [Fact]
    public void Inspect_ThreeFieldTitleAboveTheHeader_DraftsHeaderRow()
    {
        var revenue = DraftedRunRevenue("Sales report Q3 2026,Generated 2026-10-01 by SAP,Plant 1000\n\nOrder ID,Customer ID,SKU,Order Date,Quantity,Unit Price\nA-1,K1,X-1,2025-02-03,2,12.5\nA-2,K2,X-2,2025-02-04,1,3.0\n",
            "  order_lines:\n    path: 'bericht.csv'\n    header_row: 3\n");

        Assert.Equal(2 * 12.5 + 3.0, revenue);
    }

    // A report's title lines holding a comma each ("Report: Sales, Germany") above a ';' table with one decimal comma a
    // row: ',' split four lines into two fields, ';' three into six, and the draft read the title as the header, fitted no
    // table and asked for --table, which could not help.
    [Fact]
    public void Inspect_TitleLinesWithCommasAboveASemicolonTable_DraftsTheSemicolon()
    {
        var revenue = DraftedRunRevenue("Report: Sales, Germany\nPeriod: 01.01.2025 - 31.03.2025, all plants\n\nAuftrag;Kunde;Artikel;Datum;Menge;Preis\nA-1;K1;X-1;03.01.2025;2;12,50\nA-2;K2;X-2;04.01.2025;1;3,00\n",
            "  order_lines:\n    path: 'bericht.csv'\n    delimiter: ';'\n");

        Assert.Equal(2 * 12.5 + 3.0, revenue);
    }

    // One dirty quantity among the first rows ("n/a", which no culture reads) left the draft without a culture and with
    // the note "unit_price: values such as '1.234,50' are no number in a known culture"; the run then quarantined every
    // price. A value without a digit is the run's to quarantine, as a stray date is, and does not vote on the culture.
    [Fact]
    public void Inspect_OneQuantityWithoutADigit_StillDraftsTheCultureTheNumbersNeed()
    {
        var revenue = DraftedRunRevenue("Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA-1;K1;X-1;03.01.2025;2;1.234,50\nA-2;K2;X-2;04.01.2025;1;3,00\nA-3;K1;X-1;05.01.2025;n/a;7,25\n",
            "    delimiter: ';'\n    culture: de-DE\n");

        Assert.Equal(2 * 1234.5 + 3.0, revenue);
    }

    // Inspects a file of the name holding the text given, checks it drafted, and returns the draft with \n line endings.
    private string Drafted(string name, string export)
    {
        File.WriteAllText(Path.Combine(_folder.Path, name), export);
        var inspect = CliRun.Invoke("inspect", Path.Combine(_folder.Path, name));
        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        return inspect.Output.ReplaceLineEndings("\n");
    }

    // Inspects bericht.csv holding the text given, checks the draft holds the part expected, runs the draft as printed and
    // sums the revenue of customer_metrics.csv.
    private double DraftedRunRevenue(string export, string expectedInDraft)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "bericht.csv"), export);
        var inspect = CliRun.Invoke("inspect", Path.Combine(_folder.Path, "bericht.csv"));
        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.Contains(expectedInDraft, inspect.Output.ReplaceLineEndings("\n"));

        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), inspect.Output);
        var run = CliRun.Invoke("run", "--config", Path.Combine(_folder.Path, "chainseg.yaml"), "--out", Path.Combine(_folder.Path, "out"), "-q");
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        return CsvSum(Path.Combine(_folder.Path, "out", "customer_metrics.csv"), "revenue");
    }

    private static double CsvSum(string file, string column)
    {
        var lines = File.ReadAllLines(file);
        var index = Array.IndexOf(lines[0].Split(','), column);
        return lines.Skip(1).Sum(l => double.Parse(l.Split(',')[index], System.Globalization.CultureInfo.InvariantCulture));
    }

    // A German ERP export: ';'-separated, Latin-1 (Müller), German headers, day-first dates, 1.234,50 prices and SAP's
    // trailing minus. The draft names all of it; saved as chainseg.yaml it validates and runs with every line accepted.
    [Fact]
    public void Inspect_GermanErpExport_DraftsAConfigThatRunsClean()
    {
        File.WriteAllBytes(Path.Combine(_folder.Path, "auftraege.csv"), Encoding.Latin1.GetBytes(
            "Auftrag;Kunde;Artikel;Datum;Menge;Preis;Bemerkung\nA-1;K100;X-1;03.02.2025;2;1.234,50;Müller\nA-2;K101;X-2;14.02.2025;1;12,00;\nA-3;K100;X-1;28.02.2025;3-;5,5;eilig\n"));

        var inspect = CliRun.Invoke("inspect", Path.Combine(_folder.Path, "auftraege.csv"));

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.Equal("""
            # Drafted by chainseg inspect from auftraege.csv: check each line, then run chainseg validate.
            sources:
              order_lines:
                path: 'auftraege.csv'
                delimiter: ';'
                encoding: latin-1
                culture: de-DE
                formats:
                  order_date: 'dd.MM.yyyy'
                columns:
                  order_id: 'Auftrag'
                  customer_id: 'Kunde'
                  sku: 'Artikel'
                  order_date: 'Datum'
                  quantity: 'Menge'
                  unit_price: 'Preis'
              # auftraege.csv, not mapped: Bemerkung

            """.ReplaceLineEndings("\n"), inspect.Output.ReplaceLineEndings("\n"));

        var config = Path.Combine(_folder.Path, "chainseg.yaml");
        File.WriteAllText(config, inspect.Output);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("validate", "--config", config, "-q").ExitCode);
        var output = Path.Combine(_folder.Path, "out");
        var run = CliRun.Invoke("run", "--config", config, "--out", output, "-q");
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        // K100: 2 × 1,234.50 and a return of 3 × 5.50, by hand: 2,469.00 − 16.50.
        var k100 = File.ReadLines(Path.Combine(output, "customer_metrics.csv")).Single(l => l.StartsWith("K100,", StringComparison.Ordinal));
        Assert.Contains(",2452.5,", k100);
    }

    // A German distributor's SAP export folder: German headers for every table (Nettowert, Wunschliefertermin, Werk,
    // Konzern, PLZ, Lieferdatum, Spediteur, Ereignisart, Einstandspreis, ...). The draft left Nettowert unmapped (so it did
    // not validate: "neither unit_price nor net_amount is mapped"), most attributes unmapped, and drafted the service
    // events as a second customers table. Saved as chainseg.yaml, the draft now validates and runs with every row accepted.
    [Fact]
    public void Inspect_SapStyleGermanFolder_MapsEveryTablesGermanHeadersAndRunsClean()
    {
        var data = Path.Combine(_folder.Path, "exports");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "Auftragspositionen.csv"),
            "Auftragsnummer;Position;Verkaufsbelegart;Kundennummer;Materialnummer;Auftragsdatum;Menge;ME;Nettowert;Währung;Wunschliefertermin;Werk\r\n" +
            "0010000001;10;TA;0000104711;00200438;02.12.2025;23,000;ST;1.367,26;EUR;05.12.2025;1000\r\n" +
            "0010000001;20;TA;0000104711;00200474;02.12.2025;18,000;ST;544,31;EUR;05.12.2025;1000\r\n" +
            "0010000002;10;RE;0000104711;00200438;09.12.2025;2,000-;ST;118,89-;EUR;;1000\r\n" +
            "0010000003;10;TA;0000104718;00200474;10.12.2025;5,000;ST;151,20;EUR;15.12.2025;2000\r\n", new UTF8Encoding(true));
        File.WriteAllBytes(Path.Combine(data, "Kunden.csv"), Encoding.Latin1.GetBytes(
            "Kundennummer;Name 1;Konzern;Land;Bundesland;Ort;PLZ;Vertriebsweg;Angelegt am\r\n" +
            "0000104711;Müller Haustechnik GmbH;;DE;Sachsen;Dresden;01067;Großhandel;08.05.2017\r\n" +
            "0000104718;Schäfer Baubedarf KG;0000104711;DE;Thüringen;Erfurt;99084;Webshop;14.02.2019\r\n"));
        File.WriteAllText(Path.Combine(data, "Artikelstamm.csv"),
            "Materialnummer;Materialkurztext;Warengruppe;Einstandspreis;Listenpreis;Bruttogewicht kg\r\n" +
            "00200438;Kugelhahn 1/2\";Sanitär;41,20;62,50;0,350\r\n00200474;Pressfitting 22;Sanitär;20,10;31,00;0,120\r\n");
        File.WriteAllBytes(Path.Combine(data, "Lieferungen.csv"), Encoding.Latin1.GetBytes(
            "Lieferung;Auftragsnummer;Materialnummer;Warenausgangsdatum;Zugesagter Liefertermin;Lieferdatum;Liefermenge;Auftragsmenge;Spediteur;Versandart;Frachtkosten;Werk\r\n" +
            "0080000001;0010000001;00200438;03.12.2025;05.12.2025;04.12.2025;23,000;23,000;DB Schenker;Stückgut;71,22;1000\r\n" +
            "0080000001;0010000001;00200474;03.12.2025;05.12.2025;04.12.2025;18,000;18,000;DB Schenker;Stückgut;0,00;1000\r\n" +
            "0080000002;0010000003;00200474;11.12.2025;13.12.2025;16.12.2025;4,000;5,000;Dachser;Paket;12,50;2000\r\n"));
        File.WriteAllBytes(Path.Combine(data, "Serviceereignisse.csv"), Encoding.Latin1.GetBytes(
            "Kundennummer;Ereignisart;Datum;Auftragsnummer;Kosten\r\n104711;return;09.12.2025;0010000001;23,44\r\n104718;complaint;17.12.2025;0010000003;56,39\r\n"));

        var inspect = CliRun.Invoke("inspect", data);

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        var draft = inspect.Output.ReplaceLineEndings("\n");
        Assert.Contains("      net_amount: 'Nettowert'\n      line_no: 'Position'\n      requested_date: 'Wunschliefertermin'\n      location_id: 'Werk'\n", draft);
        Assert.Contains("  # Auftragspositionen.csv, not mapped: Verkaufsbelegart, ME, Währung\n", draft);
        Assert.Contains("      customer_id: 'Kundennummer'\n      name: 'Name 1'\n      parent_id: 'Konzern'\n      country: 'Land'\n      region: 'Bundesland'\n"
            + "      city: 'Ort'\n      postal_code: 'PLZ'\n      channel: 'Vertriebsweg'\n      created_at: 'Angelegt am'\n", draft);
        Assert.Contains("      sku: 'Materialnummer'\n      description: 'Materialkurztext'\n      category: 'Warengruppe'\n      unit_cost: 'Einstandspreis'\n"
            + "      unit_price: 'Listenpreis'\n      weight_kg: 'Bruttogewicht kg'\n", draft);
        Assert.Contains("      promised_date: 'Zugesagter Liefertermin'\n      delivered_date: 'Lieferdatum'\n", draft);
        Assert.Contains("      quantity_ordered: 'Auftragsmenge'\n      carrier: 'Spediteur'\n      mode: 'Versandart'\n", draft);
        Assert.Contains("  service_events:\n    path: 'Serviceereignisse.csv'\n", draft);
        Assert.Contains("      event_type: 'Ereignisart'\n      event_date: 'Datum'\n      order_id: 'Auftragsnummer'\n      cost: 'Kosten'\n", draft);
        Assert.DoesNotContain("also fits", draft);

        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), inspect.Output);
        var validate = CliRun.Invoke("validate", "--data", data, "-q");
        Assert.Equal((ChainSegApp.Ok, ""), (validate.ExitCode, validate.Error));
        var output = Path.Combine(_folder.Path, "out");
        var run = CliRun.Invoke("run", "--data", data, "--out", output, "-q");
        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
        using var quality = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "quality.json")));
        var tables = quality.RootElement.GetProperty("tables").EnumerateObject().ToList();
        Assert.Equal(5, tables.Count);
        Assert.All(tables, t => Assert.Equal((t.Name, 0), (t.Name, t.Value.GetProperty("rows_quarantined").GetInt32())));
        // 0000104711 by hand: 1,367.26 + 544.31 − 118.89 (the Gutschrift); its one order was promised 05.12 and delivered 04.12.
        var customer = File.ReadLines(Path.Combine(output, "customer_metrics.csv")).Single(l => l.StartsWith("0000104711,", StringComparison.Ordinal));
        Assert.Contains(",1792.68,", customer);
        Assert.Contains(",Müller Haustechnik GmbH,", customer);
    }

    // A US company's NetSuite exports: a workbook whose first sheet is the saved search's cover and whose second holds the
    // lines below a title and a blank row, ending in a Grand Total; fulfillments and support cases as CSV. NetSuite's
    // headers (Document Number, Rate, Requested Ship Date, Fulfillment #, Sales Order #, Promised Delivery, Delivered,
    // Company, Date Opened, Type) were unknown: the folder's draft took the fulfillments for products, and said of the
    // workbook and the cases "no canonical table fits … pass --table". The draft now maps them, and with the event types
    // mapped under values: as its note says, it validates and runs with the credit memo netted.
    [Fact]
    public void Inspect_NetSuiteUsFolder_MapsItsHeadersAndRunsClean()
    {
        var data = Path.Combine(_folder.Path, "netsuite");
        Directory.CreateDirectory(data);
        using (var workbook = new ClosedXML.Excel.XLWorkbook())
        {
            workbook.AddWorksheet("Report Info").Cell(1, 1).Value = "Acme Industrial Supply, Inc.";
            var sheet = workbook.AddWorksheet("Sales Order Lines");
            sheet.Cell(1, 1).Value = "Sales Order Lines - Acme Industrial Supply, Inc.";
            string[][] rows =
            [
                ["Document Number", "Line", "Date", "Customer", "Item", "Quantity", "Rate", "Amount", "Requested Ship Date"],
                ["SO10001", "1", "01/06/2025", "Acme Corp : Dallas Branch", "VLV-1001", "10", "$123.45", "$1,234.50", "01/10/2025"],
                ["SO10001", "2", "01/06/2025", "Acme Corp : Dallas Branch", "PMP-1002", "2", "$40.00", "$80.00", "01/10/2025"],
                ["CM7001", "1", "01/20/2025", "Acme Corp : Dallas Branch", "VLV-1001", "-1", "$123.45", "(123.45)", ""],
                ["Grand Total", "", "", "", "", "11", "", "$1,191.05", ""],
            ];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                    sheet.Cell(r + 3, c + 1).Value = rows[r][c];
            workbook.SaveAs(Path.Combine(data, "NetSuite Sales Export.xlsx"));
        }
        File.WriteAllText(Path.Combine(data, "Item Fulfillments.csv"),
            "Fulfillment #,Sales Order #,Item,Qty Shipped,Ship Date,Promised Delivery,Delivered,Carrier,Tracking #,Freight\n" +
            "IF50001,SO10001,VLV-1001,10,01/07/2025,01/10/2025,01/09/2025,UPS Ground,1Z001,$21.95\n" +
            "IF50001,SO10001,PMP-1002,2,01/07/2025,01/10/2025,01/09/2025,UPS Ground,1Z002,$0.00\n");
        File.WriteAllText(Path.Combine(data, "Service Cases.csv"),
            "Case #,Company,Date Opened,Type,Sales Order #,Cost\n" +
            "CASE-00001,Acme Corp : Dallas Branch,01/15/2025,Return (RMA),SO10001,$25.00\nCASE-00002,Acme Corp : Dallas Branch,01/16/2025,Rush order,SO10001,\n");

        var inspect = CliRun.Invoke("inspect", data);

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        var draft = inspect.Output.ReplaceLineEndings("\n");
        Assert.Contains("  order_lines:\n    path: 'NetSuite Sales Export.xlsx'\n    sheet: 'Sales Order Lines'\n    culture: en-US\n    header_row: 3\n", draft);
        Assert.Contains("      order_id: 'Document Number'\n      customer_id: 'Customer'\n", draft);
        Assert.Contains("      unit_price: 'Rate'\n      net_amount: 'Amount'\n      line_no: 'Line'\n      requested_date: 'Requested Ship Date'\n", draft);
        Assert.Contains("  shipments:\n    path: 'Item Fulfillments.csv'\n    culture: en-US\n    formats:\n      ship_date: 'MM/dd/yyyy'\n", draft);
        Assert.Contains("      shipment_id: 'Fulfillment #'\n      order_id: 'Sales Order #'\n      ship_date: 'Ship Date'\n      promised_date: 'Promised Delivery'\n      delivered_date: 'Delivered'\n", draft);
        Assert.Contains("  service_events:\n    path: 'Service Cases.csv'\n", draft);
        Assert.Contains("      customer_id: 'Company'\n      event_type: 'Type'\n      event_date: 'Date Opened'\n      order_id: 'Sales Order #'\n      cost: 'Cost'\n", draft);
        Assert.Contains("# event_type: 'Return (RMA)', 'Rush order' are no event_type;", draft);
        Assert.DoesNotContain("no canonical table fits", draft);

        var mapped = draft.Replace("      cost: 'Cost'\n", "      cost: 'Cost'\n    values: { event_type: { Return (RMA): return, Rush order: expedite } }\n", StringComparison.Ordinal);
        Assert.Contains("\ncurrency: USD  # read from the amounts, such as '$21.95'", draft);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), mapped);
        var validate = CliRun.Invoke("validate", "--data", data, "-q");
        Assert.Equal((ChainSegApp.Ok, ""), (validate.ExitCode, validate.Error));
        var output = Path.Combine(_folder.Path, "netsuite-out");
        var run = CliRun.Invoke("run", "--data", data, "--out", output, "-q");
        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
        // By hand: 1,234.50 + 80.00 − 123.45; the one order promised 01/10 and delivered 01/09 in full.
        var customer = File.ReadLines(Path.Combine(output, "customer_metrics.csv")).Single(l => l.StartsWith("Acme Corp : Dallas Branch,", StringComparison.Ordinal));
        Assert.Contains(",1191.05,", customer);
    }

    // A folder whose amounts carry £ drafted no currency:, so the run named no currency beside its amounts; every amount's
    // currency read one way is drafted as the top-level code, and a folder mixing $ and € drafts none.
    [Theory]
    [InlineData("£12.50", "£3.00", "currency: GBP  # read from the amounts, such as '£12.50': amounts are not converted, so check it is the exports' currency\nsources:\n")]
    [InlineData("12.50 USD", "$3.00", "currency: USD  # read from the amounts, such as '12.50 USD': amounts are not converted, so check it is the exports' currency\nsources:\n")]
    [InlineData("$12.50", "€3.00", null)]
    [InlineData("12.50", "3.00", null)]
    public void Inspect_FolderWhoseAmountsCarryACurrency_DraftsItsCodeWhenOne(string price, string freight, string? expected)
    {
        var data = Path.Combine(_folder.Path, "currency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            $"order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X-1,2025-02-03,2,{price}\nSO-2,C2,X-1,2025-02-04,1,{price}\n");
        File.WriteAllText(Path.Combine(data, "shipments.csv"), $"shipment_id,order_id,ship_date,freight_cost\nH1,SO-1,2025-02-04,{freight}\n");

        var inspect = CliRun.Invoke("inspect", data);

        Assert.Equal((ChainSegApp.Ok, ""), (inspect.ExitCode, inspect.Error));
        var draft = inspect.Output.ReplaceLineEndings("\n");
        if (expected is null)
            Assert.DoesNotContain("currency:", draft);
        else
            Assert.Contains("validate.\n" + expected, draft);
    }

    // A German ERP's event kinds (Retoure, Eilauftrag) are no canonical event_type: the draft said nothing of them and the
    // run quarantined every event. The draft now notes them with the setting that maps them.
    [Fact]
    public void Inspect_EventTypesOfTheExportsOwn_NotesThemWithValues()
    {
        var draft = Drafted("ereignisse.csv",
            "Kundennummer;Ereignisart;Datum;Kosten\n104711;Retoure;09.12.2025;23,44\n104718;Eilauftrag;17.12.2025;56,39\n104718;complaint;18.12.2025;5,00\n104711;Retoure;19.12.2025;1,00\n");

        Assert.Contains("    # event_type: 'Retoure', 'Eilauftrag' are no event_type; map each to one of return, complaint, expedite, claim, credit_note, sla_breach, order_change "
            + "under values: (values: { event_type: { Retoure: … } })\n", draft);
    }

    // The note named the first three codes only, so a fourth (Return (RMA)) surfaced at validate: it names every distinct
    // code of the sample (in any case, as values: compares them), up to 20 and then how many more.
    [Theory]
    [InlineData(4, "'Code1', 'Code2', 'Code3', 'Return (RMA)' are no event_type;")]
    [InlineData(23, "'Code1', 'Code2', 'Code3', 'Return (RMA)', 'Code5', 'Code6', 'Code7', 'Code8', 'Code9', 'Code10', 'Code11', 'Code12', 'Code13', 'Code14', "
        + "'Code15', 'Code16', 'Code17', 'Code18', 'Code19', 'Code20' and 3 more are no event_type;")]
    public void Inspect_ManyEventTypesOfTheExportsOwn_NotesEachUpTo20(int codes, string expected)
    {
        var rows = Enumerable.Range(1, codes).Select(i => i == 4 ? "Return (RMA)" : $"Code{i}").SelectMany(c => new[] { c, c.ToUpperInvariant() })
            .Select((c, i) => $"C{i},{c},2025-12-09,1.00\n");
        var draft = Drafted($"events{codes}.csv", "customer_id,event_type,event_date,cost\n" + string.Concat(rows));

        Assert.Contains("    # event_type: " + expected + " map each to one of", draft);
    }

    // UCI Online Retail names its columns InvoiceNo, StockCode, InvoiceDate (names the draft knows) and repeats each
    // customer's country and each product's description on every line: the draft maps the file onto the same three tables
    // as the hand-written example of issue 2 (products without the line price, which is the order line's), and validates.
    [Fact]
    public void Inspect_OnlineRetail_DraftsTheExamplesThreeTablesAndValidates()
    {
        var file = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "uci-online-retail", "online_retail.csv.gz"));
        var example = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "online-retail", "chainseg.yaml"));

        var inspect = CliRun.Invoke("inspect", file);

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.DoesNotContain("formats:", inspect.Output);
        Assert.DoesNotContain("not mapped", inspect.Output);
        var config = Path.Combine(_folder.Path, "chainseg.yaml");
        File.WriteAllText(config, inspect.Output.Replace("path: 'online_retail.csv.gz'", $"path: '{file}'"));
        var drafted = ConfigLoader.Resolve(config, null).Sources;
        var written = ConfigLoader.Resolve(example, null).Sources;
        Assert.Equal(["customers", "order_lines", "products"], drafted.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(written["order_lines"].Columns.OrderBy(c => c.Key), drafted["order_lines"].Columns.OrderBy(c => c.Key));
        Assert.Equal(written["customers"].Columns.OrderBy(c => c.Key), drafted["customers"].Columns.OrderBy(c => c.Key));
        Assert.Equal(written["products"].Columns.Where(c => c.Key != "unit_price").OrderBy(c => c.Key), drafted["products"].Columns.OrderBy(c => c.Key));
        Assert.True(drafted["customers"].Distinct && drafted["products"].Distinct);

        var validate = CliRun.Invoke("validate", "--config", config);
        Assert.Equal(ChainSegApp.Ok, validate.ExitCode);
        Assert.Equal("", validate.Error);
    }

    // The generator writes every canonical table in canonical form: each file drafts its own table with every header
    // mapped, and needs no delimiter, encoding, culture or date layout (its few dirty values do not sway the draft).
    [Fact]
    public void Inspect_GeneratedCompany_EachFileDraftsItsOwnTableWithNothingLeft()
    {
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "60", "--order-lines", "3000", "--seed", "5", "--out", _folder.Path, "-q").ExitCode);
        var files = Directory.GetFiles(_folder.Path, "*.csv");
        Assert.Equal(10, files.Length);

        foreach (var file in files)
        {
            var inspect = CliRun.Invoke("inspect", file);
            Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
            var lines = inspect.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"  {Path.GetFileNameWithoutExtension(file)}:", lines[2]);
            Assert.Single(lines, l => l.TrimStart().StartsWith('#'));
            Assert.DoesNotContain(lines, l => l.Trim() is "formats:" || l.Trim().StartsWith("culture:") || l.Trim().StartsWith("delimiter:") || l.Trim().StartsWith("encoding:"));
            var header = File.ReadLines(file).First().Split(',');
            Assert.Equal(header.Order(StringComparer.Ordinal), lines.SkipWhile(l => l.Trim() != "columns:").Skip(1).Select(l => l.Trim().Split(": ")[0]).Order(StringComparer.Ordinal));
        }
    }

    // A folder of exports drafts one config: for the generated company it names every table's file and column, and a run
    // with the drafted sources (beside the generator's identifier rules) gives the same metrics as the run that finds the
    // files by their canonical names.
    [Fact]
    public void Inspect_Folder_DraftsOneConfigThatRunsAsTheCanonicalFolderDoes()
    {
        var data = Path.Combine(_folder.Path, "data");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "60", "--order-lines", "3000", "--seed", "9", "--out", data, "-q").ExitCode);
        var generated = File.ReadAllText(Path.Combine(data, "chainseg.yaml"));

        var inspect = CliRun.Invoke("inspect", data);

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        var canonical = CliRun.Invoke("run", "--data", data, "--out", Path.Combine(_folder.Path, "canonical"), "-q");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), generated + "\n" + inspect.Output);
        var sources = ConfigLoader.Resolve(Path.Combine(data, "chainseg.yaml"), null).Sources;
        Assert.Equal(10, sources.Count);
        Assert.All(sources, s => Assert.Equal(s.Key + ".csv", s.Value.Path));
        var drafted = CliRun.Invoke("run", "--data", data, "--out", Path.Combine(_folder.Path, "drafted"), "-q");
        Assert.Equal((ChainSegApp.Ok, ChainSegApp.Ok), (canonical.ExitCode, drafted.ExitCode));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder.Path, "canonical", "customer_metrics.csv")), File.ReadAllText(Path.Combine(_folder.Path, "drafted", "customer_metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder.Path, "canonical", "assignments.csv")), File.ReadAllText(Path.Combine(_folder.Path, "drafted", "assignments.csv")));
    }

    [Fact]
    public void Inspect_FolderWithTwoExportsOfOneTable_KeepsTheFirstAndSaysWhatToDoWithTheOther()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "a-orders.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "b-orders.csv"), "Invoice,Customer,Item,Date,Qty,Price\nSO-2,C1,X,2025-01-02,1,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "notes.csv"), "colour,size\nred,1\n");

        var inspect = CliRun.Invoke("inspect", _folder.Path);

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.Contains("  order_lines:\n    path: 'a-orders.csv'\n", inspect.Output);
        Assert.Contains("# b-orders.csv also fits order_lines, which a-orders.csv feeds: read both with a glob path (same header), or inspect it with --table.\n", inspect.Output);
        Assert.Contains("# no canonical table fits the headers of notes.csv (colour, size); pass --table NAME", inspect.Output);
    }

    // Day-first dates draft a layout; ISO dates with a stray value do not (the run quarantines the stray one).
    [Theory]
    [InlineData("03/02/2025", "    formats:\n      order_date: 'dd/MM/yyyy'\n")]
    [InlineData("2025-02-03", null)]
    public void Inspect_DateLayout_DraftedOnlyWhenMostValuesNeedIt(string written, string? expected)
    {
        var rows = Enumerable.Range(1, 9).Select(i => $"SO-{i},C1,X,{written.Replace("03", $"{i + 10}")},1,5").Append("SO-10,C1,X,n/a,1,5");
        File.WriteAllText(Path.Combine(_folder.Path, "lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", rows) + "\n");

        var output = CliRun.Invoke("inspect", Path.Combine(_folder.Path, "lines.csv")).Output.ReplaceLineEndings("\n");

        if (expected is null)
            Assert.DoesNotContain("formats:", output);
        else
            Assert.Contains(expected, output);
        Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith('#'));
    }

    [Fact]
    public void Inspect_TableGiven_MapsThatTableAndNotesTheRequiredColumnLeft()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "stamm.csv"), "Name\tLand\tRegion\nMüller GmbH\tDE\tSüd\n");

        var inspect = CliRun.Invoke("inspect", Path.Combine(_folder.Path, "stamm.csv"), "--table", "customers");

        Assert.Equal(ChainSegApp.Ok, inspect.ExitCode);
        Assert.Contains("  customers:\n", inspect.Output);
        Assert.Contains("    delimiter: \"\\t\"\n", inspect.Output);
        Assert.Contains("      name: 'Name'\n      country: 'Land'\n      region: 'Region'\n", inspect.Output);
        Assert.Contains("    # required customer_id is not mapped: name the header that holds it\n", inspect.Output);
    }

    [Theory]
    [InlineData("notes.csv", "colour,size\nred,1\n", null, "error: no canonical table fits the headers of notes.csv (colour, size); pass --table NAME")]
    [InlineData("missing.csv", null, null, "error: file not found: ")]
    [InlineData("orders.csv", "a,b\n1,2\n", "invoices", "error: --table 'invoices' is not a canonical table; use one of: locations, products, customers,")]
    // A binary file (a store, an archive, an export saved in a binary format): its "header" was echoed as it is, line
    // breaks, NULs and escape sequences included, so the one-line error ran to 84 lines of garbage on a .duckdb file.
    [InlineData("store.csv", "\"DUCK\u0000\r\n\u001b[31mred\u0007\",x\n1,2\n", null, "error: store.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("notes.csv", "\"Notes\r\n\u001b[31mred\u0007\",x\n1,2\n", null, "error: no canonical table fits the headers of notes.csv (Notes???[31mred?, x); pass --table NAME")]
    // An unreadable export named its file twice ("order_lines.parquet: order_lines.parquet is not a readable Parquet
    // file") and a workbook by the format's code name ("Xlsx file").
    [InlineData("order_lines.parquet", "order_id,customer_id\nA1,C1\n", null, "error: order_lines.parquet is not a readable Parquet file (it does not begin as every Parquet file does")]
    [InlineData("order_lines.xlsx", "order_id,customer_id\nA1,C1\n", null, "error: order_lines.xlsx is not a readable .xlsx workbook (it is not a zip archive")]
    public void Inspect_Unusable_OneLineAndExitCode2(string name, string? content, string? table, string expectedStart)
    {
        var file = Path.Combine(_folder.Path, name);
        if (content is not null)
            File.WriteAllText(file, content);
        var run = CliRun.Invoke(table is null ? ["inspect", file] : ["inspect", file, "--table", table]);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    // --sheet names a worksheet of a workbook: given with any other export it was dropped without a word, and the draft
    // read the file as if the flag had not been given.
    [Theory]
    [InlineData("orders.csv")]
    [InlineData("orders.csv.gz")]
    [InlineData("orders.parquet")]
    public void Inspect_SheetForAnExportThatIsNoWorkbook_OneLineAndExitCode2(string name)
    {
        var file = Path.Combine(_folder.Path, name);
        File.WriteAllText(file, "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X-1,2025-02-03,2,12.5\n");

        var run = CliRun.Invoke("inspect", file, "--sheet", "Orders");

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: --sheet applies to a workbook (.xlsx) only, and {name} is not one; drop --sheet, or pass the workbook.", run.Error.Trim());
    }

    // A .gz export that starts as gzip but whose deflate data is broken right after the header (a bad copy): inspect,
    // validate and run each stopped as a runtime failure with .NET's words alone ("The archive entry was compressed using
    // an unsupported compression method. (run again with --verbose for the stack trace)"), naming neither file nor fix.
    [Theory]
    [InlineData("inspect")]
    [InlineData("validate")]
    [InlineData("run")]
    public void Command_GzipExportDamagedAfterItsHeader_OneLineNamingTheFileAndExitCode2(string command)
    {
        var path = Path.Combine(_folder.Path, "order_lines.csv.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes("order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X-1,2025-02-03,2,12.5\n"));
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan(10, 8).Fill(0xFF); // the first deflate block's header and codes, after gzip's 10-byte header
        File.WriteAllBytes(path, bytes);

        var run = CliRun.Invoke(ReadingArgs(command, path));

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: order_lines.csv.gz is damaged: its compressed data cannot be read (", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.EndsWith("); export or copy it again.", run.Error.Trim());
    }

    // A binary file under an export's .csv name (a gzip, workbook or Parquet file renamed, an image, random bytes): inspect,
    // validate and run read its bytes as a header and asked to map columns named by garbage ("required column 'order_id' is
    // not mapped (order_lines.csv has: ?`???, ??Ry'…)"). They now say it is not CSV text, and a format they read by its
    // own name is named with it.
    [Theory]
    [InlineData("inspect", "gzip", "error: order_lines.csv is gzip-compressed, not CSV text: name it order_lines.csv.gz, or export it as CSV text.")]
    [InlineData("validate", "gzip", "error: sources.order_lines: order_lines.csv is gzip-compressed, not CSV text: name it order_lines.csv.gz, or export it as CSV text.")]
    [InlineData("run", "gzip", "error: sources.order_lines: order_lines.csv is gzip-compressed, not CSV text: name it order_lines.csv.gz, or export it as CSV text.")]
    [InlineData("run", "zip", "error: sources.order_lines: order_lines.csv is a zip archive (an .xlsx workbook is one), not CSV text: name it order_lines.xlsx, or export it as CSV text.")]
    [InlineData("validate", "parquet", "error: sources.order_lines: order_lines.csv is a Parquet file, not CSV text: name it order_lines.parquet, or export it as CSV text.")]
    [InlineData("inspect", "png", "error: order_lines.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("validate", "png", "error: sources.order_lines: order_lines.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("run", "random", "error: sources.order_lines: order_lines.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("inspect", "control", "error: order_lines.csv looks binary (control bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    public void Command_BinaryFileUnderACsvName_OneLineSayingItIsNotCsvText(string command, string kind, string expected)
    {
        var path = Path.Combine(_folder.Path, "order_lines.csv");
        File.WriteAllBytes(path, BinaryBytes(kind));

        var run = CliRun.Invoke(ReadingArgs(command, path));

        Assert.Equal((ChainSegApp.UsageError, expected), (run.ExitCode, run.Error.Trim()));
    }

    // UTF-16 text is full of NULs; with its byte order mark it is text, and still read.
    [Fact]
    public void Inspect_Utf16WithByteOrderMark_StillDrafted()
    {
        var path = Path.Combine(_folder.Path, "order_lines.csv");
        File.WriteAllText(path, "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X-1,2025-02-03,2,12.5\n", Encoding.Unicode);

        var run = CliRun.Invoke("inspect", path);

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
        Assert.Contains("    encoding: utf-16\n", run.Output.ReplaceLineEndings("\n"));
    }

    // inspect of the export, or validate or run of the folder it is in.
    private string[] ReadingArgs(string command, string path) => command switch
    {
        "inspect" => ["inspect", path],
        "validate" => ["validate", "--data", _folder.Path],
        _ => ["run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out")],
    };

    /// <summary>Bytes of a file that is no CSV text: a gzip, zip or Parquet file by its signature, a PNG image, random bytes, or text mostly of control bytes.</summary>
    internal static byte[] BinaryBytes(string kind)
    {
        var random = new byte[3000];
        new Random(11).NextBytes(random);
        var csv = Encoding.UTF8.GetBytes("order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X-1,2025-02-03,2,12.5\n");
        return kind switch
        {
            "gzip" => Gzip(csv),
            "zip" => [.. "PK\u0003\u0004"u8, .. random],
            "parquet" => [.. "PAR1"u8, .. random],
            "png" => [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, .. random],
            "random" => random,
            _ => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a\u0001\u0002\u0003,b\u0004\u0005\n", 50))),
        };
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal))
            gzip.Write(content);
        return compressed.ToArray();
    }

    public void Dispose() => _folder.Dispose();
}
