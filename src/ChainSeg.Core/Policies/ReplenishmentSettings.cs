using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Policies;

/// <summary>How a SKU-location is replenished, which turns service targets into safety stock.</summary>
public sealed record ReplenishmentSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="leadTime">Replenishment lead time, in the same unit as the segments' demand rates.</param>
    /// <param name="model">Lead-time demand distribution (see <see cref="DemandModelSelection"/>).</param>
    /// <param name="orderQuantity">Replenishment order quantity Q; needed by fill-rate targets (1 − ESC/Q) and by target conversions.</param>
    /// <param name="undershoot">Review-period undershoot of the whole SKU-location; none (continuous review) when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">model is undefined, or orderQuantity is given and not a finite number &gt; 0.</exception>
    public ReplenishmentSettings(LeadTime leadTime, DemandModel model = DemandModel.Normal, double? orderQuantity = null, ReviewUndershoot? undershoot = null) =>
        Values = Replenishment.Create(leadTime, model, orderQuantity, undershoot);

    // The settings by value: the bulk policy computation makes one per SKU-location and need not keep an object for it.
    internal Replenishment Values { get; }

    /// <summary>Replenishment lead time.</summary>
    public LeadTime LeadTime => Values.LeadTime;

    /// <summary>Lead-time demand distribution.</summary>
    public DemandModel Model => Values.Model;

    /// <summary>Replenishment order quantity Q, if known.</summary>
    public double? OrderQuantity => Values.OrderQuantity;

    /// <summary>Review-period undershoot of the whole SKU-location.</summary>
    public ReviewUndershoot Undershoot => Values.Undershoot;

    /// <summary>
    /// The demand a reorder point protects: lead-time demand plus the review undershoot, under <see cref="Model"/> fitted to
    /// its mean d·L + s·E[U] and variance σ_L² + s²·Var U. A part of the demand with share s carries that share of the undershoot.
    /// Every safety stock ChainSeg computes (pipeline, trade-off curve) goes through here.
    /// </summary>
    /// <exception cref="ArgumentException">demand is not in the lead time's unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">share is not in [0, 1].</exception>
    public IDemandDistribution ProtectionDemand(DemandRate demand, double share = 1.0)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return Values.ProtectionDemand(demand.Mean, demand.StandardDeviation, demand.Per, share);
    }
}

/// <summary>The values of <see cref="ReplenishmentSettings"/>, checked as its constructor checks them.</summary>
internal readonly record struct Replenishment(LeadTime LeadTime, DemandModel Model, double? OrderQuantity, ReviewUndershoot Undershoot)
{
    /// <summary>Checks and stores the settings; see the <see cref="ReplenishmentSettings"/> constructor.</summary>
    public static Replenishment Create(LeadTime leadTime, DemandModel model, double? orderQuantity, ReviewUndershoot? undershoot)
    {
        ArgumentNullException.ThrowIfNull(leadTime);
        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Demand model must be Normal, Poisson or Gamma.");
        }

        if (orderQuantity is { } q)
        {
            Arguments.Positive(q, nameof(orderQuantity), "Order quantity");
        }

        return new Replenishment(leadTime, model, orderQuantity, undershoot ?? ReviewUndershoot.None);
    }

    /// <summary><see cref="ReplenishmentSettings.ProtectionDemand"/> of a demand rate given as its numbers.</summary>
    public IDemandDistribution ProtectionDemand(double demandMean, double demandSd, TimeUnit per, double share)
    {
        Arguments.ClosedUnit(share, nameof(share), "Share of the SKU-location's demand");
        double mean = LeadTimeDemand.Mean(demandMean, per, LeadTime) + share * Undershoot.Mean;
        double sd = LeadTimeDemand.StandardDeviation(demandMean, demandSd, per, LeadTime);
        return LeadTimeDemand.FromMoments(Model, mean, Math.Sqrt(sd * sd + share * share * Undershoot.Variance));
    }
}
