namespace ChainSeg.Core.Finance;

/// <summary>One customer on a whale curve: its rank, its contribution and the running total up to it.</summary>
/// <param name="Rank">1 for the most profitable customer.</param>
/// <param name="CustomerId">Customer (or account) id.</param>
/// <param name="NetContribution">The customer's net contribution.</param>
/// <param name="Cumulative">Σ net contribution of the customers ranked up to and including this one.</param>
/// <param name="CumulativeShare">Cumulative ÷ the total; null when the total is 0 or less (no share to take).</param>
/// <param name="CustomerShare">Rank ÷ customers: the share of customers ranked up to and including this one.</param>
public sealed record WhaleCurvePoint(int Rank, string CustomerId, double NetContribution, double Cumulative, double? CumulativeShare, double CustomerShare);
