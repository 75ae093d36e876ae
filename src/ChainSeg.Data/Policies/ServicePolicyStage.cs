using ChainSeg.Core.Policies;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Policies;

/// <summary>Writes <c>service_policies</c>: the policy of every segment of the active model, and which entry decided it.</summary>
public sealed class ServicePolicyStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>Resolves each active segment's policy; returns the number of segments.</summary>
    public int Run(PolicyBook book)
    {
        var s = Sql.Id(runSchema);
        var segments = connection.Query(
            $"SELECT segment, count(*) FROM {s}.assignments WHERE is_active_model GROUP BY ALL ORDER BY segment", r => (r.GetString(0), r.GetInt64(1)));
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.service_policies (segment VARCHAR, customers BIGINT, is_fallback BOOLEAN, target_definition VARCHAR,
                target DOUBLE, fulfilment_mode VARCHAR, route VARCHAR, lead_time_days INTEGER, cutoff VARCHAR, delivery_window_days INTEGER,
                priority INTEGER, surcharge VARCHAR, carries_safety_stock BOOLEAN, decided_by VARCHAR)
            """);
        using var appender = connection.CreateAppender(runSchema, "service_policies");
        foreach (var (segment, customers) in segments)
        {
            var choice = book.Resolve(segment);
            var p = choice.Policy;
            appender.CreateRow().AppendValue(segment).AppendValue(customers).AppendValue(choice.IsFallback)
                .AppendValue(p.Target?.DefinitionId ?? "none").AppendValue(p.Target?.Value).AppendValue(PolicyVocabulary.Name(p.FulfilmentMode))
                .AppendValue(PolicyVocabulary.Name(p.Route)).AppendValue(p.LeadTimeDays).AppendValue(p.Cutoff.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
                .AppendValue(p.DeliveryWindowDays).AppendValue(p.Priority).AppendValue(p.Surcharge.ToString()).AppendValue(p.CarriesSafetyStock)
                .AppendValue(choice.Explanation).EndRow();
        }
        return segments.Count;
    }
}
