namespace ChainSeg.Core.Simulation;

/// <summary>Draws the lead time of one replenishment order in whole periods.</summary>
public interface ILeadTimeSampler
{
    /// <summary>
    /// Lead time of the next order in whole periods (≥ 0): an order placed at the end of period t with lead time ℓ can serve
    /// demand from period t + ℓ + 1, so ℓ periods of demand pass before it arrives.
    /// </summary>
    int Next(Random random);
}
