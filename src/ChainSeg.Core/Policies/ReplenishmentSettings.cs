using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>How a SKU-location is replenished, which turns service targets into safety stock.</summary>
public sealed record ReplenishmentSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="leadTime">Replenishment lead time, in the same unit as the segments' demand rates.</param>
    /// <param name="model">Lead-time demand distribution (normal for smooth items; Poisson or gamma for intermittent and lumpy ones).</param>
    /// <param name="orderQuantity">Replenishment order quantity Q; needed by fill-rate targets (1 − ESC/Q) and by target conversions.</param>
    /// <exception cref="ArgumentOutOfRangeException">model is undefined, or orderQuantity is given and not a finite number &gt; 0.</exception>
    public ReplenishmentSettings(LeadTime leadTime, DemandModel model = DemandModel.Normal, double? orderQuantity = null)
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
    }

    /// <summary>Replenishment lead time.</summary>
    public LeadTime LeadTime { get; }

    /// <summary>Lead-time demand distribution.</summary>
    public DemandModel Model { get; }

    /// <summary>Replenishment order quantity Q, if known.</summary>
    public double? OrderQuantity { get; }
}
