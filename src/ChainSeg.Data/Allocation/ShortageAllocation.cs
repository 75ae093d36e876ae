using System.Globalization;
using ChainSeg.Core.Allocation;
using ChainSeg.Core.Policies;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Allocation;

/// <summary>
/// Allocates short supply to open order lines by the pre-approved segment rules (<c>policies.shortage</c>: tier and minimum
/// fill per segment; a segment without a rule takes its service policy's priority as tier and no guarantee).
/// </summary>
public static class ShortageAllocation
{
    /// <summary>The segment of an open line whose customer the run has not segmented; <c>policies.shortage</c> may give it a rule.</summary>
    public const string Unassigned = "unassigned";

    /// <summary>The rules for the given segments.</summary>
    /// <exception cref="ConfigurationException">A rule is out of range.</exception>
    public static ShortageRules Rules(ChainSegConfig config, PolicyBook book, IEnumerable<string> segments, bool integerUnits)
    {
        // A share of the line's quantity: SegmentShortageRule's "must be in [0, 1]; got 50" left 0.5 to guess. Its range, worded.
        foreach (var (segment, rule) in config.Policies.Shortage)
            ShareSetting.Require(rule.MinFill, $"policies.shortage.{segment}.min_fill", SegmentShortageRule.MinimumFillRange, 50);
        try
        {
            // Every rule is made, and so checked, not only those of the segments at hand: a tier 0 for AX passed a file without AX lines.
            var configured = config.Policies.Shortage.ToDictionary(r => r.Key, r => new SegmentShortageRule(r.Key, r.Value.Tier, r.Value.MinFill), StringComparer.Ordinal);
            var rules = segments.Distinct(StringComparer.Ordinal).Select(segment => configured.TryGetValue(segment, out var rule)
                ? rule
                : new SegmentShortageRule(segment, book.Resolve(segment).Policy.Priority));
            return new ShortageRules(rules.ToList(), integerUnits);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"policies.shortage: {e.Message.Split('\n')[0].Split(" (Parameter '")[0]}");
        }
    }

    /// <summary>Allocates the supply file to the open order lines file; segments come from the store's current run.</summary>
    /// <exception cref="ConfigurationException">A file or column is missing, a value unparseable, or the rules cannot be met.</exception>
    public static ShortageAllocationResult FromFiles(ChainSegStore store, ChainSegConfig config, string supplyFile, string ordersFile, bool integerUnits)
    {
        try
        {
            return AllocateFiles(store, config, supplyFile, ordersFile, integerUnits);
        }
        catch (ArgumentException e)
        {
            // The allocator's own checks of its input (a negative supply, a line id given twice): a problem of the files.
            throw new ConfigurationException($"cannot allocate: {e.Message.Split('\n')[0].Split(" (Parameter '")[0]} Fix the supply or orders file.");
        }
    }

    private static ShortageAllocationResult AllocateFiles(ChainSegStore store, ChainSegConfig config, string supplyFile, string ordersFile, bool integerUnits)
    {
        var run = store.CurrentRun() ?? throw new ConfigurationException($"store {store.Path} has no complete run yet; run `chainseg run` first.");
        var c = store.Connection;
        var s = Sql.Id(run.Schema);
        var supplyInput = Open(supplyFile, "--supply", ["sku", "quantity"], "sku, quantity, optional location_id");
        const string ordersNeeded = "customer_id, sku, quantity, optional line_id (or order_id, line_no), location_id, requested_date, unit_margin";
        var ordersInput = Open(ordersFile, "--orders", ["customer_id", "sku", "quantity"], ordersNeeded);
        var orderColumns = ordersInput.Columns;
        // Numbers and dates are trimmed as ingestion trims them (tab, no-break space and the like), and NULL when blank.
        string Optional(string column) => orderColumns.Contains(column) ? TrimmedText.Sql($"o.{Sql.Id(column)}") : "NULL";
        // Ids are read as ingestion reads them, in both files alike: "SKU1<tab>" in one is the other's SKU1, and a SKU
        // written N/A is missing.
        string OptionalId(string column) => orderColumns.Contains(column) ? IdentifierText.Code($"o.{Sql.Id(column)}") : "NULL";
        var lineId = orderColumns.Contains("line_id") ? IdentifierText.Code("o.line_id")
            : orderColumns.Contains("order_id") ? $"{IdentifierText.Code("o.order_id")} || '/' || coalesce({OptionalId("line_no")}, CAST(o._row AS VARCHAR))"
            : "CAST(o._row AS VARCHAR)";
        // The column a missing line id is missing from: without line_id it is built from order_id (the row number never is).
        var lineIdColumn = orderColumns.Contains("line_id") ? "line_id" : "order_id";
        // Rows are numbered for the messages that name one, in the file's order as the orders' lines are.
        const int supplyRow = 3;
        var supply = c.Query($"SELECT {IdentifierText.Code("sku")}, {TrimmedText.Sql("quantity")}, {(supplyInput.Columns.Contains("location_id") ? IdentifierText.Code("location_id") : "NULL")}, row_number() OVER () FROM {supplyInput.Relation}",
            r => new SkuSupply(CsvText.Required(r, 0, supplyFile, "sku", supplyRow), Number(CsvText.Required(r, 1, supplyFile, "quantity", supplyRow), supplyFile, "quantity"), r.IsDBNull(2) ? null : r.GetString(2)));
        // Numbered before the join, so line ids and the output keep the file's order.
        var lookup = Policies.CustomerSegmentLookup.For(c, run.Schema, config.Identifiers.CustomerId, "o.customer_id");
        const int fileRow = 8; // o._row, the line's row in the file, for the messages that name it
        var lines = c.Query($"""
            SELECT {lineId}, {IdentifierText.Code("o.customer_id")}, coalesce({lookup.Segment}, {Sql.Str(Unassigned)}), {IdentifierText.Code("o.sku")}, {TrimmedText.Sql("o.quantity")}, {Optional("unit_margin")},
                   {Optional("requested_date")}, {OptionalId("location_id")}, o._row
            FROM (SELECT *, row_number() OVER () AS _row FROM {ordersInput.Relation}) o
            {lookup.Joins}
            ORDER BY o._row
            """, r => new OpenOrderLine(CsvText.Required(r, 0, ordersFile, lineIdColumn, fileRow), CsvText.Required(r, 1, ordersFile, "customer_id", fileRow), r.GetString(2),
                CsvText.Required(r, 3, ordersFile, "sku", fileRow), Number(CsvText.Required(r, 4, ordersFile, "quantity", fileRow), ordersFile, "quantity"),
                r.IsDBNull(5) ? null : Number(r.GetString(5), ordersFile, "unit_margin"),
                r.IsDBNull(6) ? null : Date(r.GetString(6), ordersFile, "requested_date"), r.IsDBNull(7) ? null : r.GetString(7)));
        // No line reached the shortage rules with no segment: "policies.shortage: Shortage rules need at least one segment.",
        // blaming a configuration that was fine.
        if (lines.Count == 0)
            throw new ConfigurationException($"{Path.GetFileName(ordersFile)} has a header but no rows: list at least one open order line to allocate ({ordersNeeded}).");
        // A header alone is an export cut short more often than a warehouse with nothing in it: it allocated nothing to every
        // line, exit 0. A SKU out of stock is a row with quantity 0 (and a SKU the file leaves out has no supply).
        if (supply.Count == 0)
            throw new ConfigurationException($"{Path.GetFileName(supplyFile)} has a header but no rows: list the supply of every SKU to allocate (sku, quantity, optional location_id), with quantity 0 for one out of stock.");
        RequireLocationsWhereSupplyHasThem(lines, supply, ordersFile, supplyFile);
        return Allocate(store, run, config, lines, supply, integerUnits);
    }

    // Supply split by location is allocated per location: a line without one would match no supply and read as a shortage
    // ("supply is 0") although the file holds units; say what is missing instead.
    private static void RequireLocationsWhereSupplyHasThem(IReadOnlyList<OpenOrderLine> lines, IReadOnlyList<SkuSupply> supply, string ordersFile, string supplyFile)
    {
        var located = supply.Where(s => s.LocationId is not null).Select(s => s.Sku).ToHashSet(StringComparer.Ordinal);
        if (lines.FirstOrDefault(l => l.LocationId is null && located.Contains(l.Sku)) is { } line)
            throw new ConfigurationException($"{Path.GetFileName(ordersFile)}: line {line.LineId} ({line.Sku}) has no location_id, while {Path.GetFileName(supplyFile)} gives {line.Sku}'s supply by location; give every line of such SKUs its location_id.");
    }

    /// <summary>
    /// A worked example from the run's own data for the demo: the order lines of the last 14 days for the 20 busiest SKUs, with
    /// supply cut to 60 % of what they ask for.
    /// </summary>
    public static ShortageAllocationResult Example(ChainSegStore store, ChainSegConfig config, DateOnly asOf)
    {
        var run = store.CurrentRun() ?? throw new ConfigurationException("no complete run to build an allocation example from.");
        var s = Sql.Id(run.Schema);
        var lines = store.Connection.Query($"""
            WITH recent AS (
                SELECT l.order_id || '/' || coalesce(l.line_no, CAST(row_number() OVER (PARTITION BY l.order_id ORDER BY l.sku) AS VARCHAR)) AS line_id,
                       l.customer_id, coalesce(a.segment, {Sql.Str(Unassigned)}) AS segment, l.sku, l.quantity, l.margin_amount / l.quantity AS unit_margin,
                       l.requested_date
                FROM {s}.order_lines l LEFT JOIN {s}.assignments a ON a.is_active_model AND a.customer_id = l.customer_id
                WHERE l.quantity > 0 AND CAST(l.order_date AS DATE) > {Metrics.CustomerMetrics.Date(asOf.AddDays(-14))}
            ), busiest AS (SELECT sku FROM recent GROUP BY sku ORDER BY sum(quantity) DESC, sku LIMIT 20)
            SELECT * FROM recent WHERE sku IN (SELECT sku FROM busiest) ORDER BY line_id
            """, r => new OpenOrderLine(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4),
                r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : DateOnly.FromDateTime(r.GetDateTime(6))));
        var supply = lines.GroupBy(l => l.Sku).Select(g => new SkuSupply(g.Key, Math.Floor(0.6 * g.Sum(l => l.Quantity)))).ToList();
        return Allocate(store, run, config, lines, supply, integerUnits: true);
    }

    private static ShortageAllocationResult Allocate(ChainSegStore store, RunRecord run, ChainSegConfig config, IReadOnlyList<OpenOrderLine> lines,
        IReadOnlyList<SkuSupply> supply, bool integerUnits)
    {
        var book = PolicyBookFactory.ForRun(store.Connection, run, config);
        var rules = Rules(config, book, lines.Select(l => l.Segment), integerUnits);
        try
        {
            return ShortageAllocator.Allocate(lines, supply, rules);
        }
        catch (AllocationInfeasibleException e)
        {
            throw new ConfigurationException($"shortage rules cannot be met: {e.Message} Lower a min_fill under policies.shortage or add supply.");
        }

    }

    /// <summary>The files <see cref="Write"/> writes: allocation_lines.csv and allocation_segments.csv.</summary>
    public static IReadOnlyList<string> Files { get; } = ["allocation_lines.csv", "allocation_segments.csv"];

    // A line's fill ratio and a segment's fill rate are both allocated units ÷ ordered units (DEFINITIONS.md fill.unit).
    private const string FillDefinition = "fill.unit";

    /// <summary>Writes allocation_lines.csv and allocation_segments.csv into <paramref name="folder"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(ShortageAllocationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        CsvText.Write(Path.Combine(folder, Files[0]),
            ["line_id", "customer_id", "segment", "sku", "location_id", "ordered", "allocated", "fill_ratio", "tier", "rule", "reason", "definition"],
            result.Lines.Zip(WrittenUnits(result.Lines), (l, units) => new object?[] { l.LineId, l.CustomerId, l.Segment, l.Sku, l.LocationId, l.Ordered, units, Math.Round(l.FillRatio, 4), l.Tier, l.Rule.ToString(), l.Reason, FillDefinition }));
        CsvText.Write(Path.Combine(folder, Files[1]),
            ["segment", "tier", "lines", "ordered", "allocated", "fill_rate", "minimum_fill", "guarantee_met", "allocated_margin", "definition"],
            result.Segments.Select(f => new object?[] { f.Segment, f.Tier, f.Lines, f.Ordered, Units(f.Allocated), Math.Round(f.FillRate, 4), f.MinimumFill, f.GuaranteeMet, f.AllocatedMargin is { } margin ? Math.Round(margin, 2) : null, FillDefinition }));
        return Files;
    }

