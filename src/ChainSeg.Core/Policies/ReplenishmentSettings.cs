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
    public ReplenishmentSettings(LeadTime leadTime, DemandModel model = DemandModel.Normal, double? orderQuantity = null, ReviewUndershoot? undershoot = null)
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

        LeadTime = leadTime;
        Model = model;
        OrderQuantity = orderQuantity;
        Undershoot = undershoot ?? ReviewUndershoot.None;
    }

    /// <summary>Replenishment lead time.</summary>
    public LeadTime LeadTime { get; }

    /// <summary>Lead-time demand distribution.</summary>
    public DemandModel Model { get; }

    /// <summary>Replenishment order quantity Q, if known.</summary>
    public double? OrderQuantity { get; }

    /// <summary>Review-period undershoot of the whole SKU-location.</summary>
    public ReviewUndershoot Undershoot { get; }

    /// <summary>
    /// The demand a reorder point protects: lead-time demand plus the review undershoot, under <see cref="Model"/> fitted to
    /// its mean d·L + s·E[U] and variance σ_L² + s²·Var U. A part of the demand with share s carries that share of the undershoot.
    /// Every safety stock ChainSeg computes (pipeline, trade-off curve) goes through here.
    /// </summary>
    /// <exception cref="ArgumentException">demand is not in the lead time's unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">share is not in [0, 1].</exception>
    public IDemandDistribution ProtectionDemand(DemandRate demand, double share = 1.0)
    {
        Arguments.ClosedUnit(share, nameof(share), "Share of the SKU-location's demand");
        double mean = LeadTimeDemand.Mean(demand, LeadTime) + share * Undershoot.Mean;
        double sd = LeadTimeDemand.StandardDeviation(demand, LeadTime);
        return LeadTimeDemand.FromMoments(Model, mean, Math.Sqrt(sd * sd + share * share * Undershoot.Variance));
    }
}
