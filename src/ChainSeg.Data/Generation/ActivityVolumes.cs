namespace ChainSeg.Data.Generation;

/// <summary>Activity volumes of the whole run, the drivers that cost pools are spread over.</summary>
internal sealed class ActivityVolumes
{
    public long Orders { get; set; }

    public long Lines { get; set; }

    public long Units { get; set; }

    public long Shipments { get; set; }

    public long Returns { get; set; }

    public long Expedites { get; set; }

    public double WeightKg { get; set; }
}
