namespace ChainSeg.Core;

/// <summary>The word a count takes in a message: "1 cluster", "2 clusters", "1 customer has", "3 customers have".</summary>
public static class Agreement
{
    /// <summary>The singular for a count of exactly 1, else the plural (the singular with -s unless given).</summary>
    public static string For(long count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? singular + "s";
}
