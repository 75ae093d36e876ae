using MathNet.Numerics.Distributions;

namespace ChainSeg.Data.Generation;

/// <summary>One order in time order: a sales order, or a return order that reverses one line of an earlier order.</summary>
/// <param name="Customer">Customer index.</param>
/// <param name="Position">Business-time position (see <see cref="BusinessCalendar"/>).</param>
/// <param name="Lines">Order lines (1 for a return).</param>
/// <param name="IsReturn">Whether this is a return order.</param>
/// <param name="ReturnToken">On a sales order, the token of the return it will get (-1 if none); on a return, its own token.</param>
internal readonly record struct ScheduledOrder(int Customer, double Position, int Lines, bool IsReturn, long ReturnToken);

/// <summary>
/// The skeleton of the order stream: when each customer orders, how many lines, and which orders are
/// later returned, merged over all customers in time order through a priority queue holding one pending
/// order per customer (memory O(customers), never O(lines)). Each customer is a renewal process in
/// "expected orders" time, mapped onto business time through its piecewise-constant monthly intensity
/// (rate x seasonality x trend x planted shift), so seasonality, late starts, churn and growth need no
/// special cases. The same inputs always give the same skeleton, which lets the calibration replay it.
/// </summary>
internal sealed class OrderSchedule
{
    private const double BusinessDaysPerMonth = 21;
    private const double TrendPerYear = 0.06;
    private const double MinReturnDelay = 3;
    private const double MaxReturnDelay = 20;

    // Erratic project customers: bursts of orders in quick succession (short gaps with this probability,
    // a tenth of the mean gap) separated by long silences; the mean gap stays 1 expected order.
    private const double BurstContinuation = 0.7;
    private const double BurstGap = 0.1;
    private static readonly double SilenceGap = (1 - (BurstContinuation * BurstGap)) / (1 - BurstContinuation);

    private readonly CustomerBase customers;
    private readonly double rateScale;
    private readonly long lineAdjustment;
    private readonly double adjustmentHorizon;
    private readonly Random random;
    // Ties in position are decided by the heap itself, which is deterministic for a deterministic sequence of operations.
    private readonly PriorityQueue<(int Customer, long ReturnToken), double> queue = new();
    private readonly BusinessCalendar calendar = BusinessCalendar.Horizon;
    private long returnTokens;

    /// <param name="customers">Who orders.</param>
    /// <param name="seed">Generation seed.</param>
    /// <param name="rateScale">Common factor on every customer's order rate, set by calibration.</param>
    /// <param name="lineAdjustment">Extra lines spread over the sales orders so the total hits the target exactly.</param>
    /// <param name="expectedOrders">Sales orders of this skeleton without adjustment, to spread the extra lines evenly.</param>
    public OrderSchedule(CustomerBase customers, int seed, double rateScale, long lineAdjustment, long expectedOrders)
    {
        this.customers = customers;
        this.rateScale = rateScale;
        this.lineAdjustment = lineAdjustment;
        // Spread over the first 90 % of orders so the last ones can absorb what full orders could not.
        adjustmentHorizon = Math.Max(1, 0.9 * expectedOrders);
        random = new Random(StableHash.StreamSeed(seed, RandomStream.Schedule));
        for (var customer = 0; customer < customers.Count; customer++)
        {
            var start = customers.FirstPosition(customer);
            var first = Advance(customer, start, random.NextDouble() * DrawGap(customer, start));
            Enqueue(customer, first);
        }
    }

    /// <summary>Order lines scheduled so far, return lines included.</summary>
    public long Lines { get; private set; }

    public long SalesOrders { get; private set; }

    public long ReturnOrders { get; private set; }

    /// <summary>Extra lines applied so far; equals the requested adjustment once the schedule is exhausted, unless orders were too full.</summary>
    public long AppliedAdjustment { get; private set; }

