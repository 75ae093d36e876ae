using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class PolicyVocabularyTests
{
    [Theory]
    [InlineData(ServiceRoute.WarehousePick, "warehouse_pick")]
    [InlineData(ServiceRoute.DropShip, "drop_ship")]
    [InlineData(ServiceRoute.CrossDock, "cross_dock")]
    public void ParseRoute_ConfigName_RoundTrips(ServiceRoute route, string name)
    {
        Assert.Equal(name, PolicyVocabulary.Name(route));
        Assert.Equal(route, PolicyVocabulary.ParseRoute(name));
    }

    [Theory]
    [InlineData(FulfilmentMode.MakeToStock, "make_to_stock")]
    [InlineData(FulfilmentMode.AssembleToOrder, "assemble_to_order")]
    [InlineData(FulfilmentMode.MakeToOrder, "make_to_order")]
    public void ParseFulfilmentMode_ConfigName_RoundTrips(FulfilmentMode mode, string name)
    {
        Assert.Equal(name, PolicyVocabulary.Name(mode));
        Assert.Equal(mode, PolicyVocabulary.ParseFulfilmentMode(name));
    }

    [Theory]
    [InlineData(TargetAggregation.Highest, "highest")]
    [InlineData(TargetAggregation.DemandWeighted, "demand_weighted")]
    [InlineData(TargetAggregation.SegmentReserves, "segment_reserves")]
    public void ParseTargetAggregation_ConfigName_RoundTrips(TargetAggregation aggregation, string name)
    {
        Assert.Equal(name, PolicyVocabulary.Name(aggregation));
        Assert.Equal(aggregation, PolicyVocabulary.ParseTargetAggregation(name));
    }

    [Theory]
    [InlineData(MixedTargetHandling.Strictest, "strictest")]
    [InlineData(MixedTargetHandling.Refuse, "refuse")]
    [InlineData(MixedTargetHandling.ConvertToCsl, "convert_to_csl")]
    [InlineData(MixedTargetHandling.ConvertToFillRate, "convert_to_fill_rate")]
    public void ParseMixedTargetHandling_ConfigName_RoundTrips(MixedTargetHandling handling, string name)
    {
        Assert.Equal(name, PolicyVocabulary.Name(handling));
        Assert.Equal(handling, PolicyVocabulary.ParseMixedTargetHandling(name));
    }

    [Fact]
    public void ParseRoute_UnknownName_ThrowsListingValidNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => PolicyVocabulary.ParseRoute("WarehousePick"));

        Assert.Contains("Unknown route 'WarehousePick'; expected one of warehouse_pick, drop_ship, cross_dock.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_UndefinedRoute_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyVocabulary.Name((ServiceRoute)42));
    }
}
