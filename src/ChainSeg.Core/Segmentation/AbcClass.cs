namespace ChainSeg.Core.Segmentation;

/// <summary>Value class of a customer in ABC analysis: A = the few that carry most value, C = the long tail.</summary>
public enum AbcClass
{
    /// <summary>Top of the value ranking, up to the A cut-off of cumulative value.</summary>
    A,

    /// <summary>Next band, up to the B cut-off of cumulative value.</summary>
    B,

    /// <summary>The tail beyond the B cut-off, and every customer without positive value.</summary>
    C,
}
