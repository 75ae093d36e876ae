using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChainSeg.Core;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>A draft <c>sources:</c> entry for one export, as <c>chainseg inspect</c> prints it.</summary>
/// <param name="File">The export.</param>
/// <param name="Table">The canonical table it most likely feeds.</param>
/// <param name="Sheet">The worksheet of a workbook when not the first.</param>
/// <param name="Delimiter">CSV delimiter when not a comma.</param>
/// <param name="Encoding">CSV encoding when not UTF-8.</param>
/// <param name="Culture">Number culture when numbers are not written invariantly.</param>
/// <param name="Formats">Date layouts of date columns not written as ISO 8601, more than one where a column mixes date-only and date-time values.</param>
/// <param name="Columns">Canonical column → export header, in canonical order.</param>
/// <param name="Notes">What the draft could not settle (unmapped required columns, two readings of a date), as YAML comments.</param>
/// <param name="Unused">Export headers mapped to nothing.</param>
/// <param name="Masters">Master tables the same flat file also feeds (customers, products, locations: their key and
/// attributes the main table does not read), each drafted as a <c>distinct</c> source of the same file.</param>
public sealed record ExportDraft(string File, string Table, string? Sheet, string? Delimiter, string? Encoding, string? Culture,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Formats, IReadOnlyList<KeyValuePair<string, string>> Columns, IReadOnlyList<string> Notes, IReadOnlyList<string> Unused,
    IReadOnlyList<(string Table, IReadOnlyList<KeyValuePair<string, string>> Columns)> Masters)
{
    /// <summary>The row of the column names when rows come above it (a report's title, notes or group titles); null for the first.</summary>
    public int? HeaderRow { get; init; }

    /// <summary>Each ISO code the amounts' currency marks name ($ is USD, gbp GBP), with the first amount written with it; empty when none carries one.</summary>
    public IReadOnlyList<(string Code, string Example)> AmountCurrencies { get; init; } = [];

    /// <summary>
    /// The top-level <c>currency:</c> line when every currency mark in <paramref name="drafts"/>' amounts names one code, a
    /// comment saying where it was read; empty otherwise (none found, or two currencies, which the run does not convert).
    /// </summary>
    internal static string CurrencyLine(IEnumerable<ExportDraft> drafts)
    {
        var codes = drafts.SelectMany(d => d.AmountCurrencies).DistinctBy(c => c.Code).ToList();
        return codes is [var (code, example)]
            ? $"currency: {code}  # {YamlText.Escaped($"read from the amounts, such as '{example}': amounts are not converted, so check it is the exports' currency")}{Environment.NewLine}"
            : "";
    }

    /// <summary>The draft as chainseg.yaml text.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"# Drafted by chainseg inspect from {Path.GetFileName(File)}: check each line, then run chainseg validate.");
        yaml.Append(CurrencyLine([this]));
        yaml.AppendLine("sources:");
        WriteSources(yaml, skipMasters: new HashSet<string>());
        return yaml.ToString();
    }

    /// <summary>Writes the entries under <c>sources:</c>, leaving out the master tables another export feeds.</summary>
    internal void WriteSources(StringBuilder yaml, IReadOnlySet<string> skipMasters)
    {
        static string Quote(string text) => YamlText.Scalar(text);
        // A comment is one line: a line break in a header or value would end it, and YAML would read the rest as settings.
        static string Comment(string text) => YamlText.Escaped(text);
        void Source(string table, IReadOnlyList<KeyValuePair<string, string>> columns, bool distinct)
        {
            yaml.AppendLine($"  {table}:");
            yaml.AppendLine($"    path: {Quote(Path.GetFileName(File))}");
            if (Sheet is not null)
                yaml.AppendLine($"    sheet: {Quote(Sheet)}");
            if (Delimiter is not null)
                yaml.AppendLine($"    delimiter: {(Delimiter == "\t" ? "\"\\t\"" : Quote(Delimiter))}");
            if (Encoding is not null)
                yaml.AppendLine($"    encoding: {Encoding}");
            if (Culture is not null)
                yaml.AppendLine($"    culture: {Culture}");
            if (HeaderRow is { } row)
                yaml.AppendLine($"    header_row: {row}");
            var formats = Formats.Where(f => columns.Any(c => c.Key == f.Key)).ToList();
            if (formats.Count > 0)
            {
                yaml.AppendLine("    formats:");
                foreach (var (column, layouts) in formats)
                    yaml.AppendLine($"      {column}: {(layouts.Count == 1 ? Quote(layouts[0]) : $"[{string.Join(", ", layouts.Select(Quote))}]")}");
            }
            yaml.AppendLine("    columns:");
            foreach (var (canonical, header) in columns)
                yaml.AppendLine($"      {canonical}: {Quote(header)}");
            if (distinct)
                yaml.AppendLine("    distinct: true");
        }
        Source(Table, Columns, distinct: false);
        foreach (var note in Notes)
            yaml.AppendLine($"    # {Comment(note)}");
        foreach (var (table, columns) in Masters.Where(m => !skipMasters.Contains(m.Table)))
            Source(table, columns, distinct: true);
        if (Unused.Count > 0)
            yaml.AppendLine($"  # {Comment($"{Path.GetFileName(File)}, not mapped: {string.Join(", ", Unused)}")}");
    }
}

