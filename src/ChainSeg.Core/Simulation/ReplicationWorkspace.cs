namespace ChainSeg.Core.Simulation;

/// <summary>Arrays one thread reuses across replications: quantity due and whether an order is due, per period.</summary>
internal sealed class ReplicationWorkspace
{
    private double[] arrivals = [];
    private bool[] due = [];

    /// <summary>Units arriving at the start of each period.</summary>
    public double[] Arrivals => arrivals;

    /// <summary>Whether an order (possibly of zero units) arrives at the start of each period.</summary>
    public bool[] Due => due;

    /// <summary>Clears the first <paramref name="periods"/> entries, growing the arrays when needed.</summary>
    public void Reset(int periods)
    {
        if (arrivals.Length < periods)
        {
            arrivals = new double[periods];
            due = new bool[periods];
            return;
        }

        Array.Clear(arrivals, 0, periods);
        Array.Clear(due, 0, periods);
    }
}
