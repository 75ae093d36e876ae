using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Segmentation;

/// <summary>Reads metrics tables computed in DuckDB into the in-memory shape the classifiers take.</summary>
public static class MetricSnapshotReader
{
    /// <summary>Reads <c>customer_metrics{suffix}</c> and <c>customer_period_demand{suffix}</c> of a run schema.</summary>
    public static MetricSnapshot Read(DuckDBConnection connection, string runSchema, MetricsOptions options, string suffix = "")
    {
        var s = Sql.Id(runSchema);
        var numeric = connection.Query(
            $"""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = {Sql.Str(runSchema)} AND table_name = {Sql.Str("customer_metrics" + suffix)}
              AND data_type IN ('DOUBLE', 'BIGINT', 'INTEGER', 'HUGEINT', 'FLOAT', 'SMALLINT') OR (table_schema = {Sql.Str(runSchema)}
              AND table_name = {Sql.Str("customer_metrics" + suffix)} AND data_type LIKE 'DECIMAL%')
            ORDER BY ordinal_position
            """, r => r.GetString(0));
        var ids = new List<string>();
        var values = numeric.Select(_ => new List<double>()).ToArray();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, {string.Join(", ", numeric.Select(c => $"CAST({Sql.Id(c)} AS DOUBLE)"))} FROM {s}.{Sql.Id("customer_metrics" + suffix)} ORDER BY customer_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
                for (var c = 0; c < numeric.Count; c++)
                    values[c].Add(reader.IsDBNull(c + 1) ? double.NaN : reader.GetDouble(c + 1));
            }
        }
        var metrics = new CustomerMetricSet(ids, numeric.Select((name, c) => new MetricColumn(name, values[c])));

        // customer_period_demand holds the observed periods; the series has customer_metrics.periods values, the rest zero.
        var demand = new Dictionary<string, List<(int Period, double Demand)>>(StringComparer.Ordinal);
        var measure = options.DemandMeasure == "revenue" ? "revenue" : "units";
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, CAST(period_index AS INTEGER), CAST({measure} AS DOUBLE) FROM {s}.{Sql.Id("customer_period_demand" + suffix)} ORDER BY customer_id, period_index";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!demand.TryGetValue(id, out var observed))
                    demand[id] = observed = [];
                observed.Add((reader.GetInt32(1) - 1, reader.GetDouble(2)));
            }
        }
        var periods = metrics.HasMetric("periods") ? metrics.Column("periods") : null;
        var aligned = ids.Select((id, i) => demand.TryGetValue(id, out var observed)
            ? DemandSeries.FromObservedPeriods(id, (int)periods![i], observed)
            : new DemandSeries(id, [])).ToList();
        return new MetricSnapshot(options.AsOf, options.WindowStart, metrics, aligned, DemandBucket.Parse(options.Bucket));
    }
}
