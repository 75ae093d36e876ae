namespace ChainSeg.Core.Policies;

/// <summary>One SKU-location of a batch could not get a policy; <see cref="Index"/> says which.</summary>
/// <param name="index">Position of the SKU-location in the batch.</param>
/// <param name="inner">Why its targets could not be combined.</param>
public sealed class SkuLocationPolicyException(int index, ArgumentException inner) : ArgumentException(inner.Message, inner)
{
    /// <summary>Position of the SKU-location in the batch.</summary>
    public int Index { get; } = index;
}
