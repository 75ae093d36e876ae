namespace ChainSeg.Core.Segmentation;

/// <summary>How one customer's demand pattern was classified.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Class">The demand class.</param>
/// <param name="Periods">Number of periods in the series.</param>
/// <param name="DemandPeriods">Number of periods with positive demand.</param>
/// <param name="Adi">Average inter-demand interval in periods; NaN with fewer than 2 demand periods.</param>
/// <param name="Cv2">Squared coefficient of variation of the positive demand sizes; NaN with fewer than 2 demand periods.</param>
/// <param name="Bucket">The period bucket ADI is measured in.</param>
public sealed record DemandClassDetail(
    string CustomerId, DemandClass Class, int Periods, int DemandPeriods, double Adi, double Cv2, DemandBucket Bucket);
