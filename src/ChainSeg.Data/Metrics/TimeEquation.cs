namespace ChainSeg.Data.Metrics;

/// <summary>
/// A cost pool priced by time-driven ABC (<c>costs.time_equations</c>, Kaplan &amp; Anderson 2004): the minutes a year its
/// people and equipment can work, and the minutes each unit of a cost driver takes (T = b₀ + Σ bᵢ xᵢ, b₀ the orders term).
/// </summary>
/// <param name="PracticalCapacityMinutes">Practical capacity in minutes a year (theoretical × the practical share when configured so).</param>
/// <param name="Minutes">Minutes per unit of each cost driver (CanonicalSchema.CostDrivers).</param>
public sealed record TimeEquation(double PracticalCapacityMinutes, IReadOnlyDictionary<string, double> Minutes)
{
    /// <summary>The minutes a customer with these driver volumes takes: Σ minutes per unit × volume (a driver left out is 0).</summary>
    public double MinutesFor(IReadOnlyDictionary<string, double> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        return Minutes.Sum(m => m.Value * volumes.GetValueOrDefault(m.Key));
    }

    /// <summary>The equation as compare names it: <c>1000 min/year: lines×0.5+orders×4</c>.</summary>
    public override string ToString() =>
        $"{Number(PracticalCapacityMinutes)} min/year: {string.Join("+", Minutes.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}×{Number(m.Value)}"))}";

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
