namespace ChainSeg.Core.Simulation;

/// <summary>Draws the demand of one simulated period; draws are independent and never negative.</summary>
public interface IDemandSampler
{
    /// <summary>Demand of the next period, in units (≥ 0), drawn from <paramref name="random"/>.</summary>
    double Next(Random random);
}
