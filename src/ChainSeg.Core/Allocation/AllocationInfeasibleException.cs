namespace ChainSeg.Core.Allocation;

/// <summary>
/// The allocation rules cannot all hold: guarantees need more than the supply or capacity there is. The message is one
/// line naming the stock point or resource, what is available and what the guarantees require.
/// </summary>
public sealed class AllocationInfeasibleException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The SKU (with location) or resource that is over-committed.</param>
    /// <param name="available">Supply or capacity available.</param>
    /// <param name="required">Supply or capacity the guarantees require.</param>
    /// <param name="message">The full one-line message.</param>
    public AllocationInfeasibleException(string subject, double available, double required, string message)
        : base(message)
    {
        Subject = subject;
        Available = available;
        Required = required;
    }

    /// <summary>The SKU (with location) or resource that is over-committed.</summary>
    public string Subject { get; }

    /// <summary>Supply or capacity available.</summary>
    public double Available { get; }

    /// <summary>Supply or capacity the guarantees require.</summary>
    public double Required { get; }
}
