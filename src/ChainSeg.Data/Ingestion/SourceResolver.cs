using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>Finds the export files of each canonical table (configured sources first, then canonical file names in the data folder) and checks the mapping against their headers.</summary>
public static class SourceResolver
{
    /// <summary>The file kinds read as exports.</summary>
    internal static readonly string[] CanonicalExtensions = [".csv", ".csv.gz", ".parquet", ".xlsx"];

    /// <summary>Field separators exports commonly use: the comma, and semicolons, tabs and pipes.</summary>
    internal static readonly char[] CommonDelimiters = [',', ';', '\t', '|'];

    /// <summary>Resolves every table that has a source; order_lines is mandatory.</summary>
    /// <exception cref="ConfigurationException">A file, column, format or option is wrong; the message names it and the fix.</exception>
    public static IReadOnlyList<ResolvedSource> Resolve(ChainSegConfig config, string? dataDirectory)
    {
        foreach (var name in config.Sources.Keys)
            CanonicalSchema.Table(name);
        if (dataDirectory is not null && File.Exists(dataDirectory))
            throw new ConfigurationException($"--data {dataDirectory} is a file; pass the folder that holds the exports ({Path.GetDirectoryName(Path.GetFullPath(dataDirectory))}), or a chainseg.yaml with --config.");
        if (dataDirectory is not null && !Directory.Exists(dataDirectory))
            throw new ConfigurationException($"data folder not found: {dataDirectory}. Pass an existing folder with --data.");

        var resolved = new List<ResolvedSource>();
        foreach (var table in CanonicalSchema.Tables)
        {
            if (config.Sources.TryGetValue(table.Name, out var source))
                resolved.Add(ResolveConfigured(table, source, config.BaseDirectory, configured: true));
            else if (dataDirectory is not null && FindCanonicalFile(dataDirectory, table.Name) is { } file)
                resolved.Add(ResolveConfigured(table, new SourceConfig { Path = file }, dataDirectory, configured: false));
        }
        if (!resolved.Any(s => s.Table.Name == "order_lines"))
        {
            // Without --data only sources: can name files: "add order_lines.csv to the data folder" named a folder nobody gave.
            if (dataDirectory is null)
                throw new ConfigurationException($"no order_lines source: {config.SourceFile ?? ConfigLoader.DefaultFileName} maps none under sources: and no --data folder was given; map it (sources: order_lines: path: FILE), or pass --data DIR with order_lines.csv (or .csv.gz, .parquet, .xlsx).");
            // --data and --out swapped, or the results passed as data: its files are outputs, not exports to draft a mapping from.
            if (File.Exists(Path.Combine(dataDirectory, Pipeline.OutputPublisher.SummaryFile)))
                throw new ConfigurationException($"no order_lines source in {dataDirectory}: it is the output folder of a run (it has {Pipeline.OutputPublisher.SummaryFile}), not a folder of exports; pass --data with the exports the run read (inputs in {Path.Combine(dataDirectory, Pipeline.OutputPublisher.SummaryFile)}).");
            var found = Directory.GetFiles(dataDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            var listing = found.Count == 0 ? "" : $" (the folder has: {FirstNames.Of(found, 10)})";
            throw new ConfigurationException($"no order_lines source in {dataDirectory}{listing}: add order_lines.csv (or .csv.gz, .parquet, .xlsx) to the data folder, or map it under sources: in chainseg.yaml (chainseg inspect {CommandArgument.Quoted(dataDirectory)} drafts it from the exports).");
        }
        // Every source's amounts are read in the reporting currency when currency: names one.
        var currency = ReportingCurrency.Of(config);
        return currency is null ? resolved : [.. resolved.Select(s => s with { Currency = currency })];
    }

    /// <summary>The files at the top of <paramref name="directory"/> a run of it reads as exports: its chainseg.yaml and every file named after a canonical table.</summary>
    public static List<string> ExportsIn(string directory) =>
        Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>()
            .Where(n => n == ConfigLoader.DefaultFileName || CanonicalSchema.Tables.Any(t => ReadsAs(n, t.Name)))
            .Order(StringComparer.Ordinal).ToList();

    private static bool ReadsAs(string fileName, string table) =>
        CanonicalExtensions.FirstOrDefault(ext => fileName.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) is { } ext
        && LooseName(fileName[..^ext.Length]) == LooseName(table);

    // The table's name as the file name, also written as headers may be ("Order Lines.CSV", "OrderLines.xlsx"); two such
    // files for one table (order_lines.csv beside order_lines.csv.gz, an old export beside a new one) leave the choice
    // to sources:, as reading either alone would silently drop the other.
    private static string? FindCanonicalFile(string directory, string table)
    {
        bool ReadsAsTable(string f) => ReadsAs(Path.GetFileName(f), table);
        // A folder with an export's name (an unzipped archive, a copy gone wrong) was passed over: the run went on without
        // the table, and for order_lines said to add the file the folder already showed.
        if (Directory.GetDirectories(directory).Where(ReadsAsTable).Order(StringComparer.Ordinal).FirstOrDefault() is { } folder)
            throw new ConfigurationException($"{Path.GetFileName(folder)} in {directory} is a folder, not an export; put the {table} export in its place, or map the file in it under sources.{table}.path in chainseg.yaml.");
        var loose = Directory.GetFiles(directory).Where(ReadsAsTable).Order(StringComparer.Ordinal).ToList();
        if (loose.Count > 1)
            throw new ConfigurationException($"{string.Join(" and ", loose.Select(Path.GetFileName))} both read as {table}; map the one to use under sources.{table}.path in chainseg.yaml.");
        return loose.SingleOrDefault();
    }

    // configured: the source is an entry under sources:, not a canonical file found in --data, which advice says to add.
    private static ResolvedSource ResolveConfigured(CanonicalTable table, SourceConfig source, string baseDirectory, bool configured)
    {
        var where = $"sources.{table.Name}";
        if (string.IsNullOrWhiteSpace(source.Path))
            throw new ConfigurationException($"{where}: path is missing. Add path: <file> (relative to the config file).");
        RequireNoLinkLoop(Path.Combine(baseDirectory, source.Path), where);
        var files = ExpandPath(source.Path, baseDirectory);
        if (files.Count == 0 && Directory.Exists(Path.Combine(baseDirectory, source.Path)))
            throw new ConfigurationException($"{where}: path {source.Path} is a folder; name the export in it (path: {source.Path.TrimEnd('/', '\\')}/{table.Name}.csv), or all of them with a pattern (*.csv).");
        if (files.Count == 0)
            throw new ConfigurationException($"{where}: file not found: {source.Path} (looked in {baseDirectory}). Fix the path.");
        foreach (var file in files)
        {
            RequireNoLinkLoop(file, where);
            RequireLinkTarget(file, where + ": ");
        }

        var format = FormatOf(files[0]);
        // Read by nobody on another format: a sheet meant for a workbook would silently name nothing.
        if (source.Sheet is not null && format != SourceFormat.Xlsx)
            throw new ConfigurationException($"{where}: sheet applies to .xlsx sources only, and {Path.GetFileName(files[0])} is not one; remove sheet: or point path: at the workbook.");
        if (source.HeaderRow is < 1)
            throw new ConfigurationException($"{where}: header_row must be a row number from 1; got {source.HeaderRow}.");
        // A Parquet file's columns are named in its schema: it has no rows above them.
        if (source.HeaderRow is not null && format == SourceFormat.Parquet)
            throw new ConfigurationException($"{where}: header_row applies to CSV and .xlsx sources only, and {Path.GetFileName(files[0])} is a Parquet file, whose columns its schema names; remove header_row:.");
        var delimiter = source.Delimiter ?? ",";
        if (delimiter is "\\t" or "tab") delimiter = "\t";
        if (delimiter.Length != 1)
            throw new ConfigurationException($"{where}: delimiter must be one character; got '{source.Delimiter}'.");
        var encoding = source.Encoding is null && format == SourceFormat.Csv && HasUtf16ByteOrderMark(files[0]) ? "utf-16" : EncodingName(source.Encoding, where);
        var culture = CultureOf(source.Culture, where);
        var duplicates = source.Duplicates?.ToLowerInvariant() switch
        {
            null or "keep" => false,
            "quarantine" => true,
            _ => throw new ConfigurationException($"{where}: duplicates must be keep or quarantine; got '{source.Duplicates}'."),
        };

        var (headers, headerLine, headerSpan) = ReadHeaders(files[0], format, delimiter, encoding, source.Sheet, where, source.HeaderRow);
        var (headerLines, headerSpans) = (new List<int> { headerLine }, new List<int> { headerSpan });
        foreach (var other in files.Skip(1))
        {
            var (otherHeaders, otherLine, otherSpan) = ReadHeaders(other, format, delimiter, encoding, source.Sheet, where, source.HeaderRow);
            if (!otherHeaders.SequenceEqual(headers))
                throw new ConfigurationException($"{where}: {Path.GetFileName(other)} has other columns than {Path.GetFileName(files[0])} ({HeaderDifference(headers, otherHeaders)}); files matched by one path must share a header.");
            headerLines.Add(otherLine);
            headerSpans.Add(otherSpan);
        }

        var header = new FoundHeader(headers, headerLine, format, delimiter, encoding, configured);
        var columns = MapColumns(table, source, header, files[0], where);
        var formats = new Dictionary<string, IReadOnlyList<string>>();
        var layouts = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (column, written) in source.Formats)
        {
            var canonical = table.Columns.FirstOrDefault(c => c.Name == column)
                ?? throw new ConfigurationException($"{where}.formats: '{column}' is not a column of {table.Name}{MetricNameSuggestion.Hint(column, table.Columns.Where(c => c.Kind is ColumnKind.Date or ColumnKind.Timestamp).Select(c => c.Name))}; expected one of: {string.Join(", ", table.Columns.Where(c => c.Kind is ColumnKind.Date or ColumnKind.Timestamp).Select(c => c.Name))}.");
            if (canonical.Kind is not (ColumnKind.Date or ColumnKind.Timestamp))
                throw new ConfigurationException($"{where}.formats: '{column}' is not a date column.");
            layouts[column] = written is null or [] || written is [var one] && string.IsNullOrWhiteSpace(one)
                ? throw new ConfigurationException($"{where}.formats.{column} is empty; write the export's date layout (e.g. dd.MM.yyyy), or leave the key out to read ISO dates.")
                : written;
            // A layout of a list is named by its place, as formats.order_date alone would leave the reader to find which.
            formats[column] = written.Select((layout, i) => (Layout: layout, Setting: written.Count == 1 ? $"{where}.formats.{column}" : $"{where}.formats.{column}[{i + 1}]"))
                .Select(w => string.IsNullOrWhiteSpace(w.Layout)
                    ? throw new ConfigurationException($"{w.Setting} is empty; write the export's date layout (e.g. dd.MM.yyyy), or remove the item.")
                    : DateFormat.ToStrptime(w.Layout, w.Setting))
                .ToList();
        }

        return new ResolvedSource(table, files, format, headers, columns)
        {
            ValueMaps = ValueMaps(table, source, where),
            HeaderLines = headerLines,
            HeaderSpans = headerSpans,
            DateFormats = formats,
            DateLayouts = layouts,
            Culture = culture,
            Delimiter = delimiter,
            Encoding = encoding,
            Sheet = source.Sheet,
            Distinct = source.Distinct,
            QuarantineExactDuplicates = duplicates,
        };
    }

