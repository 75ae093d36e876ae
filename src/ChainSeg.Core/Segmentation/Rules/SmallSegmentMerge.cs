namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>Where the customers of a segment below <c>min_segment_share</c> go.</summary>
public enum SmallSegmentMerge
{
    /// <summary>Into the fallback segment.</summary>
    Fallback,

    /// <summary>
    /// Into the nearest viable segment: the first later rule (in rule order) whose segment is viable and whose condition
    /// the customer also satisfies; the fallback when there is none.
    /// </summary>
    NearestViable,
}
