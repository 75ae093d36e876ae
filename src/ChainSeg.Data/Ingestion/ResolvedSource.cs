using System.Globalization;

namespace ChainSeg.Data.Ingestion;

/// <summary>Kind of export file.</summary>
public enum SourceFormat
{
    /// <summary>Delimited text, optionally gzip-compressed.</summary>
    Csv,
    /// <summary>Apache Parquet.</summary>
    Parquet,
    /// <summary>Excel 2007+ workbook.</summary>
    Xlsx,
}

/// <summary>A source after its configuration was checked against the files: everything ingestion needs for one canonical table.</summary>
public sealed record ResolvedSource(
    CanonicalTable Table,
    IReadOnlyList<string> Files,
    SourceFormat Format,
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>strptime formats to try per canonical date column.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DateFormats { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The date layouts per canonical date column as chainseg.yaml writes them (dd.MM.yyyy), for advice that names them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DateLayouts { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Per coded column, the export's values (lower case) → canonical values, from the source's <c>values:</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ValueMaps { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Culture of numbers in the export.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>The reporting currency (currency:), whose amounts are read in place of the culture's; null for the culture's own.</summary>
    public string? Currency { get; init; }

    /// <summary>CSV field delimiter.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>CSV encoding as DuckDB names it (utf-8, utf-16, latin-1).</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>Per file, the row of the header (a CSV's physical line, a workbook's sheet row; 1 unless title lines come first); data start on the next.</summary>
    public IReadOnlyList<int> HeaderLines { get; init; } = [];

    /// <summary>The header line of file <paramref name="index"/>.</summary>
    public int HeaderLine(int index) => index < HeaderLines.Count ? HeaderLines[index] : 1;

    /// <summary>Per file, the physical lines a CSV's header spans: more than 1 where a quoted header cell holds a line break.</summary>
    public IReadOnlyList<int> HeaderSpans { get; init; } = [];

    /// <summary>The lines the header of file <paramref name="index"/> spans.</summary>
    public int HeaderSpan(int index) => index < HeaderSpans.Count ? HeaderSpans[index] : 1;

    /// <summary>Excel worksheet, or null for the first.</summary>
    public string? Sheet { get; init; }

    /// <summary>Rows are folded by key (one row per key).</summary>
    public bool Distinct { get; init; }

    /// <summary>Rows identical in every column are quarantined instead of counted as a warning.</summary>
    public bool QuarantineExactDuplicates { get; init; }

    /// <summary>Short description for messages: file name(s).</summary>
    public string DisplayName => Files.Count == 1 ? Path.GetFileName(Files[0]) : $"{Files.Count} files ({Path.GetFileName(Files[0])}, …)";

    /// <summary>Whether a canonical column is mapped to a source column.</summary>
    public bool IsMapped(string canonicalColumn) => Columns.ContainsKey(canonicalColumn);

    /// <summary>Key used to share one raw load between tables fed by the same file with the same reading options.</summary>
    /// <remarks>The culture is one of them: a Parquet or Excel load writes its numbers with the culture's decimal separator.</remarks>
    public string RawKey => string.Join("|", Files) + "|" + Format + "|" + Delimiter + "|" + Encoding + "|" + Sheet + "|" + Culture.Name + "|" + string.Join(",", HeaderLines);

    /// <summary>Rows above the header in every file (titles, notes, blank and group rows), skipped and not counted as read.</summary>
    public long RowsAboveHeader => Files.Select((_, i) => (long)HeaderLine(i) - 1).Sum();
}
