namespace ChainSeg.Core.Segmentation;

/// <summary>One customer's RFM scores, cell and named segment.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="RecencyScore">1 (longest ago) to the number of levels (most recent).</param>
/// <param name="FrequencyScore">1 (fewest orders) to the number of levels.</param>
/// <param name="MonetaryScore">1 (lowest value) to the number of levels.</param>
/// <param name="Cell">The three scores as one string, e.g. "545".</param>
/// <param name="Segment">Named segment from the segment map.</param>
/// <param name="Recency">Days since the last order (NaN when missing).</param>
/// <param name="Frequency">Orders (NaN when missing).</param>
/// <param name="Monetary">Value bought (NaN when missing).</param>
public sealed record RfmDetail(
    string CustomerId, int RecencyScore, int FrequencyScore, int MonetaryScore, string Cell, string Segment,
    double Recency, double Frequency, double Monetary);
