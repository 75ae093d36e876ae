using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Turns one raw text table into a canonical table inside DuckDB: parses, standardises and resolves every column,
/// gives each bad row the first reason that applies (ARCHITECTURE.md §4) and keeps it in <c>quarantine_&lt;table&gt;</c>.
/// </summary>
/// <remarks>All row work is one SQL statement per step; nothing is looped over in C#.</remarks>
public sealed class TableIngestor(DuckDBConnection connection, string runSchema, StagingArea staging, IdentifierConfig identifiers, TimeProvider? time = null)
{
    // The first day a NotInFuture date may not reach.
    private readonly DateOnly _futureFrom = DateFormat.FutureFrom(time ?? TimeProvider.System);

    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly CustomerIdRules _customerIdRules = identifiers.CustomerId;
    private readonly StagingArea _staging = staging;

    // Without a customer master, the spelling kept for each customer id key (_key → customer_id): the first table that
    // writes a key chooses it, later tables resolve to it as they would to the master's id (ColumnPlan.ResolveCustomer).
    private string? _spellings;

    /// <summary>
    /// Whether the advice names the rows whose customer id took another spelling of its key (a run's advice; validate,
    /// which samples each table alone and reads its advice as settings to fix, leaves them to the run).
    /// </summary>
    public bool AdvisesMergedSpellings { get; init; } = true;

    /// <summary>Required columns a setting replaces for the rows of some keys, which may leave them empty or outside their rule (a time-driven cost pool's driver); none by default.</summary>
    public IReadOnlyList<ColumnReplaced> ReplacedColumns { get; init; } = [];

    /// <summary>Tables already ingested in this run (references are checked against them).</summary>
    public IReadOnlySet<string> Loaded => _loaded;

