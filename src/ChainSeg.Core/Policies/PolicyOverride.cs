using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>
/// What a product class changes in a segment's service policy, for that segment's demand of the class's SKUs (a cell of
/// Fisher's product axis crossed with the customer segments); a null part keeps the segment's own value.
/// </summary>
/// <param name="FulfilmentMode">The cell's decoupling point; make-to-order carries no safety stock (DEFINITIONS.md).</param>
/// <param name="Target">The cell's CSL or fill-rate target; it applies where the cell carries stock, and leaves make-to-order cells without one.</param>
/// <param name="LeadTimeDays">The cell's promise in business days.</param>
public sealed record PolicyOverride(FulfilmentMode? FulfilmentMode = null, ServiceTarget? Target = null, int? LeadTimeDays = null)
{
    /// <summary>True when it changes nothing.</summary>
    public bool IsEmpty => FulfilmentMode is null && Target is null && LeadTimeDays is null;

    /// <summary>This override with the parts <paramref name="general"/> sets and this one leaves null (a segment's cell refining its class's).</summary>
    public PolicyOverride Over(PolicyOverride? general) =>
        general is null ? this : new(FulfilmentMode ?? general.FulfilmentMode, Target ?? general.Target, LeadTimeDays ?? general.LeadTimeDays);

    /// <summary>The segment's policy with this override's parts; route, cut-off, window, priority and surcharge stay the segment's.</summary>
    /// <exception cref="ArgumentException">The cell carries stock but neither it nor the segment names a target, or a number is out of range.</exception>
    public ServicePolicy ApplyTo(ServicePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var mode = FulfilmentMode ?? policy.FulfilmentMode;
        // A target set for a class applies to the cells that stock it: a make-to-order segment stays without stock rather than
        // refusing the class's target, so one class-wide target can serve every stocked segment.
        var target = mode == Policies.FulfilmentMode.MakeToOrder ? null : Target ?? policy.Target;
        return new ServicePolicy(target, mode, policy.Route, LeadTimeDays ?? policy.LeadTimeDays, policy.Cutoff, policy.DeliveryWindowDays, policy.Priority, policy.Surcharge);
    }

    /// <summary>What it sets, for explanations, e.g. "make_to_order", "0.97 CSL, 2 business days".</summary>
    public string Describe() =>
        string.Join(", ", new[]
        {
            FulfilmentMode is { } mode ? PolicyVocabulary.Name(mode) : null,
            Target is { } target ? PolicyText.Target(target) : null,
            LeadTimeDays is { } days ? PolicyText.BusinessDays(days) : null,
        }.Where(part => part is not null));
}
