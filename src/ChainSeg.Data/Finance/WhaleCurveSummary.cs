using ChainSeg.Core.Finance;

namespace ChainSeg.Data.Finance;

/// <summary>A run's whale curve at a glance, as run_summary.json lists it under whale_curve and the console prints it.</summary>
/// <param name="Customers">Customers on the curve (those with a net contribution).</param>
/// <param name="CustomersWithoutNetContribution">Customers left off it: their net contribution is unknown (an uncosted line).</param>
/// <param name="TotalNetContribution">Σ net contribution: where the curve ends.</param>
/// <param name="PeakNetContribution">The curve's height: Σ of the positive net contributions.</param>
/// <param name="PeakPctOfTotal">Peak ÷ total (1.5 is 150 %); null when the total is 0 or less.</param>
/// <param name="PeakCustomers">The top-ranked customers it takes to reach the peak.</param>
/// <param name="PeakCustomerShare">PeakCustomers ÷ customers.</param>
/// <param name="LossCustomers">Customers with a negative net contribution.</param>
/// <param name="LossCustomerShare">LossCustomers ÷ customers.</param>
/// <param name="LossAmount">What the loss-making customers give back (a positive amount): peak − total.</param>
/// <param name="LossPctOfTotal">LossAmount ÷ total; null when the total is 0 or less.</param>
public sealed record WhaleCurveSummary(
    int Customers,
    long CustomersWithoutNetContribution,
    double TotalNetContribution,
    double PeakNetContribution,
    double? PeakPctOfTotal,
    int PeakCustomers,
    double? PeakCustomerShare,
    int LossCustomers,
    double? LossCustomerShare,
    double LossAmount,
    double? LossPctOfTotal)
{
    /// <summary>The definition the figures follow (<see cref="Metrics.MetricsOptions.WhaleCurveId"/>: the priced pools of the net contribution it ranks).</summary>
    public required string Definition { get; init; }

    /// <summary>The figures of a computed curve, money to the cent and shares to 4 decimals as the output files write them, under <paramref name="definition"/>.</summary>
    public static WhaleCurveSummary Of(WhaleCurve curve, long withoutNetContribution, string definition)
    {
        ArgumentNullException.ThrowIfNull(curve);
        static double? Share(double? v) => v is { } x ? Math.Round(x, 4) : null;
        return new(curve.Points.Count, withoutNetContribution, Math.Round(curve.Total, 2), Math.Round(curve.Peak, 2), Share(curve.PeakShare), curve.PeakCustomers,
            Share(curve.PeakCustomerShare), curve.LossCustomers, Share(curve.LossCustomerShare), Math.Round(curve.LossAmount, 2), Share(curve.LossShare)) { Definition = definition };
    }
}
