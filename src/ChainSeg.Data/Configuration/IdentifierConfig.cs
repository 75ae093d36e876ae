namespace ChainSeg.Data.Configuration;

/// <summary>How customer identifiers from different systems are standardised before matching (<c>identifiers:</c>).</summary>
public sealed class IdentifierConfig
{
    /// <summary>Rules for customer ids.</summary>
    public CustomerIdRules CustomerId { get; set; } = new();
}

/// <summary>Standardisation rules for customer ids: trim, upper case, separators, float suffix, prefixes, leading zeros.</summary>
public sealed class CustomerIdRules
{
    /// <summary>Alphabetic prefixes dropped when digits follow (e.g. <c>C</c> makes <c>C-00012</c> match <c>12</c>).</summary>
    public List<string> StripPrefixes { get; set; } = [];

    /// <summary>Whether leading zeros of the numeric part are dropped (<c>00012</c> matches <c>12</c>); on by default.</summary>
    public bool StripLeadingZeros { get; set; } = true;
}