    // The lines' units to six decimals, as Units writes them, apportioned per stock point by largest remainder so that they
    // sum to the point's allocated units: rounded one by one, three lines sharing 2 units wrote 0.666667 each, 2.000001 in all,
    // more than the stock point holds. Each line stays within a millionth of its units.
    private static double[] WrittenUnits(IReadOnlyList<LineAllocation> lines)
    {
        const double perUnit = 1e6;
        var written = new double[lines.Count];
        foreach (var point in Enumerable.Range(0, lines.Count).GroupBy(i => (lines[i].Sku, lines[i].LocationId)))
        {
            var exact = point.ToDictionary(i => i, i => Math.Max(0.0, lines[i].Allocated) * perUnit);
            var down = exact.ToDictionary(e => e.Key, e => Math.Floor(e.Value));
            var left = (long)Math.Round(exact.Values.Sum()) - (long)down.Values.Sum();
            foreach (var i in exact.Keys.OrderByDescending(i => exact[i] - down[i]).ThenBy(i => i).Take((int)Math.Max(0, left)))
                down[i] += 1;
            foreach (var (i, units) in down)
                written[i] = units / perUnit;
        }

        return written;
    }

    // The LP's quantities carry floating-point residue (2 written as 1.9999999999999996, 0 as -1E-12): six decimals are
    // finer than any unit of measure (CsvText writes a rounded -0 as 0).
    private static double Units(double quantity) => Math.Round(quantity, 6);

    private static CsvInput Open(string file, string flag, IReadOnlyList<string> required, string needed) =>
        File.Exists(file) ? CsvText.Open(file, required, needed)
        : Directory.Exists(file) ? throw new ConfigurationException($"{flag} {file} is a folder; pass the CSV in it ({needed}).")
        : throw new ConfigurationException($"file not found: {file}. Pass an existing CSV with {flag} ({needed}).");

    private static DateOnly Date(string text, string file, string column) =>
        DateFormat.TryParseIso(text, out var date)
            ? date
            : throw new ConfigurationException($"{Path.GetFileName(file)}: {column} '{text}' is not a date; write it as yyyy-MM-dd.");

    private static double Number(string text, string file, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigurationException($"{Path.GetFileName(file)}: {column} '{text}' is not a number.");
}
