namespace ChainSeg.Core.Allocation;

/// <summary>One segment's demand at one short stock point, as the fair-share LP sees it.</summary>
/// <param name="Tier">Priority tier, 1 = highest.</param>
/// <param name="Ordered">Units ordered by the segment's lines at the stock point, &gt; 0.</param>
/// <param name="MinimumFill">Fill ratio the segment must get at least, in [0, 1].</param>
internal sealed record SegmentDemand(int Tier, double Ordered, double MinimumFill);
