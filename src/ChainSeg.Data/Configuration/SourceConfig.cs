namespace ChainSeg.Data.Configuration;

/// <summary>How one export file maps onto one canonical table (<c>sources:</c> entry in chainseg.yaml).</summary>
public sealed class SourceConfig
{
    /// <summary>File path or glob, relative to the config file; .csv, .csv.gz, .parquet or .xlsx.</summary>
    public string? Path { get; set; }

    /// <summary>Canonical column name → source column header.</summary>
    /// <remarks>A key written with nothing after it (<c>columns:</c>, as a draft leaves it when nothing maps) reads as empty.</remarks>
    public Dictionary<string, string> Columns { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    /// <summary>Canonical column name → .NET custom date/time formats of the export, tried in order.</summary>
    public Dictionary<string, DateLayouts> Formats { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    /// <summary>Field delimiter of a CSV export; comma by default.</summary>
    public string? Delimiter { get; set; }

    /// <summary>Text encoding of a CSV export (utf-8, utf-16, latin-1); UTF-8 by default.</summary>
    public string? Encoding { get; set; }

    /// <summary>Worksheet name of an .xlsx export; the first sheet by default.</summary>
    public string? Sheet { get; set; }

    /// <summary>Row (1-based, as Excel or a text editor numbers it) holding the column names; the rows above it are skipped. Found from the rows' content by default.</summary>
    public int? HeaderRow { get; set; }

    /// <summary>One row per key: further rows with the same key are merged and conflicting attributes reported.</summary>
    public bool Distinct { get; set; }

    /// <summary>Number and date culture of the export (e.g. de-DE); invariant by default.</summary>
    public string? Culture { get; set; }

    /// <summary>What to do with rows identical in every column when the table has no line key: keep (warn) or quarantine.</summary>
    public string? Duplicates { get; set; }

    /// <summary>Coded column (event_type, driver) → export value → canonical value, for an export that writes its own codes (Retoure: return).</summary>
    public Dictionary<string, Dictionary<string, string?>> Values { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);
}