/// <summary>Drafts for the exports of one folder, one canonical table each, as <c>chainseg inspect DIR</c> prints them.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Drafts">One draft per table, in file name order.</param>
/// <param name="Notes">Files left out: no table fits them, they cannot be read, or another file already feeds their table.</param>
public sealed record FolderDraft(string Directory, IReadOnlyList<ExportDraft> Drafts, IReadOnlyList<string> Notes)
{
    /// <summary>The drafts as one chainseg.yaml text, to be saved in the folder.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"# Drafted by chainseg inspect from the exports in {Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory))}: save it there, check each line, then run chainseg validate.");
        yaml.Append(ExportDraft.CurrencyLine(Drafts));
        yaml.AppendLine("sources:");
        // A master table drafted from a flat file only when no export of its own (or an earlier flat file) feeds it.
        var fed = Drafts.Select(d => d.Table).ToHashSet(StringComparer.Ordinal);
        foreach (var draft in Drafts)
        {
            draft.WriteSources(yaml, fed);
            fed.UnionWith(draft.Masters.Select(m => m.Table));
        }
        foreach (var note in Notes)
            yaml.AppendLine($"# {note}");
        return yaml.ToString();
    }
}

/// <summary>
/// Reads a foreign export's header and first rows and drafts how it maps onto a canonical table: delimiter and encoding
/// of a CSV, the table whose required columns its headers name, each column by name (canonical, loosely written, or a
/// name ERP and shop exports commonly use), date layouts and number culture from the values.
/// </summary>
public static class ExportInspection
{
    private const int SampleRows = 200;

    // The export's own codes a note names before "and N more": enough for any ERP's event kinds, one comment line still.
    private const int CodesNoted = 20;

