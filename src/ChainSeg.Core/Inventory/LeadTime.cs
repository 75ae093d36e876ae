namespace ChainSeg.Core.Inventory;

/// <summary>Replenishment lead time: mean and standard deviation, in an explicit <see cref="TimeUnit"/>.</summary>
public sealed record LeadTime
{
    /// <summary>Creates a lead time of mean ± standardDeviation units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is negative or not finite.</exception>
    public LeadTime(double mean, double standardDeviation, TimeUnit unit)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean lead time");
        StandardDeviation = Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Lead time standard deviation");
        Unit = unit;
    }

    /// <summary>Mean lead time (L).</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of the lead time (σ_LT).</summary>
    public double StandardDeviation { get; }

    /// <summary>Time unit of <see cref="Mean"/> and <see cref="StandardDeviation"/>.</summary>
    public TimeUnit Unit { get; }

    /// <summary>The same lead time expressed in another unit (see <see cref="TimeUnit"/> for the day counts used).</summary>
    public LeadTime ConvertTo(TimeUnit unit)
    {
        double factor = TimeUnitLength.Days(Unit) / TimeUnitLength.Days(unit);
        return new LeadTime(Mean * factor, StandardDeviation * factor, unit);
    }
}
