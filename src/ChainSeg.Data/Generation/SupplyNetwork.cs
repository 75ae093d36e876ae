namespace ChainSeg.Data.Generation;

/// <summary>A node of the two-echelon network.</summary>
internal sealed record NetworkLocation(string LocationId, string Type, string UpstreamLocationId);

/// <summary>
/// The two-echelon network: a plant feeds the central DC, which feeds four regional DCs. Stock is held
/// at the DCs (index 0 = central, 1..4 = the regions in <see cref="CustomerGeography.Regions"/> order).
/// </summary>
internal static class SupplyNetwork
{
    public const string Plant = "PLANT-01";
    public const string Central = "DC-CENTRAL";

    public static readonly NetworkLocation[] Locations =
    [
        new(Plant, "plant", ""),
        new(Central, "dc", Plant),
        .. CustomerGeography.Regions.Select(r => new NetworkLocation(r.DistributionCentre, "dc", Central)),
    ];

    /// <summary>Stocking DCs: central first, then the regional ones.</summary>
    public static readonly string[] DistributionCentres = [Central, .. CustomerGeography.Regions.Select(r => r.DistributionCentre)];

    public static int DistributionCentreIndex(string locationId) => Array.IndexOf(DistributionCentres, locationId);
}
