using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

// Fisher (1997, HBR 75(2)) crosses the product axis with the customer segments; DEFINITIONS.md: "make-to-order cells carry
// no safety stock". These check the cells a product class adds to the segments' policy book.
public sealed class ProductClassPolicyTests
{
    private static readonly ServicePolicy Strategic =
        new(ServiceTarget.CycleServiceLevel(0.98), FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, new TimeOnly(16, 0), 0, 1);

    private static readonly ServicePolicy Standard =
        new(ServiceTarget.CycleServiceLevel(0.90), FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 3, new TimeOnly(12, 0), 2, 3, Surcharge.Percentage(2m));

    private static readonly ServicePolicy Project =
        new(null, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, 10, new TimeOnly(12, 0), 3, 4);

    private static PolicyBook Segments() => new([new("strategic", Strategic), new("project", Project)], Standard);

    private static readonly PolicyOverride MakeToOrder = new(FulfilmentMode.MakeToOrder, LeadTimeDays: 15);

    [Fact]
    public void ClassWideMakeToOrder_EverySegmentsCellCarriesNoStock_AndTheSegmentsBookIsUnchanged()
    {
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", MakeToOrder)]);
        var cells = book.ForProductClass("innovative");

        var strategic = cells.Resolve("strategic");
        Assert.Equal((FulfilmentMode.MakeToOrder, (ServiceTarget?)null, 15, false), (strategic.Policy.FulfilmentMode, strategic.Policy.Target, strategic.Policy.LeadTimeDays, strategic.Policy.CarriesSafetyStock));
        // Route, cut-off, window, priority and surcharge stay the segment's.
        Assert.Equal((ServiceRoute.WarehousePick, new TimeOnly(16, 0), 0, 1), (strategic.Policy.Route, strategic.Policy.Cutoff, strategic.Policy.DeliveryWindowDays, strategic.Policy.Priority));
        Assert.Equal("segment strategic → its own policy; innovative products → make_to_order, 15 business days", strategic.Explanation);
        Assert.False(strategic.IsFallback);

        var inactive = cells.Resolve("inactive");
        Assert.True(inactive.IsFallback);
        Assert.Equal((FulfilmentMode.MakeToOrder, ServiceRoute.CrossDock, "2 %"), (inactive.Policy.FulfilmentMode, inactive.Policy.Route, inactive.Policy.Surcharge.ToString()));
        Assert.Equal(FulfilmentMode.MakeToOrder, cells.Resolve(null).Policy.FulfilmentMode);
        Assert.Equal(FulfilmentMode.MakeToOrder, cells.Fallback.FulfilmentMode);

        Assert.Same(Strategic, book.Resolve("strategic").Policy);
        Assert.Same(Strategic, book.ForProductClass("functional").Resolve("strategic").Policy);
        Assert.Same(book, book.ForProductClass(null));
        Assert.Equal(["innovative"], book.ProductClasses);
        Assert.Equal("innovative", cells.ProductClass);
        Assert.Null(book.ProductClass);
    }