    public bool TryNext(out ScheduledOrder order)
    {
        if (!queue.TryDequeue(out var element, out var position))
        {
            order = default;
            return false;
        }

        var customer = element.Customer;
        if (element.ReturnToken >= 0)
        {
            ReturnOrders++;
            Lines++;
            order = new ScheduledOrder(customer, position, 1, IsReturn: true, element.ReturnToken);
            return true;
        }

        var profile = customers.ProfileIn(customer, calendar.MonthOf(position));
        var lines = Adjust(DrawLines(profile), profile.MaxLinesPerOrder);
        var returnToken = -1L;
        if (random.NextDouble() < profile.ReturnProbability)
        {
            var returnPosition = position + MinReturnDelay + (random.NextDouble() * (MaxReturnDelay - MinReturnDelay));
            if (returnPosition < calendar.BusinessDays)
            {
                returnToken = returnTokens++;
                queue.Enqueue((customer, returnToken), returnPosition);
            }
        }

        Enqueue(customer, Advance(customer, position, DrawGap(customer, position)));
        SalesOrders++;
        Lines += lines;
        order = new ScheduledOrder(customer, position, lines, IsReturn: false, returnToken);
        return true;
    }

    /// <summary>Runs a skeleton to its end and counts it, without the order details.</summary>
    public static OrderSchedule Exhaust(CustomerBase customers, int seed, double rateScale, long lineAdjustment, long expectedOrders)
    {
        var schedule = new OrderSchedule(customers, seed, rateScale, lineAdjustment, expectedOrders);
        while (schedule.TryNext(out _))
        {
        }

        return schedule;
    }

    /// <summary>Expected orders per business day in a horizon month.</summary>
    public static double Intensity(CustomerBase customers, int customer, int month, double rateScale)
    {
        var profile = customers.ProfileIn(customer, month);
        var trend = 1 + (TrendPerYear * (month - 11.5) / 12);
        return rateScale * profile.OrdersPerMonth / BusinessDaysPerMonth
            * profile.Traits.Seasonality[month % 12] * trend * customers.RateMultiplierIn(customer, month);
    }

    private int Adjust(int lines, int maxLines)
    {
        if (lineAdjustment <= 0)
        {
            return lines;
        }

        var due = (long)Math.Ceiling(lineAdjustment * Math.Min(1, (SalesOrders + 1) / adjustmentHorizon));
        var extra = (int)Math.Clamp(due - AppliedAdjustment, 0, Math.Max(0, maxLines - lines));
        AppliedAdjustment += extra;
        return lines + extra;
    }

    private int DrawLines(CustomerProfile profile)
    {
        var mean = profile.LinesPerOrder - 1;
        if (profile.Traits.GapShape == 0)
        {
            // Project orders vary in size more than Poisson: a gamma-mixed Poisson (negative binomial).
            mean *= Gamma.Sample(random, 1.5, 1.5);
        }

        var extra = mean > 0 ? Poisson.Sample(random, mean) : 0;
        return Math.Min(profile.MaxLinesPerOrder, 1 + extra);
    }

    // Gap to the next order in units of expected orders (mean 1).
    private double DrawGap(int customer, double position)
    {
        var shape = customers.ProfileIn(customer, calendar.MonthOf(position)).Traits.GapShape;
        if (shape > 0)
        {
            return Gamma.Sample(random, shape, shape);
        }

        var mean = random.NextDouble() < BurstContinuation ? BurstGap : SilenceGap;
        return -mean * Math.Log(1 - random.NextDouble());
    }

    // Moves forward until the customer's intensity has accumulated the gap; +infinity past the horizon.
    private double Advance(int customer, double position, double gap)
    {
        if (position >= calendar.BusinessDays)
        {
            return double.PositiveInfinity;
        }

        var month = calendar.MonthOf(position);
        while (month < BusinessCalendar.Months)
        {
            var monthEnd = calendar.MonthStart(month + 1);
            var intensity = Intensity(customers, customer, month, rateScale);
            if (intensity > 0)
            {
                var reached = position + (gap / intensity);
                if (reached < monthEnd)
                {
                    return reached;
                }

                gap -= intensity * (monthEnd - position);
            }

            position = monthEnd;
            month++;
        }

        return double.PositiveInfinity;
    }

    private void Enqueue(int customer, double position)
    {
        if (position < calendar.BusinessDays)
        {
            queue.Enqueue((customer, -1), position);
        }
    }
}
