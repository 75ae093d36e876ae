using System.Globalization;
using ChainSeg.Core.Products;

namespace ChainSeg.Core.Policies;

/// <summary>
/// Routes orders by their segment's service policy: route, priority, surcharge and the promised delivery date
/// (cut-off → day 0, lead time in business days, requested date if later, delivery window), each with the rule that decided.
/// With product class cells in the book, each line's SKU takes its class's cell of the segment, and the line with the
/// longest lead time sets the order's promise and fulfilment mode (route, cut-off, window, priority and surcharge stay the
/// segment's): the order is delivered in full, so its slowest line decides.
/// </summary>
/// <param name="book">Segment → policy, with the fallback for segments without one, and any product class cells.</param>
/// <param name="calendar">Business days of the shipping site.</param>
/// <param name="productClasses">SKU → product class (Fisher's axis); a SKU without one is <see cref="FisherProductClass.Unclassified"/>. Null reads no cells.</param>
public sealed class OrderRouter(PolicyBook book, BusinessCalendar calendar, IReadOnlyDictionary<string, string>? productClasses = null)
{
    private readonly PolicyBook _book = book ?? throw new ArgumentNullException(nameof(book));
    private readonly BusinessCalendar _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>Routes one order.</summary>
    public RoutingDecision Route(CustomerOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var choice = _book.Resolve(order.Segment);
        var (policy, cellClause) = Governing(order, choice);
        var clauses = new List<string>(7);

        var (dayZero, dayZeroClause) = DayZero(order.OrderedAt, policy.Cutoff);
        clauses.Add(dayZeroClause);
        if (cellClause is not null)
        {
            clauses.Add(cellClause);
        }

        var earliest = _calendar.AddBusinessDays(dayZero, policy.LeadTimeDays);
        clauses.Add($"{PolicyText.BusinessDays(policy.LeadTimeDays)}{Skipping(dayZero, earliest)} → {PolicyText.Date(earliest)}");

        var (promised, promiseClause) = Promise(earliest, order.RequestedDate);
        if (promiseClause is not null)
        {
            clauses.Add(promiseClause);
        }

        var windowEnd = _calendar.AddBusinessDays(promised, policy.DeliveryWindowDays);
        clauses.Add(policy.DeliveryWindowDays == 0
            ? $"no window → deliver on {PolicyText.Date(promised)}"
            : $"window {PolicyText.BusinessDays(policy.DeliveryWindowDays)}{Skipping(promised, windowEnd)} → {PolicyText.Date(promised)} to {PolicyText.Date(windowEnd)}");

        clauses.Add($"{PolicyVocabulary.Name(policy.Route)}, priority {policy.Priority.ToString(CultureInfo.InvariantCulture)}");
        clauses.Add(policy.Surcharge.Explain(order.OrderValue));

        return new RoutingDecision(
            order.OrderId,
            order.CustomerId,
            order.Segment,
            choice.IsFallback,
            policy.Route,
            policy.FulfilmentMode,
            policy.Priority,
            dayZero,
            earliest,
            promised,
            windowEnd,
            policy.Surcharge.For(order.OrderValue),
            $"{choice.Label}: {string.Join("; ", clauses)}");
    }

    // The policy of the order's slowest line (at equal lead times the one decoupled furthest upstream, make-to-order before
    // make-to-stock; then the first), and the clause naming the line when a product class cell set it.
    private (ServicePolicy Policy, string? Clause) Governing(CustomerOrder order, PolicyChoice choice)
    {
        if (productClasses is null || _book.ProductClasses.Count == 0 || order.Lines.Count == 0)
        {
            return (choice.Policy, null);
        }

        PolicyChoice? slowest = null;
        (string Sku, string Class) line = default;
        foreach (var l in order.Lines)
        {
            var productClass = productClasses.TryGetValue(l.Sku, out var known) ? known : FisherProductClass.Unclassified;
            var cell = _book.ForProductClass(productClass).Resolve(order.Segment);
            if (slowest is null || cell.Policy.LeadTimeDays > slowest.Policy.LeadTimeDays
                || (cell.Policy.LeadTimeDays == slowest.Policy.LeadTimeDays && cell.Policy.FulfilmentMode > slowest.Policy.FulfilmentMode))
            {
                (slowest, line) = (cell, (l.Sku, productClass));
            }
        }

        return ReferenceEquals(slowest, choice)
            ? (choice.Policy, null)
            : (slowest!.Policy, $"{line.Sku} is {line.Class} → {PolicyVocabulary.Name(slowest.Policy.FulfilmentMode)}, {PolicyText.BusinessDays(slowest.Policy.LeadTimeDays)} (its slowest line)");
    }

    // An order at exactly the cut-off still makes it: only orders after it count from the next business day.
    private (DateOnly DayZero, string Clause) DayZero(DateTime orderedAt, TimeOnly cutoff)
    {
        var orderDay = DateOnly.FromDateTime(orderedAt);
        var ordered = $"ordered {PolicyText.Timestamp(orderedAt)}";
        if (_calendar.ClosedReason(orderDay) is { } closed)
        {
            var next = _calendar.NextBusinessDay(orderDay);
            return (next, $"{ordered} on a {closed} → day 0 = {PolicyText.Date(next)}{Skipping(orderDay, next)}");
        }

        if (TimeOnly.FromDateTime(orderedAt) > cutoff)
        {
            var next = _calendar.NextBusinessDay(orderDay);
            return (next, $"{ordered}, cut-off {PolicyText.Time(cutoff)} passed → day 0 = {PolicyText.Date(next)}{Skipping(orderDay, next)}");
        }

        return (orderDay, $"{ordered}, before cut-off {PolicyText.Time(cutoff)} → day 0 = {PolicyText.Date(orderDay)}");
    }

    // A later requested date wins, moved to the next business day when it falls on a closed day; an earlier one cannot be met.
    private (DateOnly Promised, string? Clause) Promise(DateOnly earliest, DateOnly? requested)
    {
        if (requested is not { } wanted)
        {
            return (earliest, null);
        }

        if (wanted <= earliest)
        {
            return (earliest, wanted == earliest
                ? $"requested {PolicyText.Date(wanted)} met"
                : $"requested {PolicyText.Date(wanted)} is earlier than possible → promised {PolicyText.Date(earliest)}");
        }

        if (_calendar.ClosedReason(wanted) is { } closed)
        {
            var next = _calendar.NextBusinessDay(wanted);
            return (next, $"requested {PolicyText.Date(wanted)} is later but a {closed} → promised {PolicyText.Date(next)}");
        }

        return (wanted, $"requested {PolicyText.Date(wanted)} is later → promised {PolicyText.Date(wanted)}");
    }

    private string Skipping(DateOnly from, DateOnly to)
    {
        var holidays = _calendar.HolidaysSkipped(from, to);
        return holidays.Count == 0
            ? ""
            : $" (skipping holiday{(holidays.Count == 1 ? "" : "s")} {string.Join(", ", holidays.Select(PolicyText.Date))})";
    }
}
