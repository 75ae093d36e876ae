using System.Globalization;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// A direct cost charged (<c>costs.direct</c>) some of whose rows in the window carry no cost and are charged as 0, so their
/// customers read cheaper to serve than they are: the rows, those without a cost and the customers with the most of them.
/// </summary>
/// <param name="Name">The direct cost as <c>costs.direct</c> names it: freight or service_events.</param>
/// <param name="Charged">Every direct cost the run charges, so the fix names what is left when this one is dropped.</param>
/// <param name="Rows">The rows the cost is summed over in the window: shipment rows, or service events with a cost to record.</param>
/// <param name="Uncosted">Those of them without a cost.</param>
/// <param name="Customers">The customers (accounts, rolled up) with such a row.</param>
/// <param name="Most">The customers with the most such rows (ties by id), three at most: id, its rows and those without a cost.</param>
public sealed record DirectCostGap(string Name, DirectCosts Charged, long Rows, long Uncosted, long Customers, IReadOnlyList<(string Customer, long Rows, long Uncosted)> Most)
{
    /// <summary>The run-schema table the metrics write the rows per customer and direct cost into.</summary>
    public const string Table = "direct_cost_gaps";

    // Per direct cost: the metrics CTE and its columns counting the rows and those without a cost, and how the warning says them.
    private sealed record Source(string Cte, string RowsColumn, string UncostedColumn, string RowNoun, string Column, string Export, string Said, string Verb);

    private static readonly Dictionary<string, Source> Sources = new(StringComparer.Ordinal)
    {
        ["freight"] = new("order_stats", "shipment_rows", "unfreighted_rows", "shipment rows", "freight_cost", "shipments", "freight", "is"),
        ["service_events"] = new("events", "costable_events", "uncosted_events", "service events", "cost", "service_events", "service events", "are"),
    };

    private const int Named = 3;

    /// <summary>SQL over the customer metrics' CTEs: per customer and direct cost charged, its rows in the window and those without a cost.</summary>
    internal static string RowsSql(DirectCosts charged) => string.Join("\nUNION ALL\n", DirectCostNames.Of(charged).Select(name => RowsOf(name, Sources[name])));

    private static string RowsOf(string name, Source s) =>
        $"SELECT customer_id, {Sql.Str(name)} AS cost, {s.RowsColumn} AS cost_rows, {s.UncostedColumn} AS uncosted_rows FROM {s.Cte} WHERE {s.RowsColumn} > 0";

    /// <summary>The direct costs of the run's metrics with rows in the window without a cost, freight first; none when every row has one.</summary>
    public static IReadOnlyList<DirectCostGap> Of(DuckDBConnection connection, string runSchema, DirectCosts charged)
    {
        if (!connection.TableExists(runSchema, Table))
            return [];
        var table = $"{Sql.Id(runSchema)}.{Sql.Id(Table)}";
        var most = connection.Query($"""
            SELECT cost, customer_id, cost_rows, uncosted_rows FROM {table} WHERE uncosted_rows > 0
            QUALIFY row_number() OVER (PARTITION BY cost ORDER BY uncosted_rows DESC, customer_id) <= {Named}
            ORDER BY cost, uncosted_rows DESC, customer_id
            """, r => (Cost: r.GetString(0), Customer: r.GetString(1), Rows: r.GetInt64(2), Uncosted: r.GetInt64(3))).ToLookup(m => m.Cost);
        var gaps = connection.Query($"""
            SELECT cost, CAST(sum(cost_rows) AS BIGINT), CAST(sum(uncosted_rows) AS BIGINT), count(CASE WHEN uncosted_rows > 0 THEN 1 END)
            FROM {table} GROUP BY cost HAVING sum(uncosted_rows) > 0
            """, r => new DirectCostGap(r.GetString(0), charged, r.GetInt64(1), r.GetInt64(2), r.GetInt64(3),
                most[r.GetString(0)].Select(m => (m.Customer, m.Rows, m.Uncosted)).ToList()));
        return DirectCostNames.Of(charged).SelectMany(name => gaps.Where(g => g.Name == name)).ToList();
    }

    /// <summary>The run warning: how many rows lack a cost and whose, or that the export holds none, and the fix.</summary>
    public string Warning()
    {
        var s = Sources[Name];
        var rest = string.Join(", ", DirectCostNames.Of(Charged & ~DirectCostNames.From([Name])));
        var drop = $"leave {Name} out of costs.direct (costs: {{ direct: [{rest}] }})";
        if (Uncosted == Rows)
            return Invariant($"direct_cost_missing: none of the {Rows:N0} {s.RowNoun} in the window has a {s.Column}, so {s.Said} {s.Verb} not charged ")
                + $"(0 for every customer, though cost_to_serve's definition names it); load {s.Column} with the {s.Export} export, or {drop}.";
        var one = Uncosted == 1;
        var customers = Customers == 1
            ? Invariant($"1 customer: {Most[0].Customer} {Most[0].Uncosted:N0} of {Most[0].Rows:N0}")
            : Invariant($"{Customers:N0} customers, most: ") + string.Join(", ", Most.Select(m => Invariant($"{m.Customer} {m.Uncosted:N0} of {m.Rows:N0}")))
                + (Customers > Most.Count ? ", …" : "");
        return Invariant($"direct_cost_missing: {Uncosted:N0} of {Rows:N0} {s.RowNoun} in the window ({(double)Uncosted / Rows:P1}) ")
            + $"{(one ? "has" : "have")} no {s.Column} and {(one ? "is" : "are")} charged as 0, so {(one ? "its" : "their")} "
            + $"{(Customers == 1 ? "customer reads cheaper to serve than it is" : "customers read cheaper to serve than they are")} ({customers}); "
            + $"complete {s.Column} in the {s.Export} export, or {drop} to charge {s.Said} to no customer.";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
