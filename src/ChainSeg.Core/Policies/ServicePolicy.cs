using System.Globalization;
using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>
/// The service a segment is promised: inventory target, decoupling point, route, delivery promise (lead time in business days,
/// order cut-off, delivery window), priority tier and surcharge (ARCHITECTURE.md §4 <c>policies:</c>).
/// </summary>
public sealed record ServicePolicy
{
    /// <summary>Longest lead time or delivery window accepted, in business days (about 17 months): longer is taken for a typo.</summary>
    public const int MaxBusinessDays = 365;

    /// <summary>Creates a validated policy.</summary>
    /// <param name="target">CSL or fill-rate target of the stock serving the segment; null exactly when <paramref name="fulfilmentMode"/> is make-to-order.</param>
    /// <param name="fulfilmentMode">Where the decoupling point sits.</param>
    /// <param name="route">How orders reach the customer.</param>
    /// <param name="leadTimeDays">Business days from day 0 to delivery, in [0, <see cref="MaxBusinessDays"/>]; 0 delivers on day 0.</param>
    /// <param name="cutoff">Local time of day after which an order counts from the next business day.</param>
    /// <param name="deliveryWindowDays">Business days after the promised date that still count as on time, in [0, <see cref="MaxBusinessDays"/>].</param>
    /// <param name="priority">Priority tier, 1 = highest, ≥ 1.</param>
    /// <param name="surcharge">Premium-service surcharge; null means none.</param>
    /// <exception cref="ArgumentException">A stocked mode has no target, or make-to-order has one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of its range, or an enum value is undefined.</exception>
    public ServicePolicy(
        ServiceTarget? target,
        FulfilmentMode fulfilmentMode,
        ServiceRoute route,
        int leadTimeDays,
        TimeOnly cutoff,
        int deliveryWindowDays,
        int priority,
        Surcharge? surcharge = null)
    {
        string mode = PolicyVocabulary.Name(fulfilmentMode);
        PolicyVocabulary.Name(route);
        if (fulfilmentMode == FulfilmentMode.MakeToOrder && target is not null)
        {
            throw new ArgumentException(
                $"A make_to_order policy carries no safety stock, so it takes no csl or fill_rate target; got {target.DefinitionId} {PolicyText.Share(target.Value)}.",
                nameof(target));
        }

        if (fulfilmentMode != FulfilmentMode.MakeToOrder && target is null)
        {
            throw new ArgumentException($"A {mode} policy needs a csl or fill_rate target: its safety stock is set from it.", nameof(target));
        }

        Target = target;
        FulfilmentMode = fulfilmentMode;
        Route = route;
        LeadTimeDays = BusinessDays(leadTimeDays, nameof(leadTimeDays), "Lead time");
        Cutoff = cutoff;
        DeliveryWindowDays = BusinessDays(deliveryWindowDays, nameof(deliveryWindowDays), "Delivery window");
        if (priority < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Priority must be ≥ 1 (1 = highest); got {priority.ToString(CultureInfo.InvariantCulture)}.");
        }

        Priority = priority;
        Surcharge = surcharge ?? Surcharge.None;
    }

    /// <summary>Inventory service target; null for make-to-order, which holds no stock for the segment.</summary>
    public ServiceTarget? Target { get; }

    /// <summary>Where the decoupling point sits.</summary>
    public FulfilmentMode FulfilmentMode { get; }

    /// <summary>How orders reach the customer.</summary>
    public ServiceRoute Route { get; }

    /// <summary>Lead-time commitment in business days, counted from day 0.</summary>
    public int LeadTimeDays { get; }

    /// <summary>Local time of day after which an order counts from the next business day.</summary>
    public TimeOnly Cutoff { get; }

    /// <summary>Business days after the promised date that still count as on time.</summary>
    public int DeliveryWindowDays { get; }

    /// <summary>Priority tier, 1 = highest.</summary>
    public int Priority { get; }

    /// <summary>Premium-service surcharge (<see cref="Surcharge.None"/> when there is none).</summary>
    public Surcharge Surcharge { get; }

    /// <summary>False for make-to-order: no safety stock is held for the segment.</summary>
    public bool CarriesSafetyStock => FulfilmentMode != FulfilmentMode.MakeToOrder;

    /// <summary>One line for reports, e.g. "0.98 CSL, make_to_stock, warehouse_pick, 1 business day, cut-off 16:00, window 0, priority 1, no surcharge".</summary>
    public string Describe() =>
        string.Join(", ",
            Target is null ? "no safety stock" : PolicyText.Target(Target),
            PolicyVocabulary.Name(FulfilmentMode),
            PolicyVocabulary.Name(Route),
            PolicyText.BusinessDays(LeadTimeDays),
            $"cut-off {PolicyText.Time(Cutoff)}",
            $"window {DeliveryWindowDays.ToString(CultureInfo.InvariantCulture)}",
            $"priority {Priority.ToString(CultureInfo.InvariantCulture)}",
            Surcharge.IsNone ? "no surcharge" : $"surcharge {Surcharge}");

    private static int BusinessDays(int days, string paramName, string label)
    {
        if (days is < 0 or > MaxBusinessDays)
        {
            throw new ArgumentOutOfRangeException(paramName, days,
                $"{label} must be in [0, {MaxBusinessDays.ToString(CultureInfo.InvariantCulture)}] business days; got {days.ToString(CultureInfo.InvariantCulture)}.");
        }

        return days;
    }
}
