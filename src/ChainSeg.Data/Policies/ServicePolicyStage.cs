using ChainSeg.Core.Policies;
using ChainSeg.Data.Products;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Policies;

/// <summary>
/// Writes <c>service_policies</c>: the policy of every segment of the active model (product_class <c>all</c>), and which entry
/// decided it; then a row per cell of the product axis whose class changes the segment's policy for that class's SKUs, with
/// the segment's customers who bought the class in the window.
/// </summary>
public sealed class ServicePolicyStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>The product_class of a segment's own policy row: every product class its cells leave unchanged.</summary>
    public const string AllProducts = "all";

    /// <summary>Resolves each active segment's policy, and its product class cells over <paramref name="window"/>; returns the number of segments.</summary>
    public int Run(PolicyBook book, Metrics.MetricsOptions window)
    {
        var s = Sql.Id(runSchema);
        var segments = connection.Query(
            $"SELECT segment, count(*) FROM {s}.assignments WHERE is_active_model GROUP BY ALL ORDER BY segment", r => (r.GetString(0), r.GetInt64(1)));
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.service_policies (segment VARCHAR, product_class VARCHAR, customers BIGINT, is_fallback BOOLEAN, target_definition VARCHAR,
                target DOUBLE, fulfilment_mode VARCHAR, route VARCHAR, lead_time_days INTEGER, cutoff VARCHAR, delivery_window_days INTEGER,
                priority INTEGER, surcharge VARCHAR, carries_safety_stock BOOLEAN, decided_by VARCHAR)
            """);
        // A cell serves the segment's customers who bought its class in the window: counted only when there are cells (a
        // distinct count over the window's lines cost 2 CPU s at 10 M lines, so it is not part of segment_product_mix).
        var buyers = book.ProductClasses.Count == 0 ? [] : connection.Query($"""
            SELECT a.segment, {ProductAxisStage.LineClass}, count(DISTINCT l.customer_id)
            {ProductAxisStage.ActiveSegmentLines(s, window)} AND l.quantity > 0
            GROUP BY ALL
            """, r => (Key: (r.GetString(0), r.GetString(1)), Customers: r.GetInt64(2))).ToDictionary(r => r.Key, r => r.Customers);
        using var appender = connection.CreateAppender(runSchema, "service_policies");
        foreach (var (segment, customers) in segments)
        {
            var choice = book.Resolve(segment);
            Append(appender, segment, AllProducts, customers, choice);
            foreach (var productClass in book.ProductClasses)
            {
                var cell = book.ForProductClass(productClass).Resolve(segment);
                if (!ReferenceEquals(cell, choice))
                    Append(appender, segment, productClass, buyers.GetValueOrDefault((segment, productClass)), cell);
            }
        }
        return segments.Count;
    }

    private static void Append(DuckDBAppender appender, string segment, string productClass, long customers, PolicyChoice choice)
    {
        var p = choice.Policy;
        appender.CreateRow().AppendValue(segment).AppendValue(productClass).AppendValue(customers).AppendValue(choice.IsFallback)
            .AppendValue(p.Target?.DefinitionId ?? "none").AppendValue(p.Target?.Value).AppendValue(PolicyVocabulary.Name(p.FulfilmentMode))
            .AppendValue(PolicyVocabulary.Name(p.Route)).AppendValue(p.LeadTimeDays).AppendValue(p.Cutoff.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .AppendValue(p.DeliveryWindowDays).AppendValue(p.Priority).AppendValue(p.Surcharge.ToString()).AppendValue(p.CarriesSafetyStock)
            .AppendValue(choice.Explanation).EndRow();
    }
}
