namespace ChainSeg.Core.Finance;

/// <summary>One customer's net contribution (revenue − cost of goods − cost-to-serve), the input of a whale curve.</summary>
/// <param name="CustomerId">Customer (or account) id.</param>
/// <param name="NetContribution">Its net contribution for the window.</param>
public sealed record CustomerContribution(string CustomerId, double NetContribution);
