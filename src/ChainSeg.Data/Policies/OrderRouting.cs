using System.Globalization;
using ChainSeg.Core.Policies;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Policies;

/// <summary>
/// Routes a file of orders: each order's customer is looked up in the current run's active segmentation, its segment's
/// policy decides route, priority, promised date (cut-off, business-day lead time, delivery window) and surcharge.
/// </summary>
public static class OrderRouting
{
    /// <summary>Columns the orders file must have (one row per order line).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["order_id", "customer_id", "order_time"];

    /// <summary>Routes every order of <paramref name="ordersFile"/> and writes the decisions to <paramref name="outputFile"/>; returns them.</summary>
    /// <exception cref="ConfigurationException">The file or a column is missing, a value unparseable, the output cannot be written, or the store has no run.</exception>
    public static IReadOnlyList<RoutingDecision> Route(ChainSegStore store, ChainSegConfig config, string ordersFile, string outputFile)
    {
        if (Directory.Exists(ordersFile))
            throw new ConfigurationException($"--orders {ordersFile} is a folder; pass the CSV of orders in it.");
        if (!File.Exists(ordersFile))
            throw new ConfigurationException($"orders file not found: {ordersFile}. Pass an existing CSV with --orders.");
        if (Directory.Exists(outputFile))
            throw new ConfigurationException($"--out {outputFile} is a folder; name the CSV to write, e.g. {Path.Combine(outputFile, "routing.csv")}.");
        RequireNothingToLose(outputFile, ordersFile, store.Path);
        Pipeline.OutputFolder.EnsureForFile(outputFile);
        var run = store.CurrentRun() ?? throw new ConfigurationException($"store {store.Path} has no complete run yet; run `chainseg run` first.");
        var s = Sql.Id(run.Schema);
        var c = store.Connection;
        var input = Allocation.CsvText.Open(ordersFile, RequiredColumns, "order_id, customer_id, order_time (yyyy-MM-dd HH:mm), optional requested_date, order_value, sku, quantity");
        var columns = input.Columns;
        // A line is a SKU and its units: a file with one column of the pair was refused on its first line for a quantity ''
        // the file has no column for.
        if (columns.Contains("sku") != columns.Contains("quantity"))
            throw new ConfigurationException($"{Path.GetFileName(ordersFile)} has {(columns.Contains("sku") ? "sku but no quantity" : "quantity but no sku")} column; order lines need both (or neither, to route by the segment alone).");
        // Dates and numbers are trimmed as ingestion trims them (tab, no-break space and the like), and NULL when blank.
        string Optional(string column, string fallback) => columns.Contains(column) ? TrimmedText.Sql($"o.{Sql.Id(column)}") : fallback;

        var book = PolicyBookFactory.ForRun(c, run, config);
        var router = new OrderRouter(book, PolicyBookFactory.Calendar(config.Policies.Calendar), ProductClasses(c, run, book));

        var lookup = CustomerSegmentLookup.For(c, run.Schema, config.Identifiers.CustomerId, "o.customer_id");
        // Ids are read as ingestion reads them: "N-1<tab>" is order N-1, and an order id or customer written N/A is missing.
        // Lines keep the file's order, which the lookup's joins do not (a run with more customers than the file has lines
        // returned an order's lines last first): an order's first line gives its time, and names it among equally slow lines.
        const int fileRow = 8; // o._row, the line's row in the file, for the messages that name it
        var rows = c.Query($"""
            SELECT {IdentifierText.Code("o.order_id")}, {IdentifierText.Code("o.customer_id")}, {lookup.Segment}, {TrimmedText.Sql("o.order_time")}, {Optional("requested_date", "NULL")}, {Optional("order_value", "NULL")},
                   {(columns.Contains("sku") ? IdentifierText.Code("o.sku") : "NULL")}, {Optional("quantity", "NULL")}, o._row
            FROM (SELECT *, row_number() OVER () AS _row FROM {input.Relation}) o
            {lookup.Joins}
            ORDER BY o._row
            """, r => (Order: Allocation.CsvText.Required(r, 0, ordersFile, "order_id", fileRow), Customer: Allocation.CsvText.Required(r, 1, ordersFile, "customer_id", fileRow),
                Segment: r.IsDBNull(2) ? null : r.GetString(2), At: Allocation.CsvText.Required(r, 3, ordersFile, "order_time", fileRow),
                Requested: r.IsDBNull(4) ? null : r.GetString(4), Value: r.IsDBNull(5) ? null : r.GetString(5),
                Sku: r.IsDBNull(6) ? null : r.GetString(6), Quantity: r.IsDBNull(7) ? null : r.GetString(7)));

        var decisions = new List<RoutingDecision>();
        foreach (var order in rows.GroupBy(r => r.Order))
        {
            var first = order.First();
            var where = $"{Path.GetFileName(ordersFile)}: order {order.Key}";
            // An order has one customer, time and value: lines that disagree were routed on the first line's without a word.
            RequireOne(order.Select(l => l.Customer), "customer_id", where);
            RequireOne(order.Select(l => l.At), "order_time", where);
            RequireOne(order.Select(l => l.Value).OfType<string>(), "order_value", where);
            var at = DateTime.TryParseExact(first.At, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t : throw new ConfigurationException($"{where}: order_time '{first.At}' is not yyyy-MM-dd HH:mm.");
            // Lines may request different dates; the order is wanted in full by its lines' latest, as the run's OTIF judges it.
            var asked = order.Select(l => l.Requested).OfType<string>()
                .Select(r => DateFormat.TryParseIso(r, out var d) ? d : throw new ConfigurationException($"{where}: requested_date '{r}' is not yyyy-MM-dd."))
                .Distinct().ToList();
            DateOnly? requested = asked.Count == 0 ? null : asked.Max();
            decimal? value = first.Value is null ? null
                : decimal.TryParse(first.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0
                    ? v : throw new ConfigurationException($"{where}: order_value '{first.Value}' is not a non-negative number.");
            var lines = order.Where(l => l.Sku is not null)
                .Select(l => new OrderLine(l.Sku!, double.TryParse(l.Quantity, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0 && double.IsFinite(q)
                    ? q : throw new ConfigurationException($"{where}: quantity '{l.Quantity}' for {l.Sku} is not a positive number.")))
                .ToList();
            try
            {
                decisions.Add(router.Route(new CustomerOrder(order.Key, first.Customer, first.Segment, at, requested, value, lines)));
            }
            catch (ArgumentOutOfRangeException e) when (e.ActualValue is DateOnly last && last == DateOnly.MaxValue)
            {
                // An order in the calendar's last days: its cut-off, lead time or window would run past 9999-12-31.
                // The date the promise was made for: the first line's named another line's, or none when it had none.
                var dates = requested is not { } latest ? $"order_time '{first.At}'"
                    : $"order_time '{first.At}' and requested_date '{DateFormat.Iso(latest)}'{(asked.Count > 1 ? " (its lines' latest)" : "")}";
                throw new ConfigurationException($"{where}: no delivery date can be promised for {dates}: no business day follows {DateFormat.Iso(last)}, the last date there is; correct the order's dates.");
            }
        }
        decisions.Sort((a, b) => string.CompareOrdinal(a.OrderId, b.OrderId));
        Write(decisions, outputFile);
        return decisions;
    }

    private static void RequireOne(IEnumerable<string> values, string column, string where)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).Take(2).ToList();
        if (distinct.Count > 1)
            throw new ConfigurationException($"{where}: its lines give {column} '{distinct[0]}' and '{distinct[1]}'; an order has one, so give every line of it the same {column} or the lines another order_id.");
    }

    // SKU → the run's product class, read only when the policies have product class cells: a line's cell can set the order's
    // promise. A run made before the product axis has no classes to read, which is said rather than routing every SKU as
    // unclassified.
    private static Dictionary<string, string>? ProductClasses(DuckDB.NET.Data.DuckDBConnection c, RunRecord run, PolicyBook book)
    {
        if (book.ProductClasses.Count == 0)
            return null;
        if (!c.TableExists(run.Schema, "product_classes"))
            throw new ConfigurationException($"run {run.RunId} has no product classes (it was made before Fisher's product axis), so policies.product_classes cannot apply; run `chainseg run` again.");
        return c.Query($"SELECT sku, product_class FROM {Sql.Id(run.Schema)}.product_classes", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
    }

    // An --out naming a file route reads or a run keeps was overwritten with the routing, exit 0: the orders themselves,
    // the store (every run's history, then "not a DuckDB database"), or an output the run published. Compared with links
    // followed: a link to one of them, or a linked folder on the way, is written through to the file itself.
    private static void RequireNothingToLose(string outputFile, string ordersFile, string storePath)
    {
        var target = Pipeline.RealPath.Of(outputFile);
        var store = Pipeline.RealPath.Of(storePath);
        var folder = Path.GetDirectoryName(target)!;
        var what = target == Pipeline.RealPath.Of(ordersFile) ? "the --orders file"
            : target == store || target.StartsWith(store + ".", StringComparison.Ordinal) ? "the run's store"
            : Pipeline.OutputPublisher.PublishedIn(folder).Any(o => Pipeline.RealPath.Of(Path.Combine(folder, o)) == target) ? "an output of the run in " + folder
            : null;
        if (what is not null)
            throw new ConfigurationException($"--out {outputFile} is {what}, which route would overwrite; name another CSV, e.g. {Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputFile))!, "routing.csv")}.");
    }

    private static void Write(IReadOnlyList<RoutingDecision> decisions, string outputFile)
    {
        Allocation.CsvText.Write(outputFile,
            ["order_id", "customer_id", "segment", "fallback_policy", "route", "fulfilment_mode", "priority", "day_zero", "earliest_delivery", "promised_date", "window_end", "surcharge", "rule"],
            decisions.Select(d => new object?[] { d.OrderId, d.CustomerId, d.Segment, d.IsFallbackPolicy, PolicyVocabulary.Name(d.Route), PolicyVocabulary.Name(d.FulfilmentMode),
                d.Priority, DateFormat.Iso(d.DayZero), DateFormat.Iso(d.EarliestDelivery), DateFormat.Iso(d.PromisedDate), DateFormat.Iso(d.WindowEnd), d.Surcharge?.ToString("0.00", CultureInfo.InvariantCulture), d.Rule }));
    }
}
