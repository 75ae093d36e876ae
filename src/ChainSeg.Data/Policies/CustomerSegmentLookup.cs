using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Policies;

/// <summary>
/// Finds the active model's segment of a customer id as an order file writes it. The id is taken as written first; else
/// by the key ingestion matches ids on (the run's <c>identifiers:</c> rules: case, separators, prefixes, leading zeros),
/// among the run's customers and the crosswalk's source ids, when that key names one customer. Without this, "C00007" or
/// a CRM's "7" for C-00007 fell to the fallback policy while the run had segmented C-00007.
/// </summary>
internal sealed class CustomerSegmentLookup(string joins, string segment)
{
    /// <summary>LEFT JOINs onto the caller's rows.</summary>
    public string Joins { get; } = joins;

    /// <summary>SQL of the segment (null when the customer is not in the run).</summary>
    public string Segment { get; } = segment;

    /// <summary>The lookup for the id expression <paramref name="id"/> (over the caller's rows, as written there) in a run's schema.</summary>
    public static CustomerSegmentLookup For(DuckDBConnection connection, string runSchema, CustomerIdRules rules, string id)
    {
        var s = Sql.Id(runSchema);
        // The id as ingestion stores it: 17850.0 is 17850, whose key the run's customer has, where the key of 17850.0 as
        // written (178500, its '.' dropped as a separator) is another customer's; a placeholder such as NULL is no customer.
        id = IdentifierText.Code(id);
        var active = $"(SELECT customer_id, segment FROM {s}.assignments WHERE is_active_model)";
        var crosswalk = connection.TableExists(runSchema, "id_crosswalk")
            ? $" UNION ALL SELECT {CustomerIdKey.Sql("source_customer_id", rules)}, customer_id FROM {s}.id_crosswalk"
            : "";
        var keys = $"""
            (SELECT k, min(customer_id) AS customer_id FROM (SELECT {CustomerIdKey.Sql("customer_id", rules)} AS k, customer_id FROM {active}{crosswalk})
             GROUP BY k HAVING min(customer_id) = max(customer_id))
            """;
        var joins = $"""
            LEFT JOIN {active} lookup_exact ON lookup_exact.customer_id = {id}
            LEFT JOIN {keys} lookup_key ON lookup_exact.customer_id IS NULL AND lookup_key.k = {CustomerIdKey.Sql(id, rules)}
            LEFT JOIN {active} lookup_keyed ON lookup_keyed.customer_id = lookup_key.customer_id
            """;
        return new CustomerSegmentLookup(joins, "coalesce(lookup_exact.segment, lookup_keyed.segment)");
    }
}