    [Fact]
    public void SegmentCell_RefinesTheClassWideOverridePartByPart()
    {
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", MakeToOrder, new Dictionary<string, PolicyOverride>
        {
            ["strategic"] = new(FulfilmentMode.AssembleToOrder, ServiceTarget.CycleServiceLevel(0.95)),
        })]);
        var cells = book.ForProductClass("innovative");

        var strategic = cells.Resolve("strategic").Policy;
        Assert.Equal((FulfilmentMode.AssembleToOrder, 0.95, 15), (strategic.FulfilmentMode, strategic.Target!.Value, strategic.LeadTimeDays));
        Assert.Equal(FulfilmentMode.MakeToOrder, cells.Resolve("project").Policy.FulfilmentMode);
    }

    [Fact]
    public void ClassWideTarget_AppliesToStockedCells_AndLeavesMakeToOrderSegmentsWithout()
    {
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", new PolicyOverride(Target: ServiceTarget.FillRate(0.99)))]);
        var cells = book.ForProductClass("innovative");

        Assert.Equal(ServiceTarget.FillRate(0.99), cells.Resolve("strategic").Policy.Target);
        Assert.Equal(ServiceTarget.FillRate(0.99), cells.Resolve("anything").Policy.Target);
        Assert.Null(cells.Resolve("project").Policy.Target);
        Assert.Same(book.Resolve("project"), cells.Resolve("project"));
    }

    [Fact]
    public void Explanation_NamesOnlyWhatTheCellChanged_NotATargetAMakeToOrderCellDrops()
    {
        // A class-wide target and lead time over a make-to-order segment: only the lead time applies there. And a class-wide
        // make_to_order whose lead time a segment's cell refines: both parts, the segment's lead time.
        // (A segment's own target under a class-wide make_to_order is refused: SegmentTargetUnderAClassWideMakeToOrder_IsRefused.)
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", new PolicyOverride(Target: ServiceTarget.CycleServiceLevel(0.95), LeadTimeDays: 12)),
            new ProductClassPolicy("functional", MakeToOrder, new Dictionary<string, PolicyOverride> { ["strategic"] = new(LeadTimeDays: 20) })]);

        var project = book.ForProductClass("innovative").Resolve("project");
        var strategic = book.ForProductClass("functional").Resolve("strategic");

        Assert.Equal((null, 12), (project.Policy.Target, project.Policy.LeadTimeDays));
        Assert.Equal("segment project → its own policy; innovative products → 12 business days", project.Explanation);
        Assert.Equal((FulfilmentMode.MakeToOrder, null), (strategic.Policy.FulfilmentMode, strategic.Policy.Target));
        Assert.Equal("segment strategic → its own policy; functional products → make_to_order, 20 business days", strategic.Explanation);
    }

    [Fact]
    public void StockedCellWithoutATarget_IsRefusedWhenTheBookIsMade_NamingClassAndSegment()
    {
        var cells = new ProductClassPolicy("functional", new PolicyOverride(FulfilmentMode.MakeToStock));

        var e = Assert.Throws<ArgumentException>(() => Segments().WithProductClasses([cells]));

        Assert.StartsWith("Product class 'functional', segment 'project': A make_to_stock policy needs a csl or fill_rate target", e.Message);
    }

    [Fact]
    public void NamedSegmentWithoutAnEntry_IsCheckedAgainstTheFallback()
    {
        var cells = new ProductClassPolicy("functional", null, new Dictionary<string, PolicyOverride> { ["new_segment"] = new(LeadTimeDays: 400) });

        var e = Assert.Throws<ArgumentException>(() => Segments().WithProductClasses([cells]));

        Assert.StartsWith("Product class 'functional', segment 'new_segment': Lead time must be in [0, 365]", e.Message);
    }

    [Fact]
    public void ClassGivenTwice_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Segments().WithProductClasses([new ProductClassPolicy("innovative", MakeToOrder), new ProductClassPolicy("innovative", null)]));

        Assert.StartsWith("Product class 'innovative' is given twice", e.Message);
    }

    [Fact]
    public void ClassBook_CannotTakeProductClassesOfItsOwn()
    {
        var cells = Segments().WithProductClasses([new ProductClassPolicy("innovative", MakeToOrder)]).ForProductClass("innovative");

        Assert.Throws<InvalidOperationException>(() => cells.WithProductClasses([]));
    }

    [Fact]
    public void EmptyOverride_ChangesNothing()
    {
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", new PolicyOverride())]);

        Assert.Same(book.Resolve("strategic"), book.ForProductClass("innovative").Resolve("strategic"));
    }

    [Fact]
    public void SkuLocationPolicy_AnInnovativeSkuUnderMakeToOrderCellsCarriesNoSafetyStock_AFunctionalOneDoes()
    {
        // The same SKU-location history twice: only its product class differs.
        var book = Segments().WithProductClasses([new ProductClassPolicy("innovative", MakeToOrder)]);
        var served = new[] { new SegmentDemand("strategic", new DemandRate(4.0, 2.0, TimeUnit.Day)) };
        SkuLocationHistory History(string productClass) =>
            new(365, 4.0 * 365, (4.0 + 16.0) * 365, (4.0 * 20.0 + 2 * 4.0 * 4.0) * 365, served, new LeadTime(5, 0, TimeUnit.Day), 10.0, 0.2, productClass);
        var settings = new InventoryPolicySettings(OrderingCost: 50, ReviewPeriodDays: 0, KanbanSafetyFactor: 0.1, KanbanContainer: null);
        var rule = new SkuLocationTargetRule(TargetAggregation.Highest);

        var functional = SkuLocationPolicy.Compute(History("functional"), rule, book, settings);
        var innovative = SkuLocationPolicy.Compute(History("innovative"), rule, book, settings);

        Assert.True(functional.Target.IsStocked);
        Assert.Equal(0.98, functional.Target.Target!.Value);
        Assert.True(functional.Target.SafetyStock > 0);
        Assert.False(innovative.Target.IsStocked);
        Assert.Equal(0.0, innovative.Target.SafetyStock);
        Assert.Equal(FulfilmentMode.MakeToOrder, innovative.Target.Parts[0].FulfilmentMode);
        Assert.False(innovative.Target.Parts[0].Stocked);
    }

    // A segment's target under a class-wide make_to_order was dropped silently (the cell holds no stock); refused, as one
    // cell setting both is.
    [Fact]
    public void SegmentTargetUnderAClassWideMakeToOrder_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ProductClassPolicy("innovative", MakeToOrder,
            new Dictionary<string, PolicyOverride> { ["strategic"] = new(Target: ServiceTarget.FillRate(0.99)) }));

        Assert.StartsWith("Segment 'strategic' sets a fill_rate target of 0.99, but the class makes its cell make_to_order", e.Message, StringComparison.Ordinal);
    }
}
