namespace ChainSeg.Core.Segmentation;

/// <summary>Demand pattern after Syntetos, Boylan &amp; Croston (2005), plus two classes for series too sparse to measure.</summary>
public enum DemandClass
{
    /// <summary>Regular in time and size: ADI &lt; 1.32 and CV² &lt; 0.49.</summary>
    Smooth,

    /// <summary>Regular in time, variable in size: ADI &lt; 1.32 and CV² ≥ 0.49.</summary>
    Erratic,

    /// <summary>Sporadic in time, stable in size: ADI ≥ 1.32 and CV² &lt; 0.49.</summary>
    Intermittent,

    /// <summary>Sporadic in time and variable in size: ADI ≥ 1.32 and CV² ≥ 0.49.</summary>
    Lumpy,

    /// <summary>No period with positive demand in the window.</summary>
    NoDemand,

    /// <summary>Exactly one period with positive demand: no interval between demands and no size variation can be measured.</summary>
    SingleDemand,
}
