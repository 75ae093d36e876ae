namespace ChainSeg.Data.Generation;

/// <summary>
/// Settings of an <see cref="OrderSchedule"/> that yields exactly the wanted number of order lines.
/// The skeleton is cheap to replay (no formatting, no I/O), so calibration runs it: first with a rate
/// scale aiming just under the target, then with the shortfall spread as extra lines over the orders,
/// and checks the count is exact before anything is written.
/// </summary>
internal sealed record ScheduleCalibration(double RateScale, long LineAdjustment, long ExpectedOrders)
{
    // Aim slightly low: a small shortfall is absorbed by adding a line to a few orders.
    private const double Aim = 0.995;
    private const int MaxAttempts = 40;
    private const int EstimateSample = 100_000;

    public OrderSchedule CreateSchedule(CustomerBase customers, int seed) =>
        new(customers, seed, RateScale, LineAdjustment, ExpectedOrders);

    /// <exception cref="InvalidOperationException">No rate scale reaches the target (only for degenerate sizes).</exception>
    public static ScheduleCalibration Find(CustomerBase customers, int seed, long targetLines)
    {
        var scale = Aim * targetLines / ExpectedLinesAtUnitScale(customers);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var plain = OrderSchedule.Exhaust(customers, seed, scale, 0, 0);
            if (plain.SalesOrders == 0)
            {
                scale *= 4;
                continue;
            }

            // The accepted shortfall widens with each attempt: small companies fluctuate a lot from one
            // rate scale to the next, and any shortfall the orders can absorb still gives an exact count.
            var shortfall = targetLines - plain.Lines;
            if (shortfall < 0 || shortfall > ((0.02 + (0.02 * attempt)) * targetLines) + 10)
            {
                scale *= Aim * targetLines / Math.Max(1, plain.Lines);
                continue;
            }

            var calibration = new ScheduleCalibration(scale, shortfall, plain.SalesOrders);
            if (shortfall == 0 || OrderSchedule.Exhaust(customers, seed, scale, shortfall, plain.SalesOrders).Lines == targetLines)
            {
                return calibration;
            }

            scale *= 0.98;
        }

        throw new InvalidOperationException($"Could not calibrate the order schedule to {targetLines} lines for {customers.Count} customers.");
    }

    // Expected lines over the horizon at rate scale 1, from a sample of customers for large bases.
    private static double ExpectedLinesAtUnitScale(CustomerBase customers)
    {
        var calendar = BusinessCalendar.Horizon;
        var step = Math.Max(1, customers.Count / EstimateSample);
        var total = 0.0;
        for (var customer = 0; customer < customers.Count; customer += step)
        {
            var first = customers.FirstPosition(customer);
            for (var month = 0; month < BusinessCalendar.Months; month++)
            {
                var days = calendar.MonthStart(month + 1) - Math.Max(first, calendar.MonthStart(month));
                if (days > 0)
                {
                    var profile = customers.ProfileIn(customer, month);
                    var linesPerOrder = Math.Min(profile.MaxLinesPerOrder, profile.ExpectedLinesPerOrder);
                    total += OrderSchedule.Intensity(customers, customer, month, 1) * days * linesPerOrder;
                }
            }
        }

        return Math.Max(1e-9, total * step);
    }
}