    /// <summary>SQL type of a canonical column kind.</summary>
    public static string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Date => "DATE",
        ColumnKind.Timestamp => "TIMESTAMP",
        ColumnKind.Number => "DOUBLE",
        _ => "VARCHAR",
    };

    /// <summary>Ingests one source whose raw text is loaded; returns its row accounting.</summary>
    public TableQuality Ingest(ResolvedSource source, RawTable raw)
    {
        var table = source.Table;
        var plan = new ColumnPlan(this, source, raw);
        var target = Qualified(table.Name);
        var quarantine = Qualified("quarantine_" + table.Name);

        // Customer ids are standardised and resolved once per distinct raw value.
        if (!_loaded.Contains("customers") && _spellings is null)
        {
            connection.Execute($"CREATE OR REPLACE TEMP TABLE {Sql.Id(_staging.Name("customer_spellings"))} (_key VARCHAR, customer_id VARCHAR)");
            _spellings = _staging.Table("customer_spellings");
        }
        var helpers = plan.IdentifierMaps().ToList();
        var mergedExamples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, body, spelled) in helpers)
        {
            connection.Execute($"CREATE TEMP TABLE {Sql.Id(name)} AS {body}");
            if (spelled is null)
                continue;
            // Keys new to the run keep this table's spelling for the tables after it (and its next customer-id column).
            connection.Execute($"INSERT INTO {_spellings} SELECT DISTINCT k, _chosen FROM temp.main.{Sql.Id(name)} WHERE _chosen IS NOT NULL");
            mergedExamples[spelled.Name] = string.Join(", ", connection.Query(
                $"SELECT v, r FROM temp.main.{Sql.Id(name)} WHERE _merged GROUP BY v, r ORDER BY sum(_rows) DESC, v LIMIT 3",
                r => $"{r.GetString(0)} → {r.GetString(1)}"));
        }

        // Most tables are checked straight into their canonical table; rejected rows and helper columns are removed
        // afterwards (both cheap in DuckDB). Distinct sources need a staging table to fold rows by key.
        var checkedTable = source.Distinct ? _staging.Table("checked_" + table.Name) : target;
        connection.Execute(source.Distinct
            ? $"CREATE TEMP TABLE {Sql.Id(_staging.Name("checked_" + table.Name))} AS {plan.CheckedSelect()}"
            : $"CREATE TABLE {target} AS {plan.CheckedSelect()}");
        foreach (var (name, _, _) in helpers)
            connection.Execute($"DROP TABLE temp.main.{Sql.Id(name)}");
        if (plan.MarkDuplicateKeys(checkedTable) is { } markDuplicates)
            connection.Execute(markDuplicates);
        connection.Execute($"CREATE TABLE {quarantine} AS {QuarantineSelect(raw, checkedTable, plan.HasFileColumn)}");

        var warnings = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long merged = 0;
        if (source.Distinct)
        {
            var key = plan.KeyExpressions();
            connection.Execute($"CREATE TABLE {target} AS {plan.DistinctSelect(checkedTable, key)}");
            var attributes = plan.AttributeColumns(key).ToList();
            var counts = connection.Query($"""
                SELECT coalesce(sum(n - 1), 0){string.Concat(attributes.Select((_, i) => $", count(*) FILTER (WHERE d{i} > 1)"))}
                FROM (SELECT count(*) AS n{string.Concat(attributes.Select((a, i) => $", count(DISTINCT {Sql.Id(a)}) AS d{i}"))}
                      FROM {checkedTable} WHERE _reason IS NULL GROUP BY {string.Join(", ", key)})
                """, r => Enumerable.Range(0, r.FieldCount).Select(i => DuckDbConnectionExtensions.ToLong(r.GetValue(i))).ToArray())[0];
            merged = counts[0];
            for (var i = 0; i < attributes.Count; i++)
                warnings["conflicting_values:" + attributes[i]] = counts[i + 1];
        }

        if (plan.ExactRepeatsWithoutKey(checkedTable) is { } exactRepeats)
            Add(warnings, "exact_duplicate", connection.ScalarLong(exactRepeats));
        var flags = plan.WarningFlags().ToList();
        if (plan.ChecksExactDuplicates && !source.QuarantineExactDuplicates)
            flags.Add(("exact_duplicate", "_exact_duplicate"));
        if (flags.Count > 0)
        {
            var flagCounts = connection.Query(
                $"SELECT {string.Join(", ", flags.Select(f => $"count(*) FILTER (WHERE {f.Condition})"))} FROM {checkedTable} WHERE _reason IS NULL",
                r => Enumerable.Range(0, r.FieldCount).Select(i => DuckDbConnectionExtensions.ToLong(r.GetValue(i))).ToArray())[0];
            for (var i = 0; i < flags.Count; i++)
                Add(warnings, flags[i].Name, flagCounts[i]);
        }
        if (source.Distinct)
        {
            connection.Execute($"DROP TABLE {checkedTable}");
        }
        else
        {
            connection.Execute($"DELETE FROM {target} WHERE _reason IS NOT NULL");
            foreach (var column in plan.HelperColumns())
                connection.Execute($"ALTER TABLE {target} DROP COLUMN {Sql.Id(column)}");
        }
        var (referenceAdvice, rollUpAdvice) = ResolveSelfReferences(table, warnings);
        CountOtherCustomersReferences(source, warnings);

        var reasons = connection.Query(
                $"SELECT _reason || coalesce(':' || _column, '') AS reason, count(*) FROM {quarantine} GROUP BY ALL ORDER BY reason",
                r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

        _loaded.Add(table.Name);
        var rowsRead = raw.RowsLoaded + raw.RowsRejected;
        AddReferenceAdvice(source, quarantine, reasons, rowsRead, referenceAdvice);
        var inOtherCurrency = new Dictionary<string, long>(StringComparer.Ordinal);
        var currencyAdvice = CurrencyAdvice(source, raw, reasons, warnings, rowsRead, inOtherCurrency);
        return new TableQuality(
            source.DisplayName,
            rowsRead,
            connection.ScalarLong($"SELECT count(*) FROM {target}"),
            merged,
            connection.ScalarLong($"SELECT count(*) FROM {quarantine}"),
            reasons,
            warnings.Where(w => w.Value > 0).ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal))
        {
            Advice = [.. EncodingAdvice(source, raw), .. currencyAdvice, .. ParseAdvice(source, quarantine, reasons, warnings, rowsRead, inOtherCurrency), .. CodeAdvice(source, quarantine, reasons, rowsRead), .. referenceAdvice,
                .. AdvisesMergedSpellings ? MergedSpellingAdvice(warnings, mergedExamples) : []],
            DataAdvice = referenceAdvice,
            RollUpAdvice = rollUpAdvice,
            TitleRowsSkipped = source.RowsAboveHeader,
        };
    }

    // Many rows naming what their master table lacks are rarely that many bad rows: an ERP's customer numbers against a
    // CRM's master, SKUs written in another case, or an order whose lines were quarantined. The count alone left the user
    // to find out which; the advice names the first such value and the likely fix, as for a column that fails to parse.
    private void AddReferenceAdvice(ResolvedSource source, string quarantine, IReadOnlyDictionary<string, long> reasons, long rowsRead,
        List<string> advice)
    {
        foreach (var (reason, count) in reasons)
        {
            if (!reason.StartsWith("unknown_reference:", StringComparison.Ordinal) || count < AdviceShare * rowsRead)
                continue;
            var column = source.Table.Column(reason["unknown_reference:".Length..]);
            if (column.References is not { } master || !source.Columns.TryGetValue(column.Name, out var header))
                continue;
            var example = connection.Query(
                $"SELECT {Sql.Id(header)} FROM {quarantine} WHERE _reason = 'unknown_reference' AND _column = {Sql.Str(column.Name)} ORDER BY _source_file, _source_row LIMIT 1",
                r => r.IsDBNull(0) ? "" : r.GetString(0)).FirstOrDefault();
            var (one, them) = (count == 1, Agreement.For(count, "it", "them"));
            var fix = column.Kind == ColumnKind.CustomerId
                ? $"if {(one ? "it is" : "they are")} another system's {(one ? "id" : "ids")}, add an id_crosswalk export (source_system, source_customer_id, customer_id) that maps {them} to the customers' ids, else add {them} to the customers export"
                : master == "order_lines"
                    ? $"{Agreement.For(count, "its order lines are", "their order lines are")} missing from the order_lines export or quarantined (quarantine/order_lines.csv says why)"
                    : $"add {them} to the {master} export, or write {them} as that export does (codes are compared as written: case, separators and leading zeros count)";
            advice.Add(string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} of {rowsRead:N0} rows ({100.0 * count / rowsRead:0.#} %) {Agreement.For(count, "has", "have")} {("aeiou".Contains(column.Name[0]) ? "an" : "a")} {column.Name} that {master} lacks, such as '{example}'; {fix}."));
        }
    }

    // Rows whose customer id is kept under another spelling of its key (no customer master): which ids became which, as a
    // count alone left the user to guess whether c-001 and C001 were meant to be one customer.
    private static IEnumerable<string> MergedSpellingAdvice(IDictionary<string, long> warnings, IReadOnlyDictionary<string, string> examples)
    {
        foreach (var (column, example) in examples)
        {
            if (warnings.TryGetValue(MergedSpelling + column, out var count) && count > 0)
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{count:N0} {Agreement.For(count, "row writes its", "rows write their")} {column} as another spelling of a customer id ({example}): with no customers file, ids with one key are one customer, under the spelling the first table writing it writes on most rows; add a customers file to choose the ids kept.");
        }
    }

    // The warning of rows whose customer id was rewritten to the spelling kept for its key.
    private const string MergedSpelling = "merged_spelling:";

    /// <summary>Share of a table's rows from which unparseable values of one column get advice (see <see cref="TableQuality.Advice"/>).</summary>
    public const double AdviceShare = 0.10;

    // Many unparseable values in one column rarely mean that many bad rows: the export writes them in a layout or
    // culture the source does not declare. The advice names the setting that reads them (the layout or culture itself
    // when one reads the first 200 distinct values, see LayoutSuggestion), with the first such value in the file.
    // An optional column's unparseable values are left empty and counted as warnings (its rows are kept): the same advice,
    // without an example value, as shipments whose dates all fail leave OTIF unknown.
    // Columns whose unparseable values are all amounts in another currency have the currency's advice alone.
    private List<string> ParseAdvice(ResolvedSource source, string quarantine, IReadOnlyDictionary<string, long> reasons,
        IDictionary<string, long> warnings, long rowsRead, IReadOnlyDictionary<string, long> inOtherCurrency)
    {
        var advice = new List<string>();
        var where = $"sources.{source.Table.Name}";
        foreach (var (reason, count, quarantined) in reasons.Select(r => (r.Key, r.Value, true)).Concat(warnings.Select(w => (w.Key, w.Value, false))))
        {
            // None of none is no advice: a file with its header alone counts each column's 0 of 0 rows, which is not under 10 %.
            if (!reason.StartsWith("unparseable:", StringComparison.Ordinal) || count == 0 || count < AdviceShare * rowsRead)
                continue;
            var column = source.Table.Column(reason["unparseable:".Length..]);
            if (column.Kind is not (ColumnKind.Date or ColumnKind.Timestamp or ColumnKind.Number) || !source.Columns.TryGetValue(column.Name, out var header))
                continue;
            if (inOtherCurrency.TryGetValue(column.Name, out var other) && other >= count)
                continue;
            var values = !quarantined ? [] : connection.Query($"""
                SELECT v FROM (
                    SELECT {Sql.Id(header)} AS v, min(_source_row) AS first_row FROM {quarantine}
                    WHERE _reason = 'unparseable' AND _column = {Sql.Str(column.Name)} AND {Sql.Id(header)} IS NOT NULL GROUP BY v)
                ORDER BY first_row LIMIT 200
                """, r => r.GetString(0));
            var fix = NoReadingHint(values, column, source, where, count) ?? (column.Kind == ColumnKind.Number
                ? Fix("numbers in", LayoutSuggestion.NumberCulture(values), where, "culture", "de-DE", count)
                : DateFix(values, source.DateLayouts.GetValueOrDefault(column.Name), where, column.Name, count));
            advice.Add(string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} of {rowsRead:N0} rows ({100.0 * count / rowsRead:0.#} %) {Agreement.For(count, "has", "have")} an unparseable {column.Name}{(quarantined ? "" : " (left empty)")}{(values.Count == 0 ? "" : $", such as '{values[0]}'")}; {fix}."));
        }
        return advice;
    }

    // An export's own codes (a German ERP's Retoure for return) quarantine every row they name: as for a column that fails
    // to parse, the advice names the codes found and the setting that maps them, values:.
    private List<string> CodeAdvice(ResolvedSource source, string quarantine, IReadOnlyDictionary<string, long> reasons, long rowsRead)
    {
        var advice = new List<string>();
        foreach (var column in source.Table.Columns.Where(c => c.Rule == ValueRule.OneOf && source.IsMapped(c.Name)))
        {
            if (!reasons.TryGetValue($"invalid_value:{column.Name}", out var count) || count == 0 || count < AdviceShare * rowsRead)
                continue;
            var codes = connection.Query($"""
                SELECT v FROM (
                    SELECT trim({Sql.Id(source.Columns[column.Name])}) AS v, min(_source_row) AS first_row FROM {quarantine}
                    WHERE _reason = 'invalid_value' AND _column = {Sql.Str(column.Name)} GROUP BY v)
                ORDER BY first_row LIMIT 3
                """, r => $"'{r.GetString(0)}'");
            advice.Add(string.Create(CultureInfo.InvariantCulture,
                $"{column.Name}: {count:N0} of {rowsRead:N0} rows hold no {column.Name.Replace('_', ' ')} ({string.Join(", ", codes)}) and were quarantined; map each under sources.{source.Table.Name}.values.{column.Name} to one of {string.Join(", ", column.AllowedValues)}, or correct the export."));
        }
        return advice;
    }

    // An amount in another currency than the source culture's is left unparseable: converting it is not ingestion's to do,
    // and reading it as the number would mix currencies without a word. Even one such row is named, with the currency found
    // and the culture's, as the generic advice (a number culture to name) would mislead. The raw column is searched only
    // when it has unparseable values; inOtherCurrency gets each column's count.
    private List<string> CurrencyAdvice(ResolvedSource source, RawTable raw, IReadOnlyDictionary<string, long> reasons,
        IDictionary<string, long> warnings, long rowsRead, Dictionary<string, long> inOtherCurrency)
    {
        var advice = new List<string>();
        var currency = new CurrencyText(source.Culture, source.Currency);
        foreach (var column in source.Table.Columns.Where(c => c.Kind == ColumnKind.Number))
        {
            var unparseable = "unparseable:" + column.Name;
            if (!source.Columns.TryGetValue(column.Name, out var header)
                || !(reasons.ContainsKey(unparseable) || warnings.TryGetValue(unparseable, out var left) && left > 0))
                continue;
            var other = currency.OtherCurrencySql(Sql.Id(header));
            var values = connection.Query($"""
                SELECT v FROM (SELECT {Sql.Id(header)} AS v, min(rowid) AS first_row FROM {raw.Name} WHERE {other} GROUP BY v)
                ORDER BY first_row LIMIT 200
                """, r => r.GetString(0));
            if (values.Count == 0)
                continue;
            inOtherCurrency[column.Name] = connection.ScalarLong($"SELECT count(*) FROM {raw.Name} WHERE {other}");
            advice.Add(currency.Advice(source.Table.Name, column.Name, inOtherCurrency[column.Name], rowsRead, values));
        }
        return advice;
    }

    // A row that is not valid text in the source's encoding is malformed, and in a Latin-1 export that is every row with
    // an accent (Müller): even one such row is worth the advice, as the rest of the file most likely shares the encoding.
    private IEnumerable<string> EncodingAdvice(ResolvedSource source, RawTable raw)
    {
        if (raw.RowsRejected == 0)
            yield break;
        var invalid = connection.ScalarLong($"SELECT count(*) FROM {raw.RejectsTable} WHERE error LIKE '%INVALID ENCODING%'");
        if (invalid > 0)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{invalid:N0} {(invalid == 1 ? "row is" : "rows are")} not valid {source.Encoding} text, quarantined as malformed; if the export is in another encoding, name it under sources.{source.Table.Name} (for example encoding: latin-1).");
    }

    // Values no culture or layout reads, where advising one would mislead: a workbook's error values (#N/A, #DIV/0!) are
    // corrected in the workbook, true or false (a Boolean column of a Parquet file or workbook) means the column
    // mapped is not the one that holds the numbers or dates, and numbers from 20000 to 80000 (1954 to 2119) in a workbook's
    // date column are dates typed or pasted as serials into General cells, which no date layout reads: whole for a date,
    // with a fraction for a date and time (45717.5 is 2025-03-01 12:00), written with the source culture's decimal separator
    // as number cells are (45717,5 under de-DE).
    private static string? NoReadingHint(IReadOnlyList<string> values, CanonicalColumn column, ResolvedSource source, string where, long count)
    {
        if (values.Count > 0 && source.Format == SourceFormat.Xlsx && column.Kind is ColumnKind.Date or ColumnKind.Timestamp
            && values.All(v => decimal.TryParse(v, NumberStyles.AllowDecimalPoint, source.Culture, out var serial) && serial is >= 20000 and <= 80000))
            return $"{Agreement.For(count, "it looks like an Excel date serial in a cell", "they look like Excel date serials in cells")} formatted General: format the column as a date in the workbook (or export the dates as yyyy-MM-dd)";
        if (values.Count > 0 && values.All(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|SPILL!|CALC!)$")))
            return $"{Agreement.For(count, "it is an error value", "they are error values")} of the workbook's cells: correct the formulas or values there and export again";
        if (values.Count > 0 && values.All(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)))
            return $"the column holds true or false, not {(column.Kind == ColumnKind.Number ? "numbers" : "dates")}: map {column.Name} to the column that holds them under {where}.columns";
        return null;
    }

    // "they read as dates laid out dd/MM/yyyy: name it under …", naming both readings when the values fit two.
    private static string Fix(string reading, string? suggestion, string where, string key, string example, long count) => suggestion switch
    {
        null => $"if the export writes {reading.Split(' ')[0]} another way, name how under {where} (for example {key}: {example})",
        _ when suggestion.Contains(" or ", StringComparison.Ordinal) =>
            $"{Agreement.For(count, "it reads", "they read")} as {reading} {suggestion}, and {Agreement.For(count, "this value fits", "these values fit")} both: name the export's under {where} (for example {key}: {suggestion.Split(" or ")[0]})",
        _ => $"{Agreement.For(count, "it reads", "they read")} as {reading} {suggestion}: name it under {where} ({key}: {suggestion})",
    };

    // The date layouts that read the values: one reading of them all, else a layout per shape where no one reads every
    // shape (03.01.2025 14:05 beside 2025/01/04), as one example layout would read neither. Added to the configured
    // layouts where formats: names some (null where it names none). Values of one shape no known layout reads
    // (2026-13-45) are said to be so, as an example layout would read none of them either. source is sources.TABLE.
    private static string DateFix(IReadOnlyList<string> values, IReadOnlyList<string>? layouts, string source, string key, long count)
    {
        var where = $"{source}.formats";
        var readings = LayoutSuggestion.DateReadings(values);
        var shapes = readings.Count == 0 ? LayoutSuggestion.DateShapes(values) : [];
        if (shapes.Count > 1 && shapes.Any(s => s.Readings.Count > 0))
            return ShapesFix(shapes, layouts, where, key);
        if (shapes is [{ Readings: [] } unread])
            return UnreadShapeFix(unread.Example, layouts, source, key, count);
        return layouts is null ? Fix("dates laid out", LayoutSuggestion.DateLayout(values), where, key, "dd/MM/yyyy", count) : LayoutsFix(readings, layouts, where, key, count);
    }

    // A shape no known layout reads is more often a column mapped to the wrong field or bad values than a layout to name.
    private static string UnreadShapeFix(string example, IReadOnlyList<string>? layouts, string source, string key, long count)
    {
        var shaped = $"values shaped like '{example}'";
        var check = $"check that {source}.columns maps {key} to the export's column of dates";
        var correct = $"or correct {Agreement.For(count, "the value", "the values")} in the export";
        return layouts is null
            ? $"no known layout reads {shaped}: {check}, name the export's layout under {source}.formats, {correct}"
            : $"no layout under {source}.formats ({key}: {LayoutSuggestion.Written(layouts)}) {Agreement.For(count, "reads it", "reads them")}, nor does any known layout read {shaped}: "
                + $"{check}, list the export's layout under {source}.formats too, {correct}";
    }

    // Shapes named with a layout each before the rest are left to the values' example: more would not read as advice.
    private const int ShapesAdvised = 4;

    // Several shapes (so several values): each read shape's layout, with its first value, and the values no known layout reads.
    private static string ShapesFix(IReadOnlyList<LayoutSuggestion.DateShape> shapes, IReadOnlyList<string>? layouts, string where, string key)
    {
        var read = shapes.Where(s => s.Readings.Count > 0).Take(ShapesAdvised).ToList();
        var unread = shapes.Where(s => s.Readings.Count == 0).Select(s => $"'{s.Example}'").Concat(
            shapes.Where(s => s.Readings.Count > 0).Skip(ShapesAdvised).Select(s => $"'{s.Example}'")).ToList();
        var readAs = $"they read as dates laid out {And(read.Select(s => $"{string.Join(" or ", s.Readings.Select(r => LayoutSuggestion.Written(r)))} (such as '{s.Example}')"))}";
        var fix = layouts is null
            ? $"{readAs}: name them under {where} ({key}: {LayoutSuggestion.Written(LayoutSuggestion.Listed(read))})"
            : $"no layout under {where} ({key}: {LayoutSuggestion.Written(layouts)}) reads them, and {readAs}: list them too "
                + $"({key}: {LayoutSuggestion.Written([.. layouts.Concat(LayoutSuggestion.Listed(read)).Distinct(StringComparer.Ordinal)], asList: true)})";
        var ambiguous = read.Any(s => s.Readings.Count > 1) ? " (keep the reading the export uses where a shape reads two ways)" : "";
        return unread.Count == 0 ? fix + ambiguous
            : $"{fix}{ambiguous}; no known layout reads {string.Join(" or ", unread.Take(3))}: list {(unread.Count == 1 ? "its layout" : "their layouts")} as well, or correct {(unread.Count == 1 ? "it" : "them")} in the export";
    }

    private static string And(IEnumerable<string> items) => items.ToList() is var all && all.Count > 1
        ? $"{string.Join(", ", all.Take(all.Count - 1))} and {all[^1]}" : string.Concat(all);

    // Values no configured layout reads: the advice names those layouts and the list with the export's added, as replacing
    // them (what Fix advises where none is configured) would quarantine the rows they read.
    private static string LayoutsFix(IReadOnlyList<IReadOnlyList<string>> readings, IReadOnlyList<string> layouts, string where, string key, long count)
    {
        var configured = $"no layout under {where} ({key}: {LayoutSuggestion.Written(layouts)}) {Agreement.For(count, "reads it", "reads them")}";
        string Listed(IReadOnlyList<string> added) => LayoutSuggestion.Written([.. layouts.Concat(added).Distinct(StringComparer.Ordinal)], asList: true);
        return readings switch
        {
            [] => $"{configured}; if the export writes dates another way as well, list its layout too ({key}: {Listed(["dd/MM/yyyy"])})",
            [var one] => $"{configured}, and {Agreement.For(count, "it reads", "they read")} as dates laid out {LayoutSuggestion.Written(one)}: "
                + $"list {(one.Count == 1 ? "it" : "them")} too ({key}: {Listed(one)})",
            _ => $"{configured}, and {Agreement.For(count, "it reads", "they read")} as dates laid out {string.Join(" or ", readings.Select(r => LayoutSuggestion.Written(r)))}, "
                + $"and {Agreement.For(count, "this value fits", "these values fit")} both: list the export's too (for example {key}: {Listed(readings[0])})",
        };
    }

    /// <summary>Creates an empty canonical table for a table without a source, so later SQL can rely on it existing.</summary>
    public void CreateEmpty(CanonicalTable table)
    {
        var columns = table.Columns.Select(c => $"{Sql.Id(c.Name)} {SqlType(c.Kind)}");
        if (table.Name == "customers") columns = columns.Append("_key VARCHAR");
        if (table.Name == "id_crosswalk") columns = columns.Append("_system VARCHAR").Append("_key VARCHAR");
        connection.Execute($"CREATE TABLE {Qualified(table.Name)} ({string.Join(", ", columns)})");
    }

    private string Qualified(string table) => $"{Sql.Id(runSchema)}.{Sql.Id(table)}";

    private static void Add(IDictionary<string, long> counts, string key, long value) =>
        counts[key] = counts.TryGetValue(key, out var existing) ? existing + value : value;

    // Malformed records are not in the raw table, so a raw row's place in the file is its place among the
    // well-formed rows plus the number of malformed records before it; the shift table holds that number.
    // Only quarantined rows need it, so the ASOF join runs over a handful of rows, never the whole table.
    private string SourceRowShift(RawTable raw)
    {
        var name = _staging.Name("shift_" + Guid.NewGuid().ToString("N")[..8]);
        connection.Execute($"""
            CREATE TEMP TABLE {Sql.Id(name)} AS
            SELECT file_index, accepted_before, max(shift) AS shift FROM (
                SELECT file_index, data_row - row_number() OVER w AS accepted_before, row_number() OVER w AS shift
                FROM {raw.RejectsTable} WINDOW w AS (PARTITION BY file_index ORDER BY data_row))
            GROUP BY ALL
            """);
        return $"temp.main.{Sql.Id(name)}";
    }

    private string QuarantineSelect(RawTable raw, string checkedTable, bool hasFileColumn)
    {
        var file = hasFileColumn ? "c._file" : "0";
        var rawColumns = string.Join(", ", raw.Headers.Select(h => "r." + Sql.Id(h)));
        var nullColumns = string.Join(", ", raw.Headers.Select(h => $"NULL::VARCHAR AS {Sql.Id(h)}"));
        var (sourceRow, shiftJoin) = raw.RowsRejected == 0
            ? ("q._local", "")
            : ("q._local + coalesce(s.shift, 0)", $"ASOF LEFT JOIN {SourceRowShift(raw)} s ON s.file_index = q._file AND q._local > s.accepted_before");
        return $"""
            SELECT q.path AS _source_file, {sourceRow} AS _source_row, split_part(q._reason, ':', 1) AS _reason,
                   nullif(split_part(q._reason, ':', 2), '') AS _column, {rawColumns}, NULL::VARCHAR AS _raw_line
            FROM (SELECT c._rowid, {file} AS _file, c._reason, c._rowid - f.first_rowid + 1 AS _local, f.path
                  FROM {checkedTable} c JOIN {raw.FilesTable} f ON f.file_index = {file} WHERE c._reason IS NOT NULL) q
            {shiftJoin}
            JOIN {raw.Name} r ON r.rowid = q._rowid
            UNION ALL
            SELECT f.path, j.data_row, 'malformed_row', NULL, {nullColumns}, j.raw_line
            FROM {raw.RejectsTable} j JOIN {raw.FilesTable} f USING (file_index)
            """;
    }

    // Resolves parent references to the table's own rows, counting what it blanks in warnings; returns advice for the
    // customers whose parents loop back to them, and for a run that rolls up, the customers whose parents the table lacks.
    private (List<string> Advice, List<string> RollUpAdvice) ResolveSelfReferences(CanonicalTable table, IDictionary<string, long> warnings)
    {
        var advice = new List<string>();
        var rollUpAdvice = new List<string>();
        var target = Qualified(table.Name);
        if (table.Name == "customers")
        {
            // A customer that names itself as its parent (Y1 → Y1, or C-00012 → 12 once standardised) is a cycle of one, not an
            // unknown parent: counted with the cycles below, so unknown_reference lists only parents the file lacks.
            var unknownParent = $"FROM {target} c WHERE c._parent_key IS NOT NULL AND c._parent_key <> c._key AND NOT EXISTS (SELECT 1 FROM {target} m WHERE m._key = c._parent_key)";
            Add(warnings, "unknown_reference:parent_id", connection.ScalarLong($"SELECT count(*) {unknownParent}"));
            // Rolled up, such a customer is split from the account it belongs to: a count alone left its row to be found.
            if (Metrics.CustomerMetrics.FirstCustomers(connection, $"SELECT c.customer_id || ' → ' || c.parent_id AS customer_id {unknownParent}") is var (unknown, named))
            {
                rollUpAdvice.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{unknown:N0} {Agreement.For(unknown, "customer's parent_id names", "customers' parent_ids name")} no customer of the customer master ({named}): read as empty, so {Agreement.For(unknown, "it heads", "each heads")} its own account; add the parent to the customer master or correct parent_id to roll {Agreement.For(unknown, "it", "them")} up."));
            }
            connection.Execute($"CREATE OR REPLACE TEMP TABLE customers_own_parent AS SELECT customer_id FROM {target} WHERE _parent_key = _key");
            var ownParent = connection.ScalarLong("SELECT count(*) FROM temp.customers_own_parent");
            connection.Execute($"""
                UPDATE {target} SET parent_id = (SELECT m.customer_id FROM {target} m WHERE m._key = {target}._parent_key AND m._key <> {target}._key);
                ALTER TABLE {target} DROP COLUMN _parent_key;
                """);
            // A customer that is its own ancestor (X1 → X2 → X1) has no top account to roll up into: its parent is blanked,
            // so each customer of the cycle heads its own account, and the count is reported like an unknown parent.
            // Cycles of any length: a search 20 levels up from each customer missed longer ones, which were then reported
            // as hierarchy_too_deep, to be flattened to a top account they lack. Only the customers the top-down walk
            // leaves out (CustomerMetrics.BeyondDepthLimit: on a cycle, below one, or too deep) can be on one. Pointer
            // jumping takes each of them 1, 2, 4, … parents up (dropped where its chain ends at a walked customer), so
            // after as many steps as they number, it stands on the cycle its chain runs into, and a cycle's customers
            // step onto one another, every one of them reached. log2(n) joins: a 200 k master with a few cycles takes
            // 0.2 s (the 20-level search 0.45 s), 200 k customers on one cycle 1.6 s.
            connection.Execute($"""
                CREATE OR REPLACE TEMP TABLE customers_in_cycles AS
                WITH RECURSIVE unreached AS MATERIALIZED (
                    SELECT c.customer_id, c.parent_id FROM {target} c
                    WHERE c.customer_id IN ({Metrics.CustomerMetrics.BeyondDepthLimit(target)})
                ), jump(customer_id, ancestor, steps) AS (
                    SELECT customer_id, parent_id, 1::BIGINT FROM unreached WHERE parent_id IN (SELECT customer_id FROM unreached)
                    UNION ALL
                    SELECT a.customer_id, b.ancestor, a.steps * 2 FROM jump a JOIN jump b ON b.customer_id = a.ancestor
                    WHERE a.steps < (SELECT count(*) FROM unreached)
                )
                SELECT DISTINCT ancestor AS customer_id FROM jump WHERE steps >= (SELECT count(*) FROM unreached)
                """);
            Add(warnings, "parent_cycle:parent_id", ownParent + connection.ScalarLong("SELECT count(*) FROM temp.customers_in_cycles"));
            // A count alone left the user to find the loop in the master: the first few are named, with the fix.
            if (Metrics.CustomerMetrics.FirstCustomers(connection,
                    "SELECT customer_id FROM temp.customers_in_cycles UNION SELECT customer_id FROM temp.customers_own_parent") is var (n, examples))
            {
                advice.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{n:N0} {Agreement.For(n, "customer's parent_id leads", "customers' parent_ids lead")} back to {Agreement.For(n, "itself", "themselves")} ({examples}): read as empty, so {Agreement.For(n, "it heads", "each heads")} its own account; correct parent_id in the customer master to roll {Agreement.For(n, "it", "them")} up."));
            }
            connection.Execute($"""
                UPDATE {target} SET parent_id = NULL WHERE customer_id IN (SELECT customer_id FROM temp.customers_in_cycles);
                DROP TABLE temp.customers_in_cycles;
                DROP TABLE temp.customers_own_parent;
                """);
            // A chain deeper than the roll-up follows is kept as written (it has a top account, unlike a cycle), but its
            // customers below the limit head their own accounts when rolled up: counted, as the cycles are, and named
            // with the fix by a run that rolls up (RunPipeline).
            Add(warnings, "hierarchy_too_deep:parent_id", connection.ScalarLong($"SELECT count(*) FROM ({Metrics.CustomerMetrics.BeyondDepthLimit(target)})"));
        }
        else if (table.Name == "locations")
        {
            Add(warnings, "unknown_reference:upstream_location_id", connection.ScalarLong(
                $"SELECT count(*) FROM {target} c WHERE c.upstream_location_id IS NOT NULL AND c.upstream_location_id NOT IN (SELECT location_id FROM {target})"));
            connection.Execute($"UPDATE {target} SET upstream_location_id = NULL WHERE upstream_location_id NOT IN (SELECT location_id FROM {target})");
        }
        return (advice, rollUpAdvice);
    }

    // An accepted row naming a row of another customer (a service event naming another customer's order) is kept, as the
    // row's own customer is the one charged, and counted, so the export can be corrected; references already resolved.
    private void CountOtherCustomersReferences(ResolvedSource source, IDictionary<string, long> warnings)
    {
        foreach (var c in source.Table.Columns.Where(c => c.OtherCustomerWarning is not null && source.IsMapped(c.Name) && _loaded.Contains(c.References!)))
        {
            var (column, referenced) = (Sql.Id(c.Name), Sql.Id(c.ReferencedColumn!));
            Add(warnings, $"{c.OtherCustomerWarning}:{c.Name}", connection.ScalarLong($"""
                SELECT count(*) FROM {Qualified(source.Table.Name)} e
                WHERE e.{column} IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM {Qualified(c.References!)} o WHERE o.{referenced} = e.{column} AND o.customer_id = e.customer_id)
                """));
        }
    }

    /// <summary>The SQL expressions for one source's columns.</summary>
    private sealed class ColumnPlan(TableIngestor owner, ResolvedSource source, RawTable raw)
    {
        private readonly CanonicalTable _table = source.Table;
        private readonly CurrencyText _currency = new(source.Culture, source.Currency);
        private IEnumerable<CanonicalColumn> Mapped => _table.Columns.Where(c => source.IsMapped(c.Name));

        private static string T(string column) => Sql.Id("t_" + column);
        private static string V(string column) => Sql.Id("v_" + column);
        private static string K(string column) => Sql.Id("k_" + column);
        private static string R(string column) => Sql.Id("r_" + column);
        private static string S(string column) => Sql.Id("s_" + column);
        private static string F(string column) => Sql.Id("f_" + column);

        private string RawColumn(string canonical) => "r." + Sql.Id(source.Columns[canonical]);
        private string MapName(string column) => owner._staging.Name($"idmap_{_table.Name}_{column}");
        private static string MapAlias(string column) => Sql.Id("m_" + column);

        private bool IsSelfReference(CanonicalColumn c) => c.References == _table.Name;

        private bool ReferenceChecked(CanonicalColumn c) =>
            c.References is not null && !IsSelfReference(c) && owner._loaded.Contains(c.References);

        private bool IsRequiredForParsing(CanonicalColumn c) => c.Required || _table.RequireOneOf.Any(g => g.Contains(c.Name));

        // Dates, timestamps and numbers are parsed from the raw text first; only values that do not parse are trimmed and
        // parsed again. DuckDB's casts and strptime skip surrounding ASCII spaces and reject other white space, so a value
        // that parses untrimmed parses to the same value trimmed, and the trim (the costliest step per cell) runs rarely.
        private static bool IsParsed(CanonicalColumn c) => c.Kind is ColumnKind.Date or ColumnKind.Timestamp or ColumnKind.Number;

        private bool CrosswalkLoaded => owner._loaded.Contains("id_crosswalk") && _table.Name != "id_crosswalk";

        private bool ResolvesCustomer(CanonicalColumn c) => c.Kind == ColumnKind.CustomerId && c.References is not null && !IsSelfReference(c);

        private bool ResolvesBySystem(CanonicalColumn c) => ResolvesCustomer(c) && CrosswalkLoaded && source.IsMapped("source_system");

        // Without a customer master, a customer id resolves to the spelling kept for its key (see ResolveCustomer).
        private bool TakesSpelling(CanonicalColumn c) => ResolvesCustomer(c) && !owner._loaded.Contains("customers");

        /// <summary>
        /// One table per customer-id column: every distinct raw value (with its raw source system where the crosswalk is
        /// matched by system) with its text, standardised id, match key and resolved customer id. Ids repeat across rows, so
        /// the key's regular expressions and the resolution joins run once per value instead of once per row. Spelled is
        /// the column whose ids take the spelling kept for their key (no customer master): its map also counts the rows
        /// of each value (_rows), flags the values rewritten to another spelling (_merged) and holds the spelling this
        /// table chose for each key new to the run (_chosen).
        /// </summary>
        public IEnumerable<(string Name, string Body, CanonicalColumn? Spelled)> IdentifierMaps()
        {
            foreach (var c in Mapped.Where(c => c.Kind == ColumnKind.CustomerId))
            {
                var bySystem = ResolvesBySystem(c);
                var spelled = TakesSpelling(c);
                var (joins, candidates) = ResolveCustomer(c);
                var distinct = $"{RawColumn(c.Name)} AS _raw{(bySystem ? $", {RawColumn("source_system")} AS _raw_system" : "")}";
                var resolve = spelled ? SpellingSelect(joins, candidates)
                    : $"SELECT k.*{(candidates.Count == 0 ? "" : $", coalesce({string.Join(", ", candidates.Select(x => x.Id))}) AS r")} FROM k {joins}";
                yield return (MapName(c.Name), $"""
                    WITH d AS (
                        {(spelled ? $"SELECT {distinct}, count(*) AS _rows FROM {raw.Name} r GROUP BY ALL" : $"SELECT DISTINCT {distinct} FROM {raw.Name} r")}
                    ), t AS (
                        SELECT *, {CustomerIdKey.Text("_raw")} AS t{(bySystem ? $", {TrimmedText.Sql("_raw_system")} AS t_system" : "")} FROM d
                    ), v AS (
                        SELECT *, {ParseExpression(c, "t")} AS v FROM t
                    ), k AS (
                        SELECT *, {CustomerKey("v")} AS k FROM v
                    ){resolve}
                    """, spelled ? c : null);
            }
        }

        // Resolves the map's ids when no customer master is loaded: an id the crosswalk or an earlier table's spelling
        // resolves takes that id; the ids of a key new to the run take the spelling written on most of this table's rows
        // of that key (ties: the ordinal-smallest), so c-001 and C001 on order lines are one customer, and 12345 in service events
        // is the order lines' 0000012345.
        private static string SpellingSelect(string joins, IReadOnlyList<(string Id, bool Crosswalk)> candidates)
        {
            // Whichever resolved the id says whether it was rewritten to another spelling: a crosswalk's translation is not.
            var merged = string.Concat(candidates.Select(x => $" WHEN {x.Id} IS NOT NULL THEN {(x.Crosswalk ? "false" : $"{x.Id} <> k.v")}"));
            return $"""
                , x AS (
                    SELECT k.*, coalesce({string.Join(", ", candidates.Select(x => x.Id))}) AS _known, CASE{merged} END AS _known_merged FROM k {joins}
                ), n AS (
                    SELECT k, first(v ORDER BY _n DESC, v) AS _chosen
                    FROM (SELECT k, v, sum(_rows) AS _n FROM x WHERE _known IS NULL AND k IS NOT NULL GROUP BY ALL) GROUP BY k
                )
                SELECT x.* EXCLUDE (_known, _known_merged), coalesce(x._known, n._chosen) AS r, n._chosen AS _chosen,
                       coalesce(x._known_merged, n._chosen <> x.v, false) AS _merged
                FROM x LEFT JOIN n ON n.k = x.k
                """;
        }

        /// <summary>Whether rows identical in every raw column are looked for (tables without a usable key); identical rows share every reason, so comparing the raw text alone finds the repeats among accepted rows.</summary>
        public bool ChecksExactDuplicates => DuplicateKey().Count == 0 && !source.Distinct;

        /// <summary>
        /// Whether the checked table carries each row's file index. A single file's index is always 0, and every column
        /// of a large checked table costs its write, so only sources of several files keep it.
        /// </summary>
        public bool HasFileColumn => source.Files.Count > 1;

        /// <summary>The CREATE TABLE … AS body for the checked table: parsed values, resolved references, reason.</summary>
        public string CheckedSelect()
        {
            var checksExactDuplicates = ChecksExactDuplicates;
            var exactJoin = checksExactDuplicates
                ? $"LEFT JOIN (SELECT {string.Join(", ", raw.Headers.Select((h, i) => $"r.{Sql.Id(h)} AS _e{i}"))}, min(r.rowid) AS _first FROM {raw.Name} r GROUP BY ALL HAVING count(*) > 1) e ON {string.Join(" AND ", raw.Headers.Select((h, i) => $"e._e{i} IS NOT DISTINCT FROM r.{Sql.Id(h)}"))}"
                : "";
            var exactFlag = checksExactDuplicates ? "(e._first IS NOT NULL AND r.rowid > e._first)" : "false";
            var exactDuplicate = checksExactDuplicates ? "_reason0 IS NULL AND _exact_repeat" : "false";
            // The final SELECT reads f, where the repeat flag is already folded into _exact_duplicate.
            var reason = source.QuarantineExactDuplicates && checksExactDuplicates
                ? "CASE WHEN _exact_duplicate THEN 'exact_duplicate' ELSE _reason0 END"
                : "_reason0";
            var projected = _table.Columns
                .Select(c => source.IsMapped(c.Name) ? $"{FinalValue(c)} AS {Sql.Id(c.Name)}" : $"NULL::{SqlType(c.Kind)} AS {Sql.Id(c.Name)}")
                .Concat(ExtraColumns())
                .Append("_rowid")
                .Concat(HasFileColumn ? ["_file"] : [])
                .Concat(checksExactDuplicates ? [$"{exactDuplicate} AS _exact_duplicate"] : [])
                .Concat(MatchKeys().Select(K))
                .Concat(WarningColumns());

            return $"""
                WITH {ValueChain(Mapped.ToList(), $", {exactFlag} AS _exact_repeat{string.Concat(UnmappedHeaders.Select((h, i) => $", r.{Sql.Id(h)} AS {UnmappedLabel(i)}"))}", exactJoin)}, c AS (
                    SELECT j.*, {ReasonCase()} AS _reason0 FROM j
                ), f AS (
                    SELECT {string.Join(", ", projected)}, _reason0 FROM c
                )
                SELECT f.* EXCLUDE (_reason0), {reason} AS _reason FROM f
                """;
        }

        // p: raw text per column (customer ids from their map); q: values parsed from untrimmed text; t: trimmed text;
        // v: values; j: resolved references other than customer ids.
        private string ValueChain(IReadOnlyList<CanonicalColumn> columns, string extra, string joins)
        {
            var parsed = columns.Where(IsParsed).ToList();
            var texts = columns.Select(c => c.Kind switch
            {
                ColumnKind.CustomerId => $"{MapAlias(c.Name)}.t AS {T(c.Name)}, {MapAlias(c.Name)}.v AS {V(c.Name)}, {MapAlias(c.Name)}.k AS {K(c.Name)}"
                    + (ResolvesCustomer(c) ? $", {MapAlias(c.Name)}.r AS {R(c.Name)}" : "")
                    + (TakesSpelling(c) ? $", {MapAlias(c.Name)}._merged AS {MergedFlag(c)}" : ""),
                _ when IsParsed(c) => $"{RawColumn(c.Name)} AS {S(c.Name)}",
                // Codes are identifiers compared across tables (a shipment's SKU with the product's): cleaned as customer
                // ids are, so "SKU1<tab>" or a decomposed accent in one file still names the other's SKU1 or é.
                ColumnKind.Code => $"{IdentifierText.GuardedSql(RawColumn(c.Name))} AS {T(c.Name)}",
                // Texts are trimmed only where the edges can change them: trim (a string copy per cell) is one of the costlier steps.
                _ => $"{TrimmedText.GuardedSql(RawColumn(c.Name))} AS {T(c.Name)}",
            });
            var maps = columns.Where(c => c.Kind == ColumnKind.CustomerId).Select(c =>
            {
                var m = MapAlias(c.Name);
                var system = ResolvesBySystem(c) ? $" AND {m}._raw_system IS NOT DISTINCT FROM {RawColumn("source_system")}" : "";
                return $"\nLEFT JOIN temp.main.{Sql.Id(MapName(c.Name))} {m} ON {m}._raw IS NOT DISTINCT FROM {RawColumn(c.Name)}{system}";
            });
            var values = columns.Where(c => c.Kind != ColumnKind.CustomerId).Select(c => IsParsed(c)
                ? $"CASE WHEN {F(c.Name)} IS NOT NULL THEN {F(c.Name)} ELSE {ParseExpression(c, T(c.Name))} END AS {V(c.Name)}"
                : $"{ParseExpression(c, T(c.Name))} AS {V(c.Name)}");
            var (referenceJoins, resolved) = ReferenceJoins(columns);
            return $"""
                p AS (
                    SELECT r.rowid AS _rowid, r._file{extra}{string.Concat(texts.Select(x => ", " + x))}
                    FROM {raw.Name} r {joins}{string.Concat(maps)}
                ), q AS (
                    SELECT p.*{string.Concat(parsed.Select(c => $", {ParseExpression(c, S(c.Name))} AS {F(c.Name)}"))} FROM p
                ), t AS (
                    SELECT q.*{string.Concat(parsed.Select(c => $", CASE WHEN {F(c.Name)} IS NOT NULL THEN {S(c.Name)} ELSE {TrimmedText.Sql(S(c.Name))} END AS {T(c.Name)}"))} FROM q
                ), v AS (
                    SELECT t.*{string.Concat(values.Select(x => ", " + x))} FROM t
                ), j AS (
                    SELECT v.*{string.Concat(resolved.Select(x => ", " + x))} FROM v {referenceJoins}
                )
                """;
        }

        // A coded value the source's values: maps (an export's own code, lower case) read as its canonical value.
        private string Recoded(CanonicalColumn c, string lowered) =>
            source.ValueMaps.TryGetValue(c.Name, out var map) && map.Count > 0
                ? $"CASE {lowered} {string.Concat(map.Select(m => $"WHEN {Sql.Str(m.Key)} THEN {Sql.Str(m.Value)} "))}ELSE {lowered} END"
                : lowered;

        private string ParseExpression(CanonicalColumn c, string t)
        {
            return c.Kind switch
            {
                ColumnKind.Text when c.Rule == ValueRule.OneOf => Recoded(c, $"lower({t})"),
                ColumnKind.Text => t,
                ColumnKind.Code or ColumnKind.CustomerId => CodeText.Sql(t),
                ColumnKind.Date => $"CAST({ParseTimestamp(c, t)} AS DATE)",
                ColumnKind.Timestamp => ParseTimestamp(c, t),
                ColumnKind.Number => ParseNumber(t),
                _ => throw new ArgumentOutOfRangeException(nameof(c)),
            };
        }

        // Configured formats are tried alone (in a Parquet file or workbook, with the ISO text its date cells and columns
        // are written as, which configured formats, made for its text, would reject). The defaults also take two forms common
        // in exports, tried only on values the ISO formats reject: compact yyyyMMdd of exactly eight digits (SAP dates), and
        // ISO 8601 with a UTC offset, read as the wall-clock time written (the offset is not applied: an order's day is the
        // day where it was placed).
        private string ParseTimestamp(CanonicalColumn c, string t)
        {
            var formats = Formats(c);
            var parse = $"try_strptime({t}, {Sql.StrList(formats)})";
            if (source.DateFormats.ContainsKey(c.Name))
            {
                // A configured offset (zzz → %z) would make DuckDB convert the time to UTC and move an order placed at
                // 00:30+02:00 to the day before; as without formats:, the written wall-clock time is kept and the offset dropped.
                // Dropped for that layout alone: a list's dd-MM-yyyy beside it would read 31-12-2025 as 31-12 without its "-2025".
                static bool HasOffset(string f) => f.Contains("%z", StringComparison.Ordinal);
                var configured = formats.Any(HasOffset)
                    ? $"coalesce({string.Join(", ", formats.Select(f => HasOffset(f)
                        ? $"try_strptime(regexp_replace({t}, {Sql.Str(DateFormat.TrailingOffset)}, ''), {Sql.Str(f.Replace("%z", "", StringComparison.Ordinal).TrimEnd())})"
                        : $"try_strptime({t}, {Sql.Str(f)})"))})"
                    : parse;
                return source.Format == SourceFormat.Csv ? configured
                    : $"coalesce({configured}, try_strptime(regexp_replace({t}, {Sql.Str(DateFormat.SubMicroseconds)}, '\\1'), {Sql.StrList(DateFormat.TypedText)}))";
            }
            return $"""
                coalesce({parse},
                    CASE WHEN regexp_full_match({t}, {Sql.Str(DateFormat.CompactDate)}) THEN try_strptime({t}, '%Y%m%d') END,
                    CASE WHEN regexp_full_match({t}, {Sql.Str(DateFormat.IsoWithOffset)})
                         THEN try_strptime(regexp_replace(regexp_extract({t}, {Sql.Str(DateFormat.IsoWithOffset)}, 1), {Sql.Str(DateFormat.SubMicroseconds)}, '\1'), {Sql.StrList(formats)}) END,
                    CASE WHEN regexp_matches({t}, {Sql.Str(DateFormat.SubMicroseconds)}) THEN try_strptime(regexp_replace({t}, {Sql.Str(DateFormat.SubMicroseconds)}, '\1'), {Sql.StrList(formats)}) END)
                """;
        }

        private IReadOnlyList<string> Formats(CanonicalColumn c) =>
            source.DateFormats.TryGetValue(c.Name, out var formats) ? formats
            : c.Kind == ColumnKind.Date ? DateFormat.DateDefaults : DateFormat.Defaults;

        // A number in the source's culture; failing that, with the minus sign trailing (SAP writes 100- for -100), with
        // the culture's currency before or after it (CurrencyText), or in an accountant's parentheses for a credit ((45.00),
        // ($1,045.50), as NetSuite, QuickBooks and BI reports write it), each tried only on values the plain form rejects.
        // A number written correctly but beyond a double (1e400) is read as an infinity of its sign, so the range check
        // calls it invalid_value as it does 1e20, not unparseable, for which the run would advise a number culture.
        private string ParseNumber(string t)
        {
            string Cast(string text) =>
                $"CASE WHEN {NumberShape(text)}isfinite(TRY_CAST({NumberText(text)} AS DOUBLE)) THEN TRY_CAST({NumberText(text)} AS DOUBLE) " +
                $"WHEN {NumberShape(text)}regexp_full_match({NumberText(text)}, {Sql.Str(BeyondDouble)}) " +
                $"THEN CASE WHEN starts_with(ltrim({NumberText(text)}), '-') THEN '-inf'::DOUBLE ELSE 'inf'::DOUBLE END END";
            // The culture's currency beside the amount (1,02 €) is dropped last, so values without one never reach its regular expression.
            string Amount(string text) =>
                _currency.WithoutOwnSql(text) is { } stripped ? $"coalesce({Cast(text)}, {Cast(stripped)})" : Cast(text);
            // Inside the parentheses an amount without a sign: (-45) is no accountant's credit.
            var inParentheses = $"regexp_extract({t}, {Sql.Str(@"^\(\s*([^-+()\s][^()]*?)\s*\)$")}, 1)";
            var withoutCurrency = _currency.WithoutOwnSql(t) is { } stripped ? $", {Cast(stripped)}" : "";
            return $"coalesce({Cast(t)}, CASE WHEN ends_with({t}, '-') AND NOT ends_with({t}, '--') AND NOT starts_with({t}, '-') THEN -({Cast($"substr({t}, 1, length({t}) - 1)")}) END{withoutCurrency}, "
                + $"CASE WHEN starts_with({t}, '(') AND ends_with({t}, ')') THEN -({Amount(inParentheses)}) END)";
        }

        // The group separators of the source's culture; a culture grouping with a space (fr-FR: U+202F) also takes the
        // no-break space and a plain space, which exports write in its place.
        private IReadOnlyList<string> GroupSeparators()
        {
            var format = source.Culture.NumberFormat;
            var spaced = format.NumberGroupSeparator.Length == 1 && char.IsWhiteSpace(format.NumberGroupSeparator[0]);
            return new[] { format.NumberGroupSeparator, "\u00A0", "\u202F" }.Concat(spaced ? [" "] : [])
                .Distinct().Where(g => g.Length > 0 && g != format.NumberDecimalSeparator).ToList();
        }

        // In a culture other than the invariant one, a number must have the culture's shape before its separators are
        // dropped: digits grouped by threes, one decimal separator. Otherwise "2.45" under de-DE became 245 and "5,000"
        // read as en-US became 5 without a word; now they are unparseable, so validate's advice names the culture.
        private string NumberShape(string text)
        {
            if (source.Culture.Equals(CultureInfo.InvariantCulture))
                return "";
            // .NET's escaping would write "\ ", which RE2 does not read.
            var groups = string.Join("|", GroupSeparators().Select(CurrencyText.Literal));
            var decimals = CurrencyText.Literal(source.Culture.NumberFormat.NumberDecimalSeparator);
            var shape = $@"^\s*[-+]?(?:[0-9]{{1,3}}(?:(?:{groups})[0-9]{{3}})+|[0-9]*)(?:{decimals}[0-9]*)?(?:[eE][-+]?[0-9]+)?\s*$";
            return $"regexp_full_match({text}, {Sql.Str(shape)}) AND ";
        }

        // Numbers in a culture such as de-DE ("1.234,56") are rewritten to invariant text before the cast.
        private string NumberText(string text)
        {
            var format = source.Culture.NumberFormat;
            if (source.Culture.Equals(CultureInfo.InvariantCulture))
                return text;
            var expression = text;
            foreach (var group in GroupSeparators())
                expression = $"replace({expression}, {Sql.Str(group)}, '')";
            if (format.NumberDecimalSeparator != ".")
                expression = $"replace({expression}, {Sql.Str(format.NumberDecimalSeparator)}, '.')";
            return expression;
        }

        private string CustomerKey(string display) => CustomerIdKey.Sql(display, owner._customerIdRules);

        // Customer ids are resolved in their map (IdentifierMaps); other references are joined to the referenced column.
        private (string Joins, List<string> Resolved) ReferenceJoins(IEnumerable<CanonicalColumn> columns)
        {
            var joins = new List<string>();
            var resolved = new List<string>();
            foreach (var c in columns.Where(c => c.Kind != ColumnKind.CustomerId && ReferenceChecked(c)))
            {
                var alias = "ref_" + c.Name;
                joins.Add($"LEFT JOIN (SELECT DISTINCT {Sql.Id(c.ReferencedColumn!)} AS ref FROM {owner.Qualified(c.References!)}) {alias} ON {alias}.ref = v.{V(c.Name)}");
                resolved.Add($"{alias}.ref AS {R(c.Name)}");
            }
            return (string.Join("\n", joins), resolved);
        }

        // The joins and the ids, in order of priority, that resolve a customer id of the map's row k, each with whether it
        // is a crosswalk's: crosswalk by source system, master table (without one, the spelling kept for the key), then
        // crosswalk by key alone when that key names one customer. None for a column that resolves no customer.
        private (string Joins, List<(string Id, bool Crosswalk)> Candidates) ResolveCustomer(CanonicalColumn c)
        {
            var joins = new List<string>();
            var candidates = new List<(string, bool)>();
            if (!ResolvesCustomer(c))
                return ("", candidates);
            if (ResolvesBySystem(c))
            {
                joins.Add($"LEFT JOIN {owner.Qualified("id_crosswalk")} xs ON xs._system = upper(k.t_system) AND xs._key = k.k");
                candidates.Add(("xs.customer_id", true));
            }
            joins.Add(owner._loaded.Contains("customers")
                ? $"LEFT JOIN {owner.Qualified("customers")} cm ON cm._key = k.k"
                : $"LEFT JOIN {owner._spellings} cm ON cm._key = k.k");
            candidates.Add(("cm.customer_id", false));
            if (CrosswalkLoaded)
            {
                // min = max says "one customer" as count(DISTINCT) = 1 does (both ignore nulls), without a distinct set per key.
                joins.Add($"LEFT JOIN (SELECT _key, min(customer_id) AS customer_id FROM {owner.Qualified("id_crosswalk")} GROUP BY _key HAVING min(customer_id) = max(customer_id)) xa ON xa._key = k.k");
                candidates.Add(("xa.customer_id", true));
            }
            return (string.Join("\n", joins), candidates);
        }

        private bool HasResolved(CanonicalColumn c) =>
            c.References is not null && !IsSelfReference(c) && (c.Kind == ColumnKind.CustomerId || ReferenceChecked(c));

        // An optional date or number out of range is blanked (and counted as an invalid_value warning): such dates are
        // placeholders such as SAP's 9999-12-31 for "not yet", while a required one quarantines the row.
        private string FinalValue(CanonicalColumn c) =>
            HasResolved(c) ? R(c.Name)
            : IsParsed(c) && !IsRequiredForParsing(c) ? $"CASE WHEN {InRange(c)} THEN {V(c.Name)} END"
            : V(c.Name);

        // A decimal number whose exponent has three digits or more, the form of one a double cannot hold (1e400, -2.5E+308;
        // one it can hold, 1e100, the cast has read already).
        private const string BeyondDouble = @"\s*[-+]?(?:[0-9]+[.]?[0-9]*|[.][0-9]+)[eE][+]?0*[1-9][0-9]{2,}\s*";

        /// <summary>Largest magnitude a number column accepts: products and squares of such values stay finite in sums over billions of rows.</summary>
        private const string LargestNumber = "1e15";

        // Dates within DateFormat's business range, and not after tomorrow where the column says so (a delivery in 2199 is
        // a typo, as 9999-12-31 is a placeholder: an optional one is blanked alike); numbers of at most LargestNumber in
        // magnitude (1e308 would make revenue infinite and fail the run in the metrics instead of quarantining the row).
        private string InRange(CanonicalColumn c) => c.Kind == ColumnKind.Number
            ? $"abs({V(c.Name)}) <= {LargestNumber}"
            : DateFormat.InRange(V(c.Name)) + (c.Rule == ValueRule.NotInFuture ? $" AND {RuleHolds(c)}" : "");

        // The keys whose rows a setting replaces a required column for: a NULL there is no missing value, nor one outside
        // the column's rule an invalid one (a time-driven pool's "calls" for a driver).
        private string Unless(CanonicalColumn c) =>
            string.Concat(owner.ReplacedColumns.Where(e => e.Table == _table.Name && e.Column == c.Name && e.Keys.Count > 0 && source.IsMapped(e.KeyColumn))
                .Select(e => $" AND coalesce({T(e.KeyColumn)} NOT IN ({string.Join(", ", e.Keys.Select(Sql.Str))}), true)"));

        // A master drafted from the order lines (distinct) maps none of their key columns, where the order lines' totals
        // row writes its label: the file's other columns are carried to the reason, which reads them only for a row without its key.
        private IReadOnlyList<string> UnmappedHeaders =>
            source.Distinct ? [.. raw.Headers.Except(source.Columns.Values, StringComparer.Ordinal)] : [];

        private static string UnmappedLabel(int index) => "_unmapped" + index.ToString(CultureInfo.InvariantCulture);

        private string ReasonCase()
        {
            var whens = new List<string>();
            // Before missing_required: a totals row lacks its other ids, and is no row missing them but no row at all.
            if (_table.Key.FirstOrDefault() is { } label && source.IsMapped(label))
            {
                var identifiers = _table.Key.Skip(1).Concat(Mapped.Where(c => c.Required && c.Kind is ColumnKind.Code or ColumnKind.CustomerId or ColumnKind.Text).Select(c => c.Name));
                whens.Add($"WHEN {TotalsRow.Sql(T(label), identifiers.Where(i => i != label && source.IsMapped(i)).Distinct().Select(T))} THEN '{TotalsRow.Reason}'");
            }
            if (UnmappedHeaders.Count > 0 && _table.Key.Count > 0 && _table.Key.All(source.IsMapped))
                whens.Add($"WHEN {string.Join(" AND ", _table.Key.Select(k => T(k) + " IS NULL"))} "
                    + $"AND ({string.Join(" OR ", UnmappedHeaders.Select((_, i) => TotalsRow.LabelSql(UnmappedLabel(i))))}) THEN '{TotalsRow.Reason}'");
            foreach (var c in Mapped.Where(c => c.Required))
                whens.Add($"WHEN {T(c.Name)} IS NULL{Unless(c)} THEN 'missing_required:{c.Name}'");
            foreach (var group in _table.RequireOneOf)
            {
                var mapped = group.Where(source.IsMapped).ToList();
                whens.Add($"WHEN {string.Join(" AND ", mapped.Select(m => T(m) + " IS NULL"))} THEN 'missing_required:{string.Join("|", mapped)}'");
            }
            foreach (var c in Mapped.Where(c => IsRequiredForParsing(c) && c.Kind is ColumnKind.Date or ColumnKind.Timestamp or ColumnKind.Number))
                whens.Add($"WHEN {T(c.Name)} IS NOT NULL AND {V(c.Name)} IS NULL THEN 'unparseable:{c.Name}'");
            // NotInFuture is part of a date's range (InRange): it quarantines a required date here, in its place among the rules.
            foreach (var c in Mapped.Where(c => c.Rule != ValueRule.Any && (c.Rule != ValueRule.NotInFuture || IsRequiredForParsing(c))))
                whens.Add($"WHEN {V(c.Name)} IS NOT NULL AND NOT ({RuleHolds(c)}){Unless(c)} THEN 'invalid_value:{c.Name}'");
            foreach (var c in Mapped.Where(c => IsParsed(c) && IsRequiredForParsing(c)))
                whens.Add($"WHEN {V(c.Name)} IS NOT NULL AND NOT ({InRange(c)}) THEN 'invalid_value:{c.Name}'");
            // An amount against its quantity's sign (a return's positive amount) would add what the line takes back; margin
            // has no such rule, as a sale at a loss has a negative margin.
            foreach (var c in Mapped.Where(c => c.SignOf is { } of && source.IsMapped(of) && IsRequiredForParsing(c)))
                whens.Add($"WHEN {V(c.Name)} <> 0 AND ({V(c.Name)} < 0) <> ({V(c.SignOf!)} < 0) THEN 'invalid_value:{c.Name}'");
            foreach (var c in Mapped.Where(c => c.Required && HasResolved(c) && (c.Kind != ColumnKind.CustomerId || owner._loaded.Contains("customers"))))
                whens.Add($"WHEN {R(c.Name)} IS NULL THEN 'unknown_reference:{c.Name}'");
            return whens.Count == 0 ? "NULL::VARCHAR" : $"CASE {string.Join(" ", whens)} END";
        }

        private string RuleHolds(CanonicalColumn c)
        {
            var v = V(c.Name);
            return c.Rule switch
            {
                ValueRule.NonNegative => $"{v} >= 0",
                ValueRule.NonZero => $"{v} <> 0",
                ValueRule.Fraction => $"{v} BETWEEN 0 AND 1",
                ValueRule.Latitude => $"{v} BETWEEN -90 AND 90",
                ValueRule.Longitude => $"{v} BETWEEN -180 AND 180",
                ValueRule.OneOf => $"{v} IN ({string.Join(", ", c.AllowedValues.Select(Sql.Str))})",
                ValueRule.NotInFuture => $"{v} < {Metrics.CustomerMetrics.Date(owner._futureFrom)}",
                _ => "true",
            };
        }

        /// <summary>Optional-column problems that blank the value instead of quarantining the row.</summary>
        public IEnumerable<(string Name, string Condition)> WarningFlags()
        {
            foreach (var c in Mapped.Where(c => !IsRequiredForParsing(c) && IsParsed(c)))
            {
                yield return ($"unparseable:{c.Name}", $"{Sql.Id("w_unparseable_" + c.Name)}");
                yield return ($"invalid_value:{c.Name}", $"{Sql.Id("w_range_" + c.Name)}");
            }
            foreach (var c in Mapped.Where(c => !c.Required && HasResolved(c) && (c.Kind != ColumnKind.CustomerId || owner._loaded.Contains("customers"))))
                yield return ($"unknown_reference:{c.Name}", $"{Sql.Id("w_unknown_" + c.Name)}");
            foreach (var c in Mapped.Where(TakesSpelling))
                yield return (MergedSpelling + c.Name, MergedFlag(c));
        }

        // The flag of rows whose customer id was rewritten to the spelling kept for its key (from the id's map).
        private static string MergedFlag(CanonicalColumn c) => Sql.Id("w_merged_" + c.Name);

        private IEnumerable<string> WarningColumns()
        {
            foreach (var c in Mapped.Where(c => !IsRequiredForParsing(c) && IsParsed(c)))
            {
                yield return $"({T(c.Name)} IS NOT NULL AND {V(c.Name)} IS NULL) AS {Sql.Id("w_unparseable_" + c.Name)}";
                yield return $"({V(c.Name)} IS NOT NULL AND NOT ({InRange(c)})) AS {Sql.Id("w_range_" + c.Name)}";
            }
            foreach (var c in Mapped.Where(c => !c.Required && HasResolved(c) && (c.Kind != ColumnKind.CustomerId || owner._loaded.Contains("customers"))))
                yield return $"({V(c.Name)} IS NOT NULL AND {R(c.Name)} IS NULL) AS {Sql.Id("w_unknown_" + c.Name)}";
            foreach (var c in Mapped.Where(TakesSpelling))
                yield return MergedFlag(c);
        }

        /// <summary>Columns identifying a row (resolved values; the match key for customer ids); empty when the table has no usable key.</summary>
        private List<string> DuplicateKey()
        {
            var mapped = _table.Key.Where(source.IsMapped).ToList();
            if (mapped.Count == 0 || (!_table.PartialKeyAllowed && mapped.Count < _table.Key.Count))
                return [];
            return mapped.Select(KeyValue).ToList();
        }

        private string KeyValue(string column) => KeyValue(column, "");

        private string KeyValue(string column, string qualifier)
        {
            var c = _table.Column(column);
            if (column == "source_system")
                return $"upper({qualifier}{Sql.Id(column)})";
            return qualifier + (c.Kind == ColumnKind.CustomerId && !HasResolved(c) ? K(column) : Sql.Id(column));
        }

        /// <summary>
        /// The UPDATE that marks every later occurrence of a key among accepted rows as duplicate_key (the first is kept),
        /// or null when the table has no usable key or folds rows by key. Repeats are rare, so finding the repeated keys by
        /// aggregation and updating those rows is cheaper than ranking every row; grouping the keys' 64-bit hashes first
        /// (a collision only adds a key to compare) keeps the grouping by the key text to the few repeated keys.
        /// </summary>
        public string? MarkDuplicateKeys(string checkedTable)
        {
            var key = DuplicateKey();
            if (source.Distinct || key.Count == 0)
                return null;
            var qualified = _table.Key.Where(source.IsMapped).Select(k => KeyValue(k, "t.")).ToList();
            var hash = $"hash({string.Join(", ", key)})";
            // A row with a blank optional key part (an order line without line_no) has no line key to repeat: it is kept,
            // and only a repeat identical in every column is counted (ExactRepeatsWithoutKey).
            var keyed = string.Concat(OptionalKeyParts().Select(k => $" AND {k} IS NOT NULL"));
            return $"""
                UPDATE {checkedTable} t SET _reason = 'duplicate_key'
                FROM (SELECT {string.Join(", ", key.Select((k, i) => $"{k} AS _k{i}"))}, min(_rowid) AS _first
                      FROM {checkedTable}
                      WHERE _reason IS NULL{keyed} AND {hash} IN (SELECT h FROM (SELECT {hash} AS h FROM {checkedTable} WHERE _reason IS NULL{keyed}) GROUP BY h HAVING count(*) > 1)
                      GROUP BY ALL HAVING count(*) > 1) d
                WHERE t._reason IS NULL AND t._rowid > d._first AND {string.Join(" AND ", qualified.Select((k, i) => $"{k} IS NOT DISTINCT FROM d._k{i}"))}
                """;
        }

        // The mapped key columns a row may leave blank.
        private IEnumerable<string> OptionalKeyParts() =>
            _table.Key.Where(k => source.IsMapped(k) && !_table.Column(k).Required).Select(k => KeyValue(k));

        /// <summary>
        /// The query counting accepted rows that repeat an earlier one in every canonical column while a key part is blank
        /// (ARCHITECTURE.md §4: kept, counted as exact_duplicate), or null when the key has no optional part or is not checked.
        /// </summary>
        public string? ExactRepeatsWithoutKey(string checkedTable)
        {
            var optional = OptionalKeyParts().ToList();
            if (source.Distinct || DuplicateKey().Count == 0 || optional.Count == 0)
                return null;
            var columns = string.Join(", ", _table.Columns.Where(c => source.IsMapped(c.Name)).Select(c => Sql.Id(c.Name)));
            return $"""
                SELECT coalesce(sum(n - 1), 0) FROM (
                    SELECT count(*) AS n FROM {checkedTable} WHERE _reason IS NULL AND ({string.Join(" OR ", optional.Select(k => k + " IS NULL"))})
                    GROUP BY {columns})
                """;
        }

        /// <summary>Key expressions over the checked table for distinct sources.</summary>
        public List<string> KeyExpressions()
        {
            var key = DuplicateKey();
            if (key.Count == 0)
                throw new ConfigurationException($"sources.{_table.Name}: distinct needs the key ({string.Join(", ", _table.Key)}) mapped.");
            return key;
        }

        /// <summary>Mapped canonical columns that are not part of the key (their conflicts are reported for distinct sources).</summary>
        public IEnumerable<string> AttributeColumns(IReadOnlyList<string> key) =>
            Mapped.Select(c => c.Name).Where(name => !key.Contains(KeyValue(name)));

        /// <summary>Columns of the checked table that are not part of the canonical table (dropped once the checks are counted).</summary>
        public IEnumerable<string> HelperColumns() =>
            new[] { "_rowid", "_reason" }
                .Concat(HasFileColumn ? ["_file"] : [])
                .Concat(ChecksExactDuplicates ? ["_exact_duplicate"] : [])
                .Concat(MatchKeys().Select(c => "k_" + c))
                .Concat(WarningFlags().Select(w => w.Condition.Trim('"')));

        // Key columns compared by their match key (customer ids that are not resolved), kept in the checked table for the key checks.
        private IEnumerable<string> MatchKeys() =>
            _table.Key.Where(source.IsMapped).Where(k => _table.Column(k) is { Kind: ColumnKind.CustomerId } c && !HasResolved(c));

        private IEnumerable<string> ExtraColumns()
        {
            if (_table.Name == "customers")
            {
                yield return $"{K("customer_id")} AS _key";
                yield return source.IsMapped("parent_id") ? $"{K("parent_id")} AS _parent_key" : "NULL::VARCHAR AS _parent_key";
            }
            if (_table.Name == "id_crosswalk")
            {
                yield return $"upper({T("source_system")}) AS _system";
                yield return $"{K("source_customer_id")} AS _key";
            }
        }

        /// <summary>One row per key: attributes from the first row that has them.</summary>
        public string DistinctSelect(string checkedTable, IReadOnlyList<string> key)
        {
            var inner = $"SELECT *, {string.Join(", ", key.Select((k, i) => $"{k} AS _k{i}"))} FROM {checkedTable} WHERE _reason IS NULL";
            var aggregates = new List<string>();
            foreach (var c in _table.Columns.Select(c => c.Name).Concat(ExtraColumnNames()))
                aggregates.Add($"arg_min({Sql.Id(c)}, _rowid) FILTER (WHERE {Sql.Id(c)} IS NOT NULL) AS {Sql.Id(c)}");
            return $"SELECT {string.Join(", ", aggregates)} FROM ({inner}) GROUP BY {string.Join(", ", key.Select((_, i) => $"_k{i}"))}";
        }

        private IEnumerable<string> ExtraColumnNames() => _table.Name switch
        {
            "customers" => ["_key", "_parent_key"],
            "id_crosswalk" => ["_system", "_key"],
            _ => [],
        };
    }
}
