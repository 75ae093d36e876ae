using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ServiceTierMappingTests
{
    [Fact]
    public void Assign_AsManyTiersAsClusters_HighestValueIsTierOne()
    {
        Assert.Equal([3, 1, 2], ServiceTierMapping.Assign([0.1, 2.5, 1.0], 3));
    }

    [Fact]
    public void Assign_MoreClustersThanTiers_ContiguousBlocksUseEveryTier()
    {
        // Six clusters onto four tiers: ranks 0..5 → ⌊r·4/6⌋ + 1 = 1, 1, 2, 3, 3, 4.
        var tiers = ServiceTierMapping.Assign([6.0, 5.0, 4.0, 3.0, 2.0, 1.0], 4);

        Assert.Equal([1, 1, 2, 3, 3, 4], tiers);
    }

    [Fact]
    public void Assign_FewerClustersThanTiers_UsesTopTiers()
    {
        Assert.Equal([2, 1], ServiceTierMapping.Assign([-1.0, 1.0], 5));
    }

    [Fact]
    public void Assign_EqualValues_LowerClusterIndexRanksFirst()
    {
        Assert.Equal([1, 2], ServiceTierMapping.Assign([1.0, 1.0], 2));
    }

    [Fact]
    public void Assign_NoTiers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceTierMapping.Assign([1.0], 0));
    }

    [Fact]
    public void Assign_NaNValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => ServiceTierMapping.Assign([1.0, double.NaN], 2));
    }
}
