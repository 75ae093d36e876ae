using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Policies;

public sealed class DefaultPoliciesTests
{
    // The table in DefaultPolicies' remarks, cell by cell: the documentation and the code must not drift apart.
    [Theory]
    [InlineData("AX", 0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 16, 0, 1, "none")]
    [InlineData("AY", 0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 15, 1, 1, "none")]
    [InlineData("AZ", 0.95, FulfilmentMode.AssembleToOrder, ServiceRoute.WarehousePick, 3, 14, 1, 2, "none")]
    [InlineData("BX", 0.95, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 1, 2, "none")]
    [InlineData("BY", 0.93, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, 14, 1, 2, "none")]
    [InlineData("BZ", 0.90, FulfilmentMode.AssembleToOrder, ServiceRoute.WarehousePick, 5, 12, 2, 3, "none")]
    [InlineData("CX", 0.90, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 3, 12, 2, 3, "none")]
    [InlineData("CY", 0.85, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 4, 12, 2, 3, "2 %")]
    [InlineData("CZ", double.NaN, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, 10, 12, 3, 4, "25.00")]
    public void AbcXyz_EveryCell_MatchesDocumentedTable(
        string cell, double csl, FulfilmentMode mode, ServiceRoute route, int leadTime, int cutoffHour, int window, int priority, string surcharge) =>
        AssertDocumentedRow(DefaultPolicies.AbcXyz, cell, csl, mode, route, leadTime, cutoffHour, window, priority, surcharge);

    // The table in DefaultPolicies.Gattorna's remarks, type by type.
    [Theory]
    [InlineData("continuous_replenishment", 0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 0, 1, "none")]
    [InlineData("agile", 0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 17, 0, 2, "5 %")]
    [InlineData("lean", 0.92, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 3, 12, 2, 3, "none")]
    [InlineData("fully_flexible", double.NaN, FulfilmentMode.MakeToOrder, ServiceRoute.WarehousePick, 10, 12, 3, 3, "none")]
    public void Gattorna_EveryType_MatchesDocumentedTable(
        string segment, double csl, FulfilmentMode mode, ServiceRoute route, int leadTime, int cutoffHour, int window, int priority, string surcharge) =>
        AssertDocumentedRow(DefaultPolicies.Gattorna, segment, csl, mode, route, leadTime, cutoffHour, window, priority, surcharge);

    [Fact]
    public void Gattorna_HasExactlyTheFourTypes()
    {
        Assert.Equal(["agile", "continuous_replenishment", "fully_flexible", "lean"], DefaultPolicies.Gattorna.Segments.Order());
    }

    // The table in DefaultPolicies.Shapiro's remarks, quadrant by quadrant.
    [Theory]
    [InlineData("carriage_trade", 0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 16, 0, 1, "none")]
    [InlineData("passive", 0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 1, 1, "none")]
    [InlineData("aggressive", 0.93, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, 12, 1, 2, "3 %")]
    [InlineData("bargain_basement", 0.90, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 4, 12, 2, 3, "none")]
    public void Shapiro_EveryQuadrant_MatchesDocumentedTable(
        string segment, double csl, FulfilmentMode mode, ServiceRoute route, int leadTime, int cutoffHour, int window, int priority, string surcharge) =>
        AssertDocumentedRow(DefaultPolicies.Shapiro, segment, csl, mode, route, leadTime, cutoffHour, window, priority, surcharge);

    [Fact]
    public void Shapiro_HasExactlyTheFourQuadrants_TheUnplacedTakeTheFallback()
    {
        Assert.Equal(["aggressive", "bargain_basement", "carriage_trade", "passive"], DefaultPolicies.Shapiro.Segments.Order());
        Assert.True(DefaultPolicies.Shapiro.Resolve(ShapiroQuadrant.Unplaced).IsFallback);
    }

    // A row of a documented table: its own policy (no fallback), NaN for no stock target.
    private static void AssertDocumentedRow(PolicyBook book, string segment, double csl, FulfilmentMode mode, ServiceRoute route,
        int leadTime, int cutoffHour, int window, int priority, string surcharge)
    {
        var choice = book.Resolve(segment);
        var policy = choice.Policy;

        Assert.False(choice.IsFallback);
        Assert.Equal(double.IsNaN(csl) ? null : ServiceTarget.CycleServiceLevel(csl), policy.Target);
        Assert.Equal(mode, policy.FulfilmentMode);
        Assert.Equal(route, policy.Route);
        Assert.Equal(leadTime, policy.LeadTimeDays);
        Assert.Equal(new TimeOnly(cutoffHour, 0), policy.Cutoff);
        Assert.Equal(window, policy.DeliveryWindowDays);
        Assert.Equal(priority, policy.Priority);
        Assert.Equal(surcharge, policy.Surcharge.ToString());
    }

    [Fact]
    public void AbcXyz_HasExactlyTheNineCells()
    {
        Assert.Equal(["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"], DefaultPolicies.AbcXyz.Segments);
    }

    [Fact]
    public void AbcXyz_WithinEachVariabilityClass_HigherValueNeverGetsLowerServiceOrPriority()
    {
        var book = DefaultPolicies.AbcXyz;
        foreach (var xyz in "XYZ")
        {
            var a = book.Resolve($"A{xyz}").Policy;
            var b = book.Resolve($"B{xyz}").Policy;
            var c = book.Resolve($"C{xyz}").Policy;

            Assert.True(a.Priority <= b.Priority && b.Priority <= c.Priority, $"priority order broken in column {xyz}");
            Assert.True(a.LeadTimeDays <= b.LeadTimeDays && b.LeadTimeDays <= c.LeadTimeDays, $"lead time order broken in column {xyz}");
            Assert.True((a.Target?.Value ?? 0) >= (b.Target?.Value ?? 0) && (b.Target?.Value ?? 0) >= (c.Target?.Value ?? 0), $"target order broken in column {xyz}");
        }
    }

    [Fact]
    public void AbcXyz_AllStockedTargetsAreCsl_SoSkuLocationsNeverMixKinds()
    {
        var book = DefaultPolicies.AbcXyz;

        Assert.All(book.Segments.Select(s => book.Resolve(s).Policy.Target).OfType<ServiceTarget>(),
            t => Assert.Equal(ServiceLevelKind.CycleServiceLevel, t.Kind));
    }

    [Theory]
    [InlineData("inactive")]
    [InlineData("cluster-3")]
    public void AbcXyz_SegmentOutsideMap_GetsFallback(string segment)
    {
        var choice = DefaultPolicies.AbcXyz.Resolve(segment);

        Assert.True(choice.IsFallback);
        Assert.Same(DefaultPolicies.Fallback, choice.Policy);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.90), choice.Policy.Target);
        Assert.Equal(3, choice.Policy.Priority);
    }
}