    // values: maps an export's own codes (a German ERP's Retoure) onto a coded column's canonical values, compared in any
    // case as the column is; a code that maps onto no canonical value would quarantine every row it names.
    private static Dictionary<string, IReadOnlyDictionary<string, string>> ValueMaps(CanonicalTable table, SourceConfig source, string where)
    {
        var coded = table.Columns.Where(c => c.Rule == ValueRule.OneOf).ToList();
        var maps = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (column, written) in source.Values)
        {
            var canonical = coded.FirstOrDefault(c => c.Name == column)
                ?? throw new ConfigurationException(coded.Count == 0
                    ? $"{where}.values: {table.Name} has no coded column to map; remove values:."
                    : $"{where}.values: '{column}' is no coded column of {table.Name}{MetricNameSuggestion.Hint(column, coded.Select(c => c.Name))}; values: maps the codes of {string.Join(", ", coded.Select(c => c.Name))}.");
            var allowed = string.Join(", ", canonical.AllowedValues);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, target) in written ?? [])
            {
                if (string.IsNullOrWhiteSpace(target))
                    throw new ConfigurationException($"{where}.values.{column}: '{code}' maps to nothing; map it to one of {allowed}.");
                var value = target.Trim().ToLowerInvariant();
                if (!canonical.AllowedValues.Contains(value))
                    throw new ConfigurationException($"{where}.values.{column}: '{target}' is no {column}{MetricNameSuggestion.Hint(value, canonical.AllowedValues)}; map '{code}' to one of {allowed}.");
                map[code.Trim().ToLowerInvariant()] = value;
            }
            maps[column] = map;
        }
        return maps;
    }

    // How a file's header differs from the first file's: the columns it lacks and adds, or where the same columns' order
    // departs (a month exported with its columns moved), so two long headers need not be compared by eye.
    private static string HeaderDifference(IReadOnlyList<string> first, IReadOnlyList<string> other)
    {
        var lacks = first.Except(other, StringComparer.Ordinal).ToList();
        var adds = other.Except(first, StringComparer.Ordinal).ToList();
        if (lacks.Count == 0 && adds.Count == 0)
            return $"the same columns in another order: {FirstNames.Of(other.Skip(first.Zip(other).TakeWhile(p => p.First == p.Second).Count()).ToList(), 3)}";
        return string.Join("; ", new[] { lacks.Count > 0 ? $"it lacks {FirstNames.Of(lacks, 5)}" : null, adds.Count > 0 ? $"it adds {FirstNames.Of(adds, 5)}" : null }.OfType<string>());
    }

    // A loop of links (ln -s a b; ln -s b a) at the path's end, above it or matched by its pattern failed where it was
    // opened, reported without the sources key, or read as "file not found" for a path below a looping folder.
    private static void RequireNoLinkLoop(string path, string where)
    {
        if (Pipeline.RealPath.LinkLoop(path) is { } loop)
            throw new ConfigurationException($"{where}: {Pipeline.RealPath.LoopFix(loop)}");
    }

    /// <summary>Refuses an export that is a link whose target is gone: listed as a file, and File.Exists holds for it, it failed to open with .NET's "Could not find file" and exit code 1.</summary>
    /// <exception cref="ConfigurationException">The link's target does not exist; the message names both.</exception>
    internal static void RequireLinkTarget(string file, string where)
    {
        if (Pipeline.RealPath.DanglingLinkTarget(file) is { } target)
            throw new ConfigurationException($"{where}{Path.GetFileName(file)} is a link to {target}, which does not exist; point the link at the export, or replace it with the file.");
    }

    // The header a source was read with: the row it is on and how the file was read, to look for the table's columns on other rows.
    private sealed record FoundHeader(List<string> Headers, int Row, SourceFormat Format, string Delimiter, string Encoding, bool Configured);

    private static Dictionary<string, string> MapColumns(CanonicalTable table, SourceConfig source, FoundHeader found, string file, string where)
    {
        var headers = found.Headers;
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (source.Columns.Count > 0)
        {
            foreach (var (canonical, header) in source.Columns)
            {
                if (!table.Columns.Any(c => c.Name == canonical))
                    throw new ConfigurationException($"{where}.columns: '{canonical}' is not a column of {table.Name}{MetricNameSuggestion.Hint(canonical, table.Columns.Select(c => c.Name))}; expected one of: {string.Join(", ", table.Columns.Select(c => c.Name))}.");
                if (!headers.Contains(header, StringComparer.Ordinal))
                    throw new ConfigurationException(HeaderElsewhere(table, source, found, file, where) ?? $"{where}.columns.{canonical}: column '{header}' not found in {Path.GetFileName(file)}{NearestHeaderHint(header, headers)}; the file has: {HeaderList(headers)}.{NumberedHint(header, headers)}{DelimiterHint(headers, file, where)}{(headers.Count == 0 && SheetHint(table, source, file, where) is { } sheet ? " " + sheet : "")}");
                columns[canonical] = header;
            }
        }
        else
        {
            foreach (var column in table.Columns)
            {
                // The canonical name in any case, else written with spaces, hyphens or no separator ("Order ID",
                // "order-id", "OrderId"); two headers that both read as the name leave the choice to columns:.
                var exact = headers.Where(h => string.Equals(h.Trim(), column.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                // A header written twice reaches here as name and name_2 (DeduplicateHeaders): which one holds the column is
                // not for the resolver to guess (it once read quantities from a second "quantity" that held line numbers).
                exact.AddRange(exact.SelectMany(h => headers.Where(other => string.Equals(other, h + "_2", StringComparison.OrdinalIgnoreCase))).ToList());
                if (exact.Count > 1)
                    throw new ConfigurationException($"{where}: {string.Join(" and ", exact.Select(h => $"'{h}'"))} both read as {column.Name} in {Path.GetFileName(file)} (a header written twice is numbered _2); map the one to read under columns:.");
                var header = exact.SingleOrDefault();
                if (header is null)
                {
                    var loose = headers.Where(h => LooseName(h) == LooseName(column.Name)).ToList();
                    if (loose.Count > 1)
                        throw new ConfigurationException($"{where}: {string.Join(" and ", loose.Select(h => $"'{h}'"))} both read as {column.Name}; map it under columns:.");
                    header = loose.SingleOrDefault();
                }
                if (header is not null)
                    columns[column.Name] = header;
            }
        }

        // What the file holds and how to map the column: a bare "must be mapped" left the user to find both.
        string Unmapped(string problem, string it) => $"{where}: {problem} ({Path.GetFileName(file)} has: {HeaderList(headers)}). "
            + (DelimiterHint(headers, file, where) is { Length: > 0 } hint ? hint.TrimStart() : SheetHint(table, source, file, where)
                ?? (headers.Count == 0 ? $"Export the table into the sheet, or name the sheet that holds it under {where} (sheet: NAME)." : $"Map {it} under columns: (chainseg inspect {CommandArgument.Quoted(file)} drafts the mapping)."));
        if (table.Columns.Any(c => c.Required && !columns.ContainsKey(c.Name)) || table.RequireOneOf.Any(g => !g.Any(columns.ContainsKey)))
            if (HeaderElsewhere(table, source, found, file, where) is { } elsewhere)
                throw new ConfigurationException(elsewhere);
        foreach (var required in table.Columns.Where(c => c.Required && !columns.ContainsKey(c.Name)))
            throw new ConfigurationException(Unmapped($"required column '{required.Name}' is not mapped", "it"));
        foreach (var group in table.RequireOneOf.Where(g => !g.Any(columns.ContainsKey)))
            throw new ConfigurationException(Unmapped($"{(group.Count == 2 ? "neither" : "none of")} {string.Join(group.Count == 2 ? " nor " : ", ", group)} is mapped, and each row needs one", "one of them"));
        return columns;
    }

    // The header a mapping most likely meant: one differing only in case or in spaces at its edges (an export padding its
    // headers, invisible in the list, which is also cut short for a wide export), else a near spelling. A header numbered
    // apart (ROWID_2) is left to NumberedHint.
    private static string NearestHeaderHint(string header, IReadOnlyList<string> headers)
    {
        var loose = headers.Where(h => string.Equals(h.Trim(), header.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (loose.Count == 1)
            return loose[0] != loose[0].Trim() ? $" (did you mean '{loose[0]}'? quote it: the spaces at its edges are part of the header)" : Meant(loose[0]);
        return NumberedHint(header, headers).Length > 0 ? "" : MetricNameSuggestion.For(header, headers) is { } near ? Meant(near) : "";

        // A header holding a line break is shown as the YAML that names it ("Order\nID"), on the message's one line.
        static string Meant(string meant) => meant.Any(char.IsControl) ? $" (did you mean {YamlText.Scalar(meant)}? write it so, in double quotes)" : $" (did you mean '{meant}'?)";
    }

    // A header DeduplicateHeaders numbered apart (note beside Note, ROWID) is mapped by its numbered name; a header cell left
    // empty by its place (column_2), which a configuration written when it was named "column" finds listed, and which is
    // not a header written twice.
    private static string NumberedHint(string header, IReadOnlyList<string> headers)
    {
        if (string.Equals(header, EmptyHeaderName, StringComparison.OrdinalIgnoreCase)
            && headers.Where(h => System.Text.RegularExpressions.Regex.IsMatch(h, $"^{EmptyHeaderName}_[0-9]+$")).ToList() is { Count: > 0 } placed)
            return $" A header cell left empty is named by its column's number: map {string.Join(" or ", placed.Select(h => $"'{h}'"))}.";
        return headers.FirstOrDefault(h => string.Equals(h, header + "_2", StringComparison.OrdinalIgnoreCase)) is { } numbered
            ? $" A header written twice (in any case) or named {string.Join(" or ", RawTable.ReservedColumns)} is numbered: map '{numbered}'."
            : "";
    }

    // A workbook whose first sheet is not the table (a cover or notes sheet): name the sheet whose header has the table's
    // required columns, as mapped.
    private static string? SheetHint(CanonicalTable table, SourceConfig source, string file, string where)
    {
        if (FormatOf(file) != SourceFormat.Xlsx)
            return null;
        var sheet = ExcelSource.SheetHeaders(file).FirstOrDefault(s => !string.Equals(s.Sheet, source.Sheet, StringComparison.OrdinalIgnoreCase) && Holds(table, source, s.Headers)).Sheet;
        return sheet is null ? null : $"Sheet '{sheet}' has them: name it under {where} (sheet: {sheet}).";
    }

    // Whether a header has the table's required columns, as mapped (and every column mapped), or by name without a mapping.
    private static bool Holds(CanonicalTable table, SourceConfig source, List<string> headers) => source.Columns.Count > 0
        ? table.Columns.Where(c => c.Required).All(c => source.Columns.TryGetValue(c.Name, out var h) && headers.Contains(h, StringComparer.Ordinal))
            && source.Columns.Values.All(h => headers.Contains(h, StringComparer.Ordinal))
        : table.Columns.Where(c => c.Required).All(c => headers.Any(h => LooseName(h) == LooseName(c.Name)));

    // A report's title, notes or group titles above the column names: the row among the first that holds the table's
    // columns, and the setting that reads it. Named, not taken: a wrong guess would load a title or group row as data.
    private static string? HeaderElsewhere(CanonicalTable table, SourceConfig source, FoundHeader found, string file, string where)
    {
        if (HeaderRowSearch.LeadingRows(file, found.Format, found.Delimiter, found.Encoding, source.Sheet).FirstOrDefault(r => r.Row != found.Row && Holds(table, source, r.Headers)) is not { } row)
            return null;
        var name = Path.GetFileName(file);
        var place = found.Configured ? "" : $" in chainseg.yaml (with path: {name})";
        return $"{where}: {name}'s header is on row {row.Row}, not row {found.Row} (row {found.Row} holds {HeaderList(found.Headers)}): set header_row: {row.Row} under {where}{place}, so the rows above it are skipped.";
    }

    internal static string LooseName(string header) =>
        new string(header.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '.')).ToArray()).ToLowerInvariant();

    // The header as the message shows it: a file that is not text (or not in the configured encoding) would otherwise
    // print a screenful of replacement characters.
    /// <summary>Headers for a one-line message: control characters (a binary file's line breaks and escapes) as '?', at most 200 characters.</summary>
    internal static string HeaderList(IReadOnlyList<string> headers)
    {
        if (headers.Count == 0)
            return "no header, its sheet is empty";
        var text = string.Join(", ", headers);
        var printable = new string(text.Select(c => char.IsControl(c) || c == '\uFFFD' ? '?' : c).ToArray());
        return printable.Length <= 200 ? printable : printable[..200] + "…";
    }

    // A file read as one column whose name holds another separator was most likely exported with that separator
    // (semicolons in European locales, tabs, pipes); saying so saves reading the file to find out.
    private static string DelimiterHint(IReadOnlyList<string> headers, string file, string where)
    {
        if (headers.Count != 1)
            return "";
        foreach (var (separator, yaml) in new[] { (';', "';'"), ('\t', "\"\\t\""), ('|', "'|'") })
        {
            if (headers[0].Split(separator).Length >= 2)
                return $" The header looks separated by {(separator == '\t' ? "tabs" : $"'{separator}'")}: in chainseg.yaml give {where} path: {Path.GetFileName(file)} and delimiter: {yaml}.";
        }
        return "";
    }

    private static List<string> ExpandPath(string path, string baseDirectory)
    {
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (!full.Contains('*') && !full.Contains('?'))
            return File.Exists(full) ? [full] : [];
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            return [];
        return Directory.GetFiles(directory, Path.GetFileName(full)).Order(StringComparer.Ordinal).ToList();
    }

    internal static SourceFormat FormatOf(string file)
    {
        var name = file.ToLowerInvariant();
        if (name.EndsWith(".parquet", StringComparison.Ordinal)) return SourceFormat.Parquet;
        if (name.EndsWith(".xlsx", StringComparison.Ordinal)) return SourceFormat.Xlsx;
        if (name.EndsWith(".xls", StringComparison.Ordinal))
            throw new ConfigurationException($"{Path.GetFileName(file)}: the old .xls format is not supported; save it as .xlsx or CSV.");
        return SourceFormat.Csv;
    }

    // Excel's "Unicode text" and many Windows tools write little-endian UTF-16 with a byte order mark: read as UTF-8 every
    // value would be garbled, so the mark chooses the encoding when the source names none.
    private static bool HasUtf16ByteOrderMark(string file)
    {
        using var stream = OpenCsv(file);
        Span<byte> mark = stackalloc byte[2];
        return stream.ReadAtLeast(mark, 2, throwOnEndOfStream: false) == 2 && mark[0] == 0xFF && mark[1] == 0xFE;
    }

    private static string EncodingName(string? encoding, string where) => encoding?.ToLowerInvariant().Replace("_", "-") switch
    {
        null or "utf-8" or "utf8" => "utf-8",
        "utf-16" or "utf16" or "unicode" => "utf-16",
        "latin-1" or "latin1" or "iso-8859-1" or "windows-1252" or "cp1252" => "latin-1",
        _ => throw new ConfigurationException($"{where}: encoding '{encoding}' is not supported; use utf-8, utf-16 or latin-1."),
    };

    private static CultureInfo CultureOf(string? culture, string where)
    {
        if (string.IsNullOrWhiteSpace(culture) || culture.Equals("invariant", StringComparison.OrdinalIgnoreCase))
            return CultureInfo.InvariantCulture;
        try
        {
            return CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new ConfigurationException($"{where}: culture '{culture}' is unknown; use a name such as en-US, de-DE or fr-FR.");
        }
    }

    /// <summary>
    /// A file's header, the row it starts on (a CSV's physical line, a workbook's sheet row; 1 unless title lines come first,
    /// or <paramref name="headerRow"/> as configured) and the lines it spans (more than 1 where a quoted CSV header cell holds a
    /// line break); 1 and 1 for Parquet.
    /// </summary>
    internal static (List<string> Headers, int HeaderLine, int HeaderSpan) ReadHeaders(string file, SourceFormat format, string delimiter, string encoding, string? sheet, string where,
        int? headerRow = null)
    {
        try
        {
            // A binary file under a .csv name was read as text: its bytes became a header of garbage, and the message asked
            // to map a column the file could never have. UTF-16 text, configured without a byte order mark, holds NULs.
            if (format == SourceFormat.Csv && encoding != "utf-16")
            {
                using var content = OpenCsv(file);
                BinaryExport.RequireText(content, file, Prefix(where, file), otherFormats: true);
            }
            return format switch
            {
                SourceFormat.Csv => headerRow is { } row ? ReadCsvHeaderAt(file, delimiter, encoding, row) : ReadCsvHeader(file, delimiter, encoding),
                SourceFormat.Parquet => (ParquetSource.ReadHeaders(file), 1, 1),
                SourceFormat.Xlsx => WorkbookHeader(file, sheet, headerRow),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{Prefix(where, file)}cannot read {Path.GetFileName(file)}: {e.Message}");
        }
        catch (HeaderRowBeyondEndException e)
        {
            throw new ConfigurationException($"{Prefix(where, file)}header_row {e.Row} is below the last row of {Path.GetFileName(file)} (it has {e.LastRow}); give the row that holds the column names.");
        }
        catch (WorksheetNotFoundException e)
        {
            // The workbook is readable; the setting (or inspect's --sheet) names a sheet it lacks.
            var fix = where == Path.GetFileName(file) ? "pass --sheet with the one that holds the table" : $"name the one that holds the table under {where} (sheet: NAME)";
            throw new ConfigurationException($"{Prefix(where, file)}{Path.GetFileName(file)} has no worksheet '{e.Sheet}' (it has: {string.Join(", ", e.Sheets)}); {fix}.");
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException($"{Prefix(where, file)}{Path.GetFileName(file)} is not a readable {Described(format)} ({e.Message}).");
        }
    }

    // A workbook's header with its sheet row; one row, as a cell's line break is no row's.
    private static (List<string> Headers, int HeaderLine, int HeaderSpan) WorkbookHeader(string file, string? sheet, int? headerRow)
    {
        var (headers, row) = ExcelSource.ReadHeaders(file, sheet, headerRow);
        return (headers, row, 1);
    }

    // inspect's messages are placed by the file's name itself, which the message names anyway.
    private static string Prefix(string where, string file) => where == Path.GetFileName(file) ? "" : where + ": ";

    // Formats as users write them, not as the enum spells them.
    private static string Described(SourceFormat format) => format switch
    {
        SourceFormat.Csv => "CSV file",
        SourceFormat.Parquet => "Parquet file",
        _ => ".xlsx workbook",
    };

    // ERP list exports often open with a title, an export date or a blank line above the table. Such lines (at most 20)
    // are skipped when each holds at most one value and a header of at least two names follows, unless a skipped line
    // would split on another separator into more fields than that header has: a ';'-separated header read with ',' is one
    // field too, and must stay the header so the message can name its separator, while a title holding a comma
    // ("Report: Sales, Germany") above a ';' table splits into fewer. Otherwise the first line is the header.
    private static (List<string> Headers, int HeaderLine, int HeaderSpan) ReadCsvHeader(string file, string delimiter, string encoding)
    {
        using var reader = OpenCsvText(file, encoding);
        var first = ReadRecord(reader, delimiter[0], out var firstLines);
        // record starts on physical line `line` and spans `span` lines.
        var (record, line, span) = (first, 1, firstLines);
        var otherSplit = 0;
        for (var skipped = 0; skipped < 20; skipped++)
        {
            // A title is a line of one value, or of two ("Umsatzbericht;Stand 01.03.2024") above a line of at least three
            // more: a real two-column header is followed by rows like it.
            var filled = Filled(record);
            var title = filled <= 1;
            if (title)
                otherSplit = Math.Max(otherSplit, OtherSplit(record, delimiter[0]));
            if (!title && filled > 2)
                break;
            var next = ReadRecord(reader, delimiter[0], out var lines);
            var nextLine = line + span;
            // Blank lines between a title and the header belong to neither.
            while (lines > 0 && Filled(next) == 0 && !title)
            {
                nextLine += lines;
                next = ReadRecord(reader, delimiter[0], out lines);
            }
            if (lines == 0 || (!title && Filled(next) < filled + 3))
                break;
            (record, line, span) = (next, nextLine, lines);
        }
        if (first.Count == 0)
            throw new InvalidDataException("the file is empty; a header row is expected");
        return line > 1 && Filled(record) >= 2 && otherSplit <= record.Count ? (DeduplicateHeaders(record), line, span) : (DeduplicateHeaders(first), 1, firstLines);
    }

    // The header on physical line `row`, as header_row names it: the lines above are skipped whatever they hold.
    private static (List<string> Headers, int HeaderLine, int HeaderSpan) ReadCsvHeaderAt(string file, string delimiter, string encoding, int row)
    {
        using var reader = OpenCsvText(file, encoding);
        for (var line = 1; ; )
        {
            var record = ReadRecord(reader, delimiter[0], out var lines);
            if (lines == 0)
                throw new HeaderRowBeyondEndException(row, line - 1);
            if (line >= row)
                return (DeduplicateHeaders(record), line, lines);
            line += lines;
        }
    }

    private static int Filled(List<string> record) => record.Count(f => f.Trim().Length > 0);

    // The most fields a line of one value splits into on another common separator (1 when it holds none, 0 when blank).
    private static int OtherSplit(List<string> record, char delimiter) =>
        CommonDelimiters.Where(other => other != delimiter)
            .Max(other => record.Where(f => f.Trim().Length > 0).Sum(f => ReadFirstRecord(new StringReader(f), other).Count));

    /// <summary>A CSV export's bytes, decompressed when the file is .gz.</summary>
    /// <exception cref="ConfigurationException">A .gz file does not start with gzip's signature (and, when read, its compressed data is damaged).</exception>
    internal static Stream OpenCsv(string file)
    {
        var stream = File.OpenRead(file);
        if (!file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return stream;
        // Checked here, where every reader opens it: GZipStream's own error ("compressed using an unsupported
        // compression method") names neither the file nor the fix.
        Span<byte> signature = stackalloc byte[2];
        if (stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false) < 2 || signature[0] != 0x1F || signature[1] != 0x8B)
        {
            stream.Dispose();
            throw new ConfigurationException($"{Path.GetFileName(file)} is not a gzip file; compress it with gzip, or name it for what it is (.csv, .xlsx, …).");
        }
        stream.Position = 0;
        return new GzipExportStream(stream, file);
    }

    /// <summary>A CSV export's text, decompressed when the file is .gz and decoded as its configured encoding (utf-8, utf-16, latin-1) says.</summary>
    /// <exception cref="ConfigurationException">A .gz file does not start with gzip's signature (and, when read, its compressed data is damaged).</exception>
    internal static StreamReader OpenCsvText(string file, string encoding)
    {
        var textEncoding = encoding switch
        {
            "utf-16" => System.Text.Encoding.Unicode,
            "latin-1" => WindowsText.Encoding1252,
            _ => System.Text.Encoding.UTF8,
        };
        return new StreamReader(OpenCsv(file), textEncoding, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>Reads the first RFC-4180 record (the header): fields split on the delimiter, quotes doubled inside quoted fields.</summary>
    internal static List<string> ReadFirstRecord(TextReader reader, char delimiter) => ReadRecord(reader, delimiter, out _);

    /// <summary>Reads one RFC-4180 record; <paramref name="lines"/> counts the physical lines it took (a quoted field may hold line breaks; \r\n is one), 0 at the end.</summary>
    internal static List<string> ReadRecord(TextReader reader, char delimiter, out int lines) => ReadRecord(reader, delimiter, out lines, out _);

    /// <summary>As <see cref="ReadRecord(TextReader, char, out int)"/>, naming what strict CSV refuses in the record: "a quote that is never closed" or "a quote inside an unquoted field" (else null).</summary>
    internal static List<string> ReadRecord(TextReader reader, char delimiter, out int lines, out string? quoteProblem)
    {
        quoteProblem = null;
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        var read = false;
        lines = 0;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            read = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '\n') lines++;
                if (ch != '"') field.Append(ch);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (ch == '"')
            {
                if (field.Length > 0)
                    quoteProblem ??= "a quote inside an unquoted field";
                quoted = true;
            }
            else if (ch == delimiter) { fields.Add(field.ToString()); field.Clear(); }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                    reader.Read();
                break;
            }
            else field.Append(ch);
        }
        if (read)
            lines++;
        if (quoted)
            quoteProblem ??= "a quote that is never closed";
        if (fields.Count > 0 || field.Length > 0)
            fields.Add(field.ToString());
        return fields;
    }

    // What an empty header cell is named, before its column's number.
    private const string EmptyHeaderName = "column";

    /// <summary>Makes header names unique (<c>name</c>, <c>name_2</c>, …) so every source column can be addressed; an empty one is named by its column's number (<c>column_7</c>).</summary>
    /// <remarks>
    /// Unique ignoring case, as DuckDB's column names are (<c>note</c> beside <c>Note</c> is <c>note_2</c>), and apart from
    /// the columns the raw table keeps for itself (<see cref="RawTable.ReservedColumns"/>: an Oracle export's <c>ROWID</c>
    /// is <c>ROWID_2</c>). <paramref name="firstColumn"/> is the number of the first header's column (a worksheet's table
    /// may start in column B).
    /// </remarks>
    public static List<string> DeduplicateHeaders(IEnumerable<string> headers, int firstColumn = 1)
    {
        var seen = new HashSet<string>(RawTable.ReservedColumns, StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var raw in headers)
        {
            // An empty header cell over data (a currency beside its amount, a merged header's second column) is named by its
            // column's number: the user finds it by that, and the name does not hang on how many empty headers come before.
            var name = string.IsNullOrWhiteSpace(raw) ? $"{EmptyHeaderName}_{firstColumn + result.Count}" : raw;
            var candidate = name;
            for (var n = 2; !seen.Add(candidate); n++)
                candidate = $"{name}_{n}";
            result.Add(candidate);
        }
        return result;
    }
}
