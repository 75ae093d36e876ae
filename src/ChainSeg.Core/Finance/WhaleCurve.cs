namespace ChainSeg.Core.Finance;

/// <summary>
/// A whale curve (DEFINITIONS.md Profitability): customers ranked by net contribution, largest first, with the cumulative
/// contribution as a share of the total; its peak, where it peaks and the loss tail.
/// </summary>
/// <param name="Points">Every customer, ranked (ties by customer id, ordinal).</param>
/// <param name="Total">Σ net contribution of all customers: where the curve ends.</param>
/// <param name="Peak">The curve's height: the largest running total, 0 when no customer contributes anything positive.</param>
/// <param name="PeakShare">Peak ÷ total (1.5 is 150 % of the total); null when the total is 0 or less.</param>
/// <param name="PeakCustomers">The fewest top-ranked customers that reach the peak (customers contributing 0 add nothing to it).</param>
/// <param name="PeakCustomerShare">PeakCustomers ÷ customers; null without customers.</param>
/// <param name="LossCustomers">Customers with a negative net contribution: the tail after the peak.</param>
/// <param name="LossCustomerShare">LossCustomers ÷ customers; null without customers.</param>
/// <param name="LossAmount">What the loss-making customers give back, as a positive amount: peak − total.</param>
/// <param name="LossShare">LossAmount ÷ total; null when the total is 0 or less.</param>
public sealed record WhaleCurve(
    IReadOnlyList<WhaleCurvePoint> Points,
    double Total,
    double Peak,
    double? PeakShare,
    int PeakCustomers,
    double? PeakCustomerShare,
    int LossCustomers,
    double? LossCustomerShare,
    double LossAmount,
    double? LossShare)
{
    /// <summary>Ranks the customers by net contribution and measures the curve.</summary>
    /// <exception cref="ArgumentException">A customer's net contribution is not a finite number.</exception>
    public static WhaleCurve Compute(IEnumerable<CustomerContribution> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var ranked = customers.OrderByDescending(c => c.NetContribution).ThenBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        if (ranked.FirstOrDefault(c => !double.IsFinite(c.NetContribution)) is { } bad)
            throw new ArgumentException($"Customer '{bad.CustomerId}' has net contribution {bad.NetContribution}; expected a finite number (leave unknown contributions out).", nameof(customers));
        var n = ranked.Count;
        // Positives first, so the running total rises to its peak and then falls; the peak is summed from the positives
        // alone and the loss from the negatives alone, so peak − loss is the total without a rounding residue between them.
        var peak = ranked.Where(c => c.NetContribution > 0).Sum(c => c.NetContribution);
        var loss = -ranked.Where(c => c.NetContribution < 0).Sum(c => c.NetContribution);
        var total = peak - loss;
        double? OfTotal(double amount) => total > 0 ? amount / total : null;
        double? OfCustomers(int count) => n > 0 ? (double)count / n : null;
        var points = new List<WhaleCurvePoint>(n);
        var cumulative = 0.0;
        for (var i = 0; i < n; i++)
        {
            cumulative += ranked[i].NetContribution;
            points.Add(new WhaleCurvePoint(i + 1, ranked[i].CustomerId, ranked[i].NetContribution, cumulative, OfTotal(cumulative), (double)(i + 1) / n));
        }
        var peakCustomers = ranked.Count(c => c.NetContribution > 0);
        var lossCustomers = ranked.Count(c => c.NetContribution < 0);
        return new WhaleCurve(points, total, peak, OfTotal(peak), peakCustomers, OfCustomers(peakCustomers), lossCustomers, OfCustomers(lossCustomers), loss, OfTotal(loss));
    }
}
