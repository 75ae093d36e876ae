using ChainSeg.Core.Finance;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Finance;

/// <summary>Ranks the run's customers by net contribution (customer_metrics) into the <c>whale_curve</c> table.</summary>
public sealed class WhaleCurveStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>Writes <c>whale_curve</c> and returns its figures; null when no customer has a net contribution (no cost pools, or no costs of goods).</summary>
    public WhaleCurveSummary? Run()
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.whale_curve (customer_rank INTEGER, customer_id VARCHAR, net_contribution DOUBLE,
                cumulative_net_contribution DOUBLE, cumulative_pct_of_total DOUBLE, customer_share DOUBLE)
            """);
        var contributions = connection.Query($"SELECT customer_id, net_contribution FROM {s}.customer_metrics WHERE net_contribution IS NOT NULL",
            r => new CustomerContribution(r.GetString(0), r.GetDouble(1)));
        if (contributions.Count == 0)
            return null;
        var curve = WhaleCurve.Compute(contributions);
        using (var appender = connection.CreateAppender(runSchema, "whale_curve"))
        {
            foreach (var p in curve.Points)
                appender.CreateRow().AppendValue(p.Rank).AppendValue(p.CustomerId).AppendValue(p.NetContribution).AppendValue(Math.Round(p.Cumulative, 2))
                    .AppendValue(p.CumulativeShare is { } share ? Math.Round(share, 4) : null).AppendValue(Math.Round(p.CustomerShare, 4)).EndRow();
        }
        var unknown = connection.ScalarLong($"SELECT count(*) FROM {s}.customer_metrics WHERE net_contribution IS NULL");
        return WhaleCurveSummary.Of(curve, unknown);
    }
}