    // Names exports commonly give canonical columns (UCI Online Retail, SAP, shop systems, German ERPs, NetSuite and
    // QuickBooks), compared loosely, a "#" read as "number" (Sales Order # is salesordernumber).
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["order_id"] = ["invoice", "invoiceno", "invoicenumber", "order", "orderno", "ordernumber", "salesorder", "document", "vbeln", "auftrag", "auftragsnr", "auftragsnummer",
            "belegnummer", "belegnr", "documentnumber", "docnumber", "num", "salesordernumber", "sonumber", "commande", "n°commande", "nocommande", "numerocommande", "numérocommande", "bestellung", "bestellnummer"],
        ["customer_id"] = ["customer", "customerno", "customernumber", "client", "clientid", "account", "accountid", "kunnr", "kunde", "kundennr", "kundennummer",
            "debitor", "debitorennummer", "company", "customerjob", "codeclient", "numeroclient", "numéroclient"],
        ["sku"] = ["product", "productid", "productcode", "item", "itemid", "itemno", "itemnumber", "itemcode", "article", "articleno", "stockcode", "material", "matnr",
            "materialnummer", "artikel", "artikelnr", "artikelnummer", "référence", "reference", "codearticle", "produit"],
        ["order_date"] = ["date", "invoicedate", "orderdate", "created", "createdat", "erdat", "datum", "auftragsdatum", "belegdatum", "bestelldatum", "datecommande"],
        ["quantity"] = ["qty", "units", "menge", "anzahl", "kwmeng", "quantité", "quantite", "qté", "qte"],
        ["unit_price"] = ["price", "unitprice", "netprice", "rate", "salesprice", "preis", "einzelpreis", "stückpreis", "prix", "prixunitaire", "pu", "listprice", "listenpreis", "verkaufspreis"],
        ["net_amount"] = ["amount", "netamount", "linetotal", "total", "sales", "revenue", "umsatz", "betrag", "netwr", "nettowert", "nettobetrag", "nettoumsatz"],
        ["line_no"] = ["line", "linenumber", "position", "pos", "posnr", "positionsnummer"],
        ["requested_date"] = ["requestdate", "requesteddate", "requesteddeliverydate", "requestedshipdate", "wunschliefertermin", "wunschtermin", "wunschlieferdatum"],
        ["location_id"] = ["location", "plant", "warehouse", "werk", "werks", "lager", "lagerort"],
        ["description"] = ["productname", "itemname", "name", "bezeichnung", "materialkurztext", "kurztext", "artikelbezeichnung", "materialbezeichnung"],
        ["category"] = ["productgroup", "productcategory", "warengruppe", "matkl", "produktgruppe", "artikelgruppe"],
        ["unit_cost"] = ["standardcost", "costprice", "einstandspreis", "standardpreis", "stprs"],
        ["weight_kg"] = ["weight", "grossweight", "bruttogewicht", "bruttogewichtkg", "gewicht", "gewichtkg", "brgew"],
        ["name"] = ["customername", "name1", "kundenname", "firma"],
        ["parent_id"] = ["parent", "parentaccount", "parentcustomer", "konzern", "konzernnummer"],
        ["region"] = ["state", "shiptostate", "province", "bundesland"],
        ["city"] = ["town", "ort", "stadt"],
        ["postal_code"] = ["zip", "zipcode", "postcode", "plz", "postleitzahl"],
        ["channel"] = ["saleschannel", "vertriebsweg", "vtweg", "vertriebskanal"],
        ["created_at"] = ["createdon", "angelegtam", "erstelltam", "anlagedatum"],
        ["country"] = ["land", "countrycode"],
        ["shipment_id"] = ["shipment", "shipmentnumber", "delivery", "deliveryno", "fulfillment", "fulfillmentnumber", "itemfulfillment", "lieferung", "lieferschein"],
        ["quantity_shipped"] = ["shippedqty", "qtyshipped", "shipped", "shippedquantity", "deliveredqty", "deliveredquantity", "liefermenge", "lfimg"],
        ["quantity_ordered"] = ["orderedqty", "qtyordered", "orderedquantity", "orderqty", "orderquantity", "bestellmenge", "auftragsmenge"],
        ["ship_date"] = ["shippingdate", "shippeddate", "dispatchdate", "dispatched", "goodsissuedate", "wadat", "wadatist", "versanddatum", "warenausgangsdatum"],
        ["promised_date"] = ["promisedate", "promiseddelivery", "promiseddeliverydate", "expecteddeliverydate", "commitdate", "committeddate", "confirmeddate", "zugesagt", "zugesagterliefertermin", "bestätigterliefertermin"],
        ["delivered_date"] = ["delivered", "deliverydate", "deliveredat", "deliveredon", "actualdeliverydate", "poddate", "zugestellt", "lieferdatum", "zustelldatum"],
        ["carrier"] = ["carriername", "forwarder", "spediteur", "frachtführer"],
        ["mode"] = ["shippingmode", "transportmode", "shipmode", "versandart"],
        ["freight_cost"] = ["freight", "shippingcost", "freightcharge", "frachtkosten", "fracht"],
        ["event_type"] = ["eventtype", "type", "casetype", "issuetype", "ereignisart", "ereignistyp", "vorgangsart"],
        ["event_date"] = ["date", "dateopened", "opened", "datecreated", "createddate", "datum", "ereignisdatum"],
        ["cost"] = ["costs", "kosten"],
    };

    // What a layout could read: a day or year, a month as a number or name, then a year or day (03.02.2025, 3/2/25,
    // 03-Feb-2025); "n/a" is not.
    private static readonly Regex DateLike = new(@"^\d{1,4}\W?[0-9A-Za-z]{1,9}\W?\d{2,4}", RegexOptions.CultureInvariant);

    // What a run reads without formats (DateFormat): ISO dates and times, with a UTC offset too, and compact yyyyMMdd.
    private static readonly Regex IsoDate = new(
        $@"^(?:[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?:[T ][0-9]{{2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?)?|{DateFormat.IsoWithOffset}|{DateFormat.CompactDate})$",
        RegexOptions.CultureInvariant);

    // Values no one layout reads (03.02.2025 beside 2025/02/06): the list of a layout per shape, which reads them all, and
    // a note naming a shape read two ways or none, as "no known layout reads '03.02.2025'" was untrue of dd.MM.yyyy.
    private static void DraftShapes(string column, IReadOnlyList<LayoutSuggestion.DateShape> shapes,
        Dictionary<string, IReadOnlyList<string>> formats, List<string> notes)
    {
        if (LayoutSuggestion.Listed(shapes) is { Count: > 0 } listed)
            formats[column] = listed;
        foreach (var shape in shapes.Where(s => s.Readings.Count > 1))
            notes.Add($"{column}: values such as '{shape.Example}' read as {string.Join(" or ", shape.Readings.Select(r => LayoutSuggestion.Written(r)))}; keep the one the export uses");
        if (shapes.FirstOrDefault(s => s.Readings.Count == 0) is { } unread)
            notes.Add(shapes.Count == 1
                ? $"{column}: no known layout reads values such as '{unread.Example}'; name it under formats:"
                : $"{column}: no known layout reads values such as '{unread.Example}'; name its layout under formats: too");
    }

    /// <summary>Drafts the sources entry of an export.</summary>
    /// <param name="file">The export (.csv, .csv.gz, .parquet, .xlsx).</param>
    /// <param name="table">The canonical table it feeds, or null to let the headers decide.</param>
    /// <param name="sheet">The worksheet of a workbook, or null for the first.</param>
    /// <exception cref="ConfigurationException">The file cannot be read, no table fits its headers, or a sheet is given for a file that is no workbook.</exception>
    public static ExportDraft Inspect(string file, string? table = null, string? sheet = null)
    {
        if (!File.Exists(file))
            throw new ConfigurationException($"file not found: {file}. Pass the export to inspect.");
        SourceResolver.RequireLinkTarget(file, "");
        var format = SourceResolver.FormatOf(file);
        var where = Path.GetFileName(file);
        // Read by nobody on another format: the draft would silently ignore the sheet asked for.
        if (sheet is not null && format != SourceFormat.Xlsx)
            throw new ConfigurationException($"--sheet applies to a workbook (.xlsx) only, and {where} is not one; drop --sheet, or pass the workbook.");
        var (delimiter, encoding) = format == SourceFormat.Csv ? SniffCsv(file) : (",", "utf-8");
        var (headers, headerLine, headerSpan) = SourceResolver.ReadHeaders(file, format, delimiter, encoding, sheet, where);
        // A workbook whose first sheet is a cover or notes ("Created | 2025-03-01" reads as an order date): the first sheet
        // whose header names every required column of a table, when the first sheet's does not.
        if (format == SourceFormat.Xlsx && sheet is null && table is null && !FitsFully(headers)
            && ExcelSource.SheetHeaders(file).Skip(1).FirstOrDefault(s => FitsFully(s.Headers)) is { Sheet: not null } fitting)
        {
            // Read again from that sheet, so the header's row is that sheet's (below its title), not the cover's row 1.
            sheet = fitting.Sheet;
            (headers, headerLine, headerSpan) = SourceResolver.ReadHeaders(file, format, delimiter, encoding, sheet, where);
        }
        // A report's title, notes or group-title rows above the column names, which the run does not guess past: of the
        // leading rows, the one whose header fits a table with the most columns mapped (a group title "Customer" alone fits
        // customers), drafted as header_row, so the run reads the row inspect read.
        if (format != SourceFormat.Parquet && headers.Count > 0
            && HeaderRowSearch.LeadingRows(file, format, delimiter, encoding, sheet).MaxBy(r => Fit(r.Headers, table)) is { } best
            && Fit(best.Headers, table) > Fit(headers, table))
            (headers, headerLine, headerSpan) = (best.Headers, best.Row, best.Span);
        // An empty sheet (and no other that holds a table) has nothing to draft from: --table would map nothing.
        if (format == SourceFormat.Xlsx && headers.Count == 0)
            throw new ConfigurationException($"{where} holds no table: its sheet '{sheet ?? ExcelSource.SheetHeaders(file)[0].Sheet}' is empty; export the table into it, or pass --sheet with the sheet that holds it.");
        var target = table is null ? BestTable(headers, file)
            : CanonicalSchema.Tables.FirstOrDefault(t => t.Name == table)
              ?? throw new ConfigurationException($"--table '{table}' is not a canonical table; use one of: {string.Join(", ", CanonicalSchema.Tables.Select(t => t.Name))}.");
        var columns = Map(target, headers);

        var source = new ResolvedSource(target, [Path.GetFullPath(file)], format, headers, columns)
            { Delimiter = delimiter, Encoding = encoding, Sheet = sheet, HeaderLines = [headerLine], HeaderSpans = [headerSpan] };
        var values = Sample(source, columns.Values.Distinct().ToList());
        var notes = new List<string>();
        var formats = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var numbers = new List<string>();
        var failingNumbers = new List<(string Column, List<string> Values, int Written)>();
        var ambiguousDates = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        var amountCurrencies = new List<(string Code, string Example)>();
        foreach (var column in target.Columns.Where(c => columns.ContainsKey(c.Name)))
        {
            var written = values[columns[column.Name]].OfType<string>().Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct().Take(SampleRows).ToList();
            // A layout or culture is drafted when most values need it (a stray dirty value is the run's to quarantine), or,
            // for numbers, when one culture reads every value the invariant form rejects.
            if (column.Kind is ColumnKind.Date or ColumnKind.Timestamp)
            {
                var other = written.Where(v => !IsoDate.IsMatch(v) && DateLike.IsMatch(v)).ToList();
                // A run reads a workbook's date cells and a Parquet file's date columns (ISO here) beside formats:, so they do
                // not outvote the text dates; in a CSV, formats: are read alone, and ISO values would be quarantined.
                var voting = format == SourceFormat.Csv ? written.Count : written.Count(v => !IsoDate.IsMatch(v));
                if (other.Count * 2 < voting || other.Count == 0)
                    continue;
                var readings = LayoutSuggestion.DateReadings(other);
                if (readings.Count > 0)
                {
                    formats[column.Name] = readings[0];
                    if (readings.Count > 1)
                        ambiguousDates[column.Name] = readings;
                }
                else
                    DraftShapes(column.Name, LayoutSuggestion.DateShapes(other), formats, notes);
            }
            else if (column.Rule == ValueRule.OneOf
                && written.Where(v => !column.AllowedValues.Contains(v.ToLowerInvariant())).Distinct(StringComparer.OrdinalIgnoreCase).ToList() is [var first, ..] codes)
            {
                // An export's own codes (a German ERP's Retoure) would quarantine every row they name: values: maps them, in
                // any case. Each is named, as one left out (the fourth, Return (RMA)) surfaced only at validate.
                var named = string.Join(", ", codes.Take(CodesNoted).Select(c => $"'{c}'")) + (codes.Count > CodesNoted ? $" and {codes.Count - CodesNoted} more" : "");
                notes.Add($"{column.Name}: {named} {Agreement.For(codes.Count, "is", "are")} no {column.Name}; map each to one of {string.Join(", ", column.AllowedValues)} "
                    + $"under values: (values: {{ {column.Name}: {{ {first}: … }} }})");
            }
            else if (column.Kind == ColumnKind.Number)
            {
                // A run reads an amount with its culture's currency beside it (1.234,50 €), so the culture is judged on the number alone.
                numbers.AddRange(written.Where(HoldsDigit).Select(v => CurrencyText.WithoutCurrencies(Unparenthesised(v)).TrimEnd('-')));
                // The currency an amount is written in names the run's reporting currency (currency:); a mark no code is known
                // for ($ is USD, the most widely used dollar) stays a mark of its own, so the draft names none.
                amountCurrencies.AddRange(written.Select(v => CurrencyText.Written(v) is { } mark ? (ReportingCurrency.Meant(mark) ?? mark, v) : default)
                    .Where(c => c.Item1 is not null).DistinctBy(c => c.Item1));
                var failing = written.Where(v => !double.TryParse(v.TrimEnd('-'), NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
                if (failing.Count > 0)
                    failingNumbers.Add((column.Name, failing, written.Count));
            }
        }
        // One culture reads every number column: "5,000" alone reads as de-DE or en-US, but a price of "2.45" beside it
        // rules de-DE out. Choosing from the first column alone once drafted de-DE and the run read 2.45 as 245.
        string? culture = null;
        if (failingNumbers.Count > 0)
        {
            var named = LayoutSuggestion.NumberCulture(numbers)
                ?? LayoutSuggestion.NumberCulture(failingNumbers.SelectMany(f => f.Values).Where(HoldsDigit).Select(v => CurrencyText.WithoutCurrencies(Unparenthesised(v))).ToList());
            culture = named?.Split(" or ")[0];
            if (named is not null && named.Contains(" or ", StringComparison.Ordinal))
                notes.Add($"the numbers read as {named}; keep the culture the export uses");
            foreach (var (name, failing, count) in failingNumbers.Where(f => culture is null && f.Values.Count * 2 >= f.Written))
                notes.Add($"{name}: values such as '{failing[0]}' are no number in a known culture; name it under culture:");
        }
        SettleDayOrder(formats, ambiguousDates, culture, notes);
        foreach (var missing in target.Columns.Where(c => c.Required && !columns.ContainsKey(c.Name)))
            notes.Add($"required {missing.Name} is not mapped: name the header that holds it");
        foreach (var group in target.RequireOneOf.Where(g => !g.Any(columns.ContainsKey)))
            notes.Add($"one of {string.Join(" or ", group)} must be mapped");
        var masters = Masters(target, headers, columns);
        var unused = headers.Where(h => !columns.ContainsValue(h) && !masters.Any(m => m.Columns.Any(c => c.Value == h))).ToList();
        return new ExportDraft(file, target.Name, sheet, delimiter == "," ? null : delimiter, encoding == "utf-8" ? null : encoding, culture, formats,
            Ordered(target, columns), notes, unused, masters)
            { HeaderRow = headerLine > 1 ? headerLine : null, AmountCurrencies = amountCurrencies };
    }

    /// <summary>Drafts every export in a folder (.csv, .csv.gz, .parquet, .xlsx), each for the table its headers fit.</summary>
    /// <exception cref="ConfigurationException">The folder holds no export.</exception>
    public static FolderDraft InspectFolder(string directory)
    {
        var files = System.IO.Directory.GetFiles(directory).Where(f => SourceResolver.CanonicalExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ConfigurationException($"no export in {directory}: inspect reads .csv, .csv.gz, .parquet and .xlsx files.");
        var drafts = new List<ExportDraft>();
        var notes = new List<string>();
        foreach (var file in files)
        {
            ExportDraft draft;
            try
            {
                draft = Inspect(file);
            }
            catch (ConfigurationException e)
            {
                notes.Add(e.Message);
                continue;
            }
            if (drafts.FirstOrDefault(d => d.Table == draft.Table) is { } first)
                notes.Add($"{Path.GetFileName(file)} also fits {draft.Table}, which {Path.GetFileName(first.File)} feeds: read both with a glob path (same header), or inspect it with --table.");
            else
                drafts.Add(draft);
        }
        return new FolderDraft(directory, drafts, notes);
    }

    private static List<KeyValuePair<string, string>> Ordered(CanonicalTable table, Dictionary<string, string> map) =>
        table.Columns.Where(c => map.ContainsKey(c.Name)).Select(c => new KeyValuePair<string, string>(c.Name, map[c.Name])).ToList();

    // A flat export (one row per line, customer and product attributes repeated on each) also feeds the master tables
    // whose key it holds and whose attributes the main table leaves unread, as UCI Online Retail feeds customers (Country)
    // and products (Description).
    private static List<(string Table, IReadOnlyList<KeyValuePair<string, string>> Columns)> Masters(CanonicalTable main, IReadOnlyList<string> headers,
        Dictionary<string, string> used)
    {
        var masters = new List<(string, IReadOnlyList<KeyValuePair<string, string>>)>();
        foreach (var master in CanonicalSchema.Tables.Where(t => t.Name is "customers" or "products" or "locations" && t != main))
        {
            var map = Map(master, headers);
            var key = master.Key[0];
            var attributes = map.Where(m => m.Key != key && !used.ContainsValue(m.Value)).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
            if (!map.ContainsKey(key) || attributes.Count == 0)
                continue;
            masters.Add((master.Name, Ordered(master, map.Where(m => m.Key == key || attributes.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal))));
        }
        return masters;
    }

    // The table the headers fit best, null when they name no table's required column.
    private static CanonicalTable? Fits(IReadOnlyList<string> headers) => BestFit(headers)?.Table;

    // Whether the best-fitting table finds every required column in the headers.
    // How well a header fits the table named (or its best-fitting one): the columns it maps when it maps every required one, else -1.
    private static int Fit(IReadOnlyList<string> headers, string? table)
    {
        var target = table is null ? BestFit(headers) is { Missing: 0 } fit ? fit.Table : null : CanonicalSchema.Tables.FirstOrDefault(t => t.Name == table);
        if (target is null || Map(target, headers) is not { } map || target.Columns.Any(c => c.Required && !map.ContainsKey(c.Name)))
            return -1;
        return map.Count;
    }

    private static bool FitsFully(IReadOnlyList<string> headers) => BestFit(headers) is { Missing: 0 };

    // The best-fitting table and how many of its required columns the headers lack.
    private static (CanonicalTable Table, int Missing)? BestFit(IReadOnlyList<string> headers)
    {
        var scored = CanonicalSchema.Tables
            .Select(t => (Table: t, Map: Map(t, headers)))
            .Select(s => (s.Table, Required: s.Table.Columns.Count(c => c.Required && s.Map.ContainsKey(c.Name)),
                Missing: s.Table.Columns.Count(c => c.Required && !s.Map.ContainsKey(c.Name)), Mapped: s.Map.Count))
            .Where(s => s.Required > 0).ToList();
        if (scored.Count == 0)
            return null;
        // A table whose required columns are all found wins, unless another misses just one of several and maps more of
        // the headers: an order export with an unknown customer header fits order lines better than the products table
        // it fully fits by its SKU column alone.
        var complete = scored.Where(s => s.Missing == 0).OrderByDescending(s => s.Mapped).FirstOrDefault();
        var nearly = scored.Where(s => s.Missing == 1 && s.Required >= 2).OrderByDescending(s => s.Mapped).FirstOrDefault();
        var best = complete.Table is not null && (nearly.Table is null || nearly.Mapped <= complete.Mapped) ? complete
            : nearly.Table is not null ? nearly
            : scored.OrderByDescending(s => s.Required).ThenByDescending(s => s.Mapped).First();
        return (best.Table, best.Missing);
    }

    private static CanonicalTable BestTable(IReadOnlyList<string> headers, string file) => Fits(headers)
        ?? throw new ConfigurationException($"no canonical table fits the headers of {Path.GetFileName(file)} ({SourceResolver.HeaderList([.. headers.Take(12)])}); pass --table NAME ({string.Join(", ", CanonicalSchema.Tables.Select(t => t.Name))}).");

    // Canonical column → header: the canonical name in any case or loosely written, else a common synonym; one header each.
    private static Dictionary<string, string> Map(CanonicalTable table, IReadOnlyList<string> headers)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var loose = headers.ToDictionary(h => h, SourceResolver.LooseName, StringComparer.Ordinal);
        foreach (var pass in new Func<CanonicalColumn, string, bool>[]
                 {
                     (c, h) => loose[h] == SourceResolver.LooseName(c.Name),
                     (c, h) => Synonyms.TryGetValue(c.Name, out var names) && (names.Contains(loose[h]) || names.Contains(loose[h].Replace("#", "number", StringComparison.Ordinal))),
                 })
            foreach (var column in table.Columns.Where(c => !map.ContainsKey(c.Name)))
                if (headers.FirstOrDefault(h => !map.ContainsValue(h) && pass(column, h)) is { } header)
                    map[column.Name] = header;
        return map;
    }

    // UTF-16 by its byte-order mark, UTF-8 when the first 64 KB decode strictly, else Latin-1; the delimiter that splits
    // lines alike into the most cells (a comma on a tie).
    private static (string Delimiter, string Encoding) SniffCsv(string file)
    {
        var head = new byte[65536];
        int read;
        using (var decompressed = SourceResolver.OpenCsv(file))
            read = decompressed.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        string encoding;
        Encoding text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            (encoding, text) = ("utf-16", System.Text.Encoding.Unicode);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            (encoding, text) = ("utf-16", System.Text.Encoding.BigEndianUnicode);
        else
        {
            // A buffer cut mid-character is not an encoding error: decode up to the last line break.
            var whole = read == head.Length && bytes.LastIndexOf((byte)'\n') is var end and > 0 ? bytes[..end] : bytes;
            try
            {
                new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(whole);
                (encoding, text) = ("utf-8", System.Text.Encoding.UTF8);
            }
            catch (DecoderFallbackException)
            {
                (encoding, text) = ("latin-1", System.Text.Encoding.Latin1);
            }
        }
        // The delimiter whose most common split of the first 20 lines (into more than one field) makes the most cells: a
        // title line splits into one, a comma inside one semicolon file's description splits that line alone, and decimal
        // commas split a semicolon table's rows into a few fields each, as they do title lines holding a comma, which a
        // count of lines alone took for the table.
        var lines = text.GetString(bytes).Split('\n').Take(20).Where(l => l.Trim().Length > 0).ToList();
        var delimiter = SourceResolver.CommonDelimiters
            .Select(d => (Delimiter: d, Counts: lines.Select(l => SourceResolver.ReadFirstRecord(new StringReader(l), d).Count).Where(n => n > 1)
                .GroupBy(n => n).Select(g => (Fields: g.Key, Lines: g.Count())).OrderByDescending(g => g.Lines).ThenByDescending(g => g.Fields).FirstOrDefault()))
            .OrderByDescending(d => d.Counts.Lines * d.Counts.Fields).ThenByDescending(d => d.Counts.Lines).First().Delimiter;
        return (delimiter.ToString(), encoding);
    }

    // An export writes its dates one way: a column whose early dates read both ways (01/06/2025, January or June) takes the
    // reading another date column of the file settles (01/20/2025 is MM/dd/yyyy), which drafted a NetSuite export's order
    // date as MM/dd/yyyy and its requested date as dd/MM/yyyy. Without one, the reading in the order of the number
    // culture's dates comes first (en-US: month first), and the draft notes both.
    private static void SettleDayOrder(Dictionary<string, IReadOnlyList<string>> formats,
        Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> ambiguous, string? culture, List<string> notes)
    {
        var settled = formats.Where(f => !ambiguous.ContainsKey(f.Key)).SelectMany(f => f.Value).ToHashSet(StringComparer.Ordinal);
        var monthFirst = culture is not null && CultureInfo.GetCultureInfo(culture).DateTimeFormat.ShortDatePattern is var pattern
            && pattern.IndexOf('M', StringComparison.Ordinal) < pattern.IndexOf('d', StringComparison.Ordinal);
        static bool MonthFirst(IReadOnlyList<string> reading) => reading[0].IndexOf('M', StringComparison.Ordinal) < reading[0].IndexOf('d', StringComparison.Ordinal);
        foreach (var (column, readings) in ambiguous)
        {
            if (readings.FirstOrDefault(r => r.Any(settled.Contains)) is { } reading)
            {
                formats[column] = reading;
                continue;
            }
            formats[column] = culture is null ? readings[0] : readings.FirstOrDefault(r => MonthFirst(r) == monthFirst) ?? readings[0];
            notes.Add($"{column}: the values read as {string.Join(" or ", readings.OrderByDescending(r => r == formats[column]).Select(r => LayoutSuggestion.Written(r)))}; keep the one the export uses");
        }
    }

    // An accountant's credit, (45.00) or ($1,045.50), as the number inside: its culture is the culture's of that number.
    private static string Unparenthesised(string value) =>
        value.Trim() is ['(', .. var inside, ')'] ? inside : value;

    // A value without a digit ("n/a", "-") is no number in any culture: the run's to quarantine, as a stray date is, so it
    // does not vote on the culture (one such value left the draft without one).
    private static bool HoldsDigit(string value) => value.Any(char.IsAsciiDigit);

    // The first rows of the given headers, as text, read as a run reads them.
    private static Dictionary<string, List<string?>> Sample(ResolvedSource source, IReadOnlyList<string> headers)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var staging = new StagingArea(connection, "inspect_");
        var raw = new RawLoader(connection, staging, sampleRows: SampleRows).Load(source);
        var values = headers.ToDictionary(h => h, _ => new List<string?>(), StringComparer.Ordinal);
        if (headers.Count == 0)
            return values;
        connection.Query($"SELECT {string.Join(", ", headers.Select(Sql.Id))} FROM {raw.Name}", r =>
        {
            for (var i = 0; i < headers.Count; i++)
                values[headers[i]].Add(r.IsDBNull(i) ? null : r.GetString(i));
            return 0;
        });
        return values;
    }
}
