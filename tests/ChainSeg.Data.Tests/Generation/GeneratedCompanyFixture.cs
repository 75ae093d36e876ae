using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChainSeg.Data.Generation;
using CsvHelper;

namespace ChainSeg.Data.Tests.Generation;

/// <summary>
/// One generated company (300 customers, 20 000 order lines) read back with CsvHelper, shared by the
/// tests of <see cref="CompanyGeneratorTests"/>. It reads the files the way a stranger would: it knows
/// ARCHITECTURE.md §3 and the id rule of the brief, not the generator's code.
/// </summary>
public sealed partial class GeneratedCompanyFixture : IDisposable
{
    public const int Customers = 300;
    public const long OrderLines = 20_000;

    public GeneratedCompanyFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "chainseg-gen-" + Guid.NewGuid().ToString("N"));
        Summary = CompanyGenerator.Generate(new GeneratorOptions(Customers, OrderLines, Seed: 7), Directory);
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.csv"))
        {
            var table = ReadCsv(file);
            Tables[Path.GetFileNameWithoutExtension(file)] = table;
        }

        foreach (var row in ReadCsv(Path.Combine(Directory, "truth", "dirty_rows.csv")).Rows)
        {
            DirtyRows[(row[0], long.Parse(row[1], CultureInfo.InvariantCulture))] = (row[2], row[3]);
        }

        foreach (var row in ReadCsv(Path.Combine(Directory, "truth", "planted_warnings.csv")).Rows)
        {
            Warnings[(row[0], long.Parse(row[1], CultureInfo.InvariantCulture))] = (row[2], row[3]);
        }

        Archetypes = ReadCsv(Path.Combine(Directory, "truth", "customer_archetypes.csv")).Rows.ToDictionary(r => r[0], r => r[1]);
        Shifts = ReadCsv(Path.Combine(Directory, "truth", "planted_shifts.csv")).Rows;

        var customers = Tables["customers"];
        foreach (var (row, number) in customers.Numbered())
        {
            if (!DirtyRows.ContainsKey(("customers", number)))
            {
                MasterIds[Standardise(row[customers.Column("customer_id")])] = row[customers.Column("customer_id")];
            }
        }

        var crosswalk = Tables["id_crosswalk"];
        foreach (var row in crosswalk.Rows)
        {
            Crosswalk[(row[crosswalk.Column("source_system")], Standardise(row[crosswalk.Column("source_customer_id")]))] = row[crosswalk.Column("customer_id")];
        }

        var products = Tables["products"];
        foreach (var (row, number) in products.Numbered())
        {
            if (!DirtyRows.ContainsKey(("products", number)))
            {
                Skus.Add(row[products.Column("sku")]);
            }
        }
    }

    public string Directory { get; }

    public GenerationSummary Summary { get; }

    public Dictionary<string, CsvTable> Tables { get; } = [];

    /// <summary>truth/dirty_rows.csv keyed by (table, 1-based row): (reason, column).</summary>
    public Dictionary<(string Table, long Row), (string Reason, string Column)> DirtyRows { get; } = [];

    /// <summary>truth/planted_warnings.csv keyed by (table, 1-based row): (kind, column).</summary>
    public Dictionary<(string Table, long Row), (string Kind, string Column)> Warnings { get; } = [];

    public Dictionary<string, string> Archetypes { get; }

    public List<string[]> Shifts { get; }

    /// <summary>Standardised key of a clean customers row to its master id.</summary>
    public Dictionary<string, string> MasterIds { get; } = [];

    /// <summary>(source system, standardised source id) to master id.</summary>
    public Dictionary<(string System, string Key), string> Crosswalk { get; } = [];

    /// <summary>SKUs of the clean products rows.</summary>
    public HashSet<string> Skus { get; } = [];

    /// <summary>
    /// The brief's identifier rule, written independently of the product: trim, upper case, drop a float
    /// suffix such as ".0", drop the separators - _ space and ., strip the configured prefix C, strip leading zeros.
    /// </summary>
    public static string Standardise(string id)
    {
        var key = id.Trim().ToUpperInvariant();
        key = FloatSuffix().Replace(key, "");
        key = Separators().Replace(key, "");
        key = key.StartsWith('C') ? key[1..] : key;
        return key.TrimStart('0');
    }

    /// <summary>Master id of a customer reference in an export, or null when it resolves to no customer.</summary>
    public string? Resolve(string sourceSystem, string customerId)
    {
        var key = Standardise(customerId);
        if (key.Length == 0)
        {
            return null;
        }

        if (Crosswalk.TryGetValue((sourceSystem, key), out var master))
        {
            return master;
        }

        return sourceSystem is "CRM" or "" && MasterIds.TryGetValue(key, out master) ? master : null;
    }

    /// <summary>
    /// Master id of a customer reference in an export without a source_system column (service events): a master id
    /// first, else the crosswalk when exactly one master customer has that id in any system; null otherwise.
    /// </summary>
    public string? ResolveUntagged(string customerId)
    {
        var key = Standardise(customerId);
        if (key.Length == 0)
        {
            return null;
        }

        if (MasterIds.TryGetValue(key, out var master))
        {
            return master;
        }

        var masters = Crosswalk.Where(x => x.Key.Key == key).Select(x => x.Value).Distinct().ToList();
        return masters.Count == 1 ? masters[0] : null;
    }

    public static CsvTable ReadCsv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions
        {
            HasHeader = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Current.ToArray());
        }

        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [GeneratedRegex(@"\.0+$")]
    private static partial Regex FloatSuffix();

    [GeneratedRegex(@"[-_ .]")]
    private static partial Regex Separators();
}

/// <summary>A CSV file as header plus raw records.</summary>
public sealed record CsvTable(string[] Header, List<string[]> Rows)
{
    public int Column(string name)
    {
        var index = Array.IndexOf(Header, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"No column {name}.");
    }

    /// <summary>Rows with their 1-based data record number.</summary>
    public IEnumerable<(string[] Row, long Number)> Numbered() => Rows.Select((row, i) => (row, i + 1L));
}
