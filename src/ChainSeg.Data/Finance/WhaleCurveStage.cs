using ChainSeg.Core.Finance;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Finance;

/// <summary>Ranks the run's customers by net contribution (customer_metrics) into the <c>whale_curve</c> table, under <paramref name="definition"/> (<see cref="Metrics.MetricsOptions.WhaleCurveId"/>).</summary>
public sealed class WhaleCurveStage(DuckDBConnection connection, string runSchema, string definition)
{
    /// <summary>Writes <c>whale_curve</c> and returns its figures; null when no customer has a net contribution (no cost pools, or no costs of goods).</summary>
    public WhaleCurveSummary? Run()
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.whale_curve (customer_rank INTEGER, customer_id VARCHAR, net_contribution DOUBLE,
                cumulative_net_contribution DOUBLE, cumulative_pct_of_total DOUBLE, customer_share DOUBLE)
            """);
        // Every customer in one read: those without a net contribution (an uncosted line) are counted off the curve.
        var customers = connection.Query($"SELECT customer_id, net_contribution FROM {s}.customer_metrics",
            r => (Id: r.GetString(0), Net: r.IsDBNull(1) ? (double?)null : r.GetDouble(1)));
        var contributions = customers.Where(c => c.Net is not null).Select(c => new CustomerContribution(c.Id, c.Net!.Value)).ToList();
        if (contributions.Count == 0)
            return null;
        var curve = WhaleCurve.Compute(contributions);
        using (var appender = connection.CreateAppender(runSchema, "whale_curve"))
        {
            foreach (var p in curve.Points)
                appender.CreateRow().AppendValue(p.Rank).AppendValue(p.CustomerId).AppendValue(p.NetContribution).AppendValue(Math.Round(p.Cumulative, 2))
                    .AppendValue(p.CumulativeShare is { } share ? Math.Round(share, 4) : null).AppendValue(Math.Round(p.CustomerShare, 4)).EndRow();
        }
        return WhaleCurveSummary.Of(curve, customers.Count - contributions.Count, definition);
    }
}
