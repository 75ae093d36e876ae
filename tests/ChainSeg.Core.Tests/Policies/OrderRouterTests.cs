using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

// Hand-worked promises on the March 2025 calendar: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7, Sat 8, Sun 9, Mon 10 … Sat 15, Mon 17.
public sealed class OrderRouterTests
{
    private static readonly ServicePolicy Strategic = new(
        ServiceTarget.CycleServiceLevel(0.98), FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick,
        leadTimeDays: 2, cutoff: new TimeOnly(14, 0), deliveryWindowDays: 1, priority: 1, Surcharge.Percentage(2m));

    private static readonly ServicePolicy Express = new(
        ServiceTarget.FillRate(0.99), FulfilmentMode.MakeToStock, ServiceRoute.CrossDock,
        leadTimeDays: 0, cutoff: new TimeOnly(11, 0), deliveryWindowDays: 0, priority: 1, Surcharge.Amount(40m));

    private static readonly ServicePolicy Standard = new(
        null, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, leadTimeDays: 5, cutoff: new TimeOnly(12, 0), deliveryWindowDays: 2, priority: 4);

    private static OrderRouter Router(params DateOnly[] holidays) =>
        new(new PolicyBook([new("strategic", Strategic), new("express", Express)], Standard), BusinessCalendar.MondayToFriday(holidays));

    private static CustomerOrder Order(string? segment, DateTime at, DateOnly? requested = null, decimal value = 1250m) =>
        new("O-1", "C-9", segment, at, requested, value, [new OrderLine("SKU-1", 3.0)]);

    private static DateOnly March(int day) => new(2025, 3, day);

    private static DateTime March(int day, int hour, int minute) => new(2025, 3, day, hour, minute, 0);

    [Fact]
    public void Route_AfterCutoff_CountsFromNextBusinessDay()
    {
        // Mon 3 15:20 > 14:00 → day 0 = Tue 4; + 2 business days = Thu 6; window 1 → Fri 7; 2 % of 1,250.00 = 25.00.
        var decision = Router().Route(Order("strategic", March(3, 15, 20)));

        Assert.Equal(March(4), decision.DayZero);
        Assert.Equal(March(6), decision.EarliestDelivery);
        Assert.Equal(March(6), decision.PromisedDate);
        Assert.Equal(March(7), decision.WindowEnd);
        Assert.Equal(25.00m, decision.Surcharge);
        Assert.Equal(ServiceRoute.WarehousePick, decision.Route);
        Assert.Equal(FulfilmentMode.MakeToStock, decision.FulfilmentMode);
        Assert.Equal(1, decision.Priority);
        Assert.False(decision.IsFallbackPolicy);
        Assert.Equal(
            "strategic: ordered 2025-03-03 15:20, cut-off 14:00 passed → day 0 = 2025-03-04; 2 business days → 2025-03-06; "
            + "window 1 business day → 2025-03-06 to 2025-03-07; warehouse_pick, priority 1; surcharge 2 % of 1,250.00 = 25.00",
            decision.Rule);
    }

    [Fact]
    public void Route_BeforeCutoff_CountsFromOrderDay()
    {
        // Mon 3 09:15 ≤ 14:00 → day 0 = Mon 3; + 2 = Wed 5; window → Thu 6.
        var decision = Router().Route(Order("strategic", March(3, 9, 15)));

        Assert.Equal(March(3), decision.DayZero);
        Assert.Equal(March(5), decision.PromisedDate);
        Assert.Equal(March(6), decision.WindowEnd);
        Assert.StartsWith("strategic: ordered 2025-03-03 09:15, before cut-off 14:00 → day 0 = 2025-03-03; 2 business days → 2025-03-05;", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ExactlyAtCutoff_StillCountsFromOrderDay()
    {
        Assert.Equal(March(3), Router().Route(Order("strategic", March(3, 14, 0))).DayZero);
        Assert.Equal(March(4), Router().Route(Order("strategic", new DateTime(2025, 3, 3, 14, 0, 1))).DayZero);
    }

    [Fact]
    public void Route_OrderedOnSaturday_CountsFromMonday()
    {
        // Sat 8 10:00 (before the cut-off, but the day is closed) → day 0 = Mon 10; + 2 = Wed 12; window → Thu 13.
        var decision = Router().Route(Order("strategic", March(8, 10, 0)));

        Assert.Equal(March(10), decision.DayZero);
        Assert.Equal(March(12), decision.PromisedDate);
        Assert.Equal(March(13), decision.WindowEnd);
        Assert.Contains("ordered 2025-03-08 10:00 on a weekend → day 0 = 2025-03-10;", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_FridayAfterCutoff_CountsFromMonday()
    {
        // Fri 7 16:00 → day 0 = Mon 10 (weekend skipped); + 2 = Wed 12.
        var decision = Router().Route(Order("strategic", March(7, 16, 0)));

        Assert.Equal(March(10), decision.DayZero);
        Assert.Equal(March(12), decision.PromisedDate);
    }

    [Fact]
    public void Route_HolidayInsideLeadTime_IsSkippedAndNamed()
    {
        // Holiday Wed 5. Mon 3 09:00 → day 0 = Mon 3; + 1 = Tue 4; + 2 = Thu 6 (Wed 5 skipped); window → Fri 7.
        var decision = Router(March(5)).Route(Order("strategic", March(3, 9, 0)));

        Assert.Equal(March(6), decision.PromisedDate);
        Assert.Equal(March(7), decision.WindowEnd);
        Assert.Contains("2 business days (skipping holiday 2025-03-05) → 2025-03-06", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OrderedOnHoliday_CountsFromNextBusinessDay()
    {
        // Holiday Tue 4. Ordered Tue 4 08:00 → day 0 = Wed 5; + 2 = Fri 7; window → Mon 10.
        var decision = Router(March(4)).Route(Order("strategic", March(4, 8, 0)));

        Assert.Equal(March(5), decision.DayZero);
        Assert.Equal(March(7), decision.PromisedDate);
        Assert.Equal(March(10), decision.WindowEnd);
        Assert.Contains("ordered 2025-03-04 08:00 on a holiday → day 0 = 2025-03-05;", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_AfterCutoffBeforeHoliday_DayZeroSkipsHoliday()
    {
        // Holiday Tue 4. Mon 3 15:00 → next business day is Wed 5; + 2 = Fri 7.
        var decision = Router(March(4)).Route(Order("strategic", March(3, 15, 0)));

        Assert.Equal(March(5), decision.DayZero);
        Assert.Equal(March(7), decision.PromisedDate);
        Assert.Contains("cut-off 14:00 passed → day 0 = 2025-03-05 (skipping holiday 2025-03-04)", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_RequestedDateLater_PromisesRequestedDate()
    {
        // Earliest Thu 6; requested Wed 12 is later → promised Wed 12; window → Thu 13.
        var decision = Router().Route(Order("strategic", March(3, 15, 20), requested: March(12)));

        Assert.Equal(March(6), decision.EarliestDelivery);
        Assert.Equal(March(12), decision.PromisedDate);
        Assert.Equal(March(13), decision.WindowEnd);
        Assert.Contains("2 business days → 2025-03-06; requested 2025-03-12 is later → promised 2025-03-12; window 1 business day → 2025-03-12 to 2025-03-13",
            decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_RequestedDateLaterOnSaturday_PromisesFollowingMonday()
    {
        // Requested Sat 15 → promised Mon 17; window → Tue 18.
        var decision = Router().Route(Order("strategic", March(3, 9, 0), requested: March(15)));

        Assert.Equal(March(17), decision.PromisedDate);
        Assert.Equal(new DateOnly(2025, 3, 18), decision.WindowEnd);
        Assert.Contains("requested 2025-03-15 is later but a weekend → promised 2025-03-17", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_RequestedDateEarlier_PromisesEarliestAndSaysSo()
    {
        var decision = Router().Route(Order("strategic", March(3, 15, 20), requested: March(4)));

        Assert.Equal(March(6), decision.PromisedDate);
        Assert.Contains("requested 2025-03-04 is earlier than possible → promised 2025-03-06", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_RequestedDateEqualsEarliest_IsMet()
    {
        var decision = Router().Route(Order("strategic", March(3, 15, 20), requested: March(6)));

        Assert.Equal(March(6), decision.PromisedDate);
        Assert.Contains("requested 2025-03-06 met", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_WindowOverWeekend_EndsOnMonday()
    {
        // Wed 5 09:00 → day 0 Wed 5; + 2 = Fri 7; window 1 business day → Mon 10.
        var decision = Router().Route(Order("strategic", March(5, 9, 0)));

        Assert.Equal(March(7), decision.PromisedDate);
        Assert.Equal(March(10), decision.WindowEnd);
    }

    [Fact]
    public void Route_ZeroLeadTimeAndWindow_DeliversOnDayZero()
    {
        // express: cut-off 11:00, 0 days, no window, 40.00 flat. Tue 4 10:30 → delivered Tue 4; 12:00 → Wed 5.
        var sameDay = Router().Route(Order("express", March(4, 10, 30)));
        var nextDay = Router().Route(Order("express", March(4, 12, 0)));

        Assert.Equal(March(4), sameDay.PromisedDate);
        Assert.Equal(March(4), sameDay.WindowEnd);
        Assert.Equal(March(5), nextDay.PromisedDate);
        Assert.Equal(40m, sameDay.Surcharge);
        Assert.Equal(
            "express: ordered 2025-03-04 10:30, before cut-off 11:00 → day 0 = 2025-03-04; 0 business days → 2025-03-04; "
            + "no window → deliver on 2025-03-04; cross_dock, priority 1; surcharge 40.00 flat",
            sameDay.Rule);
    }

    [Fact]
    public void Route_UnknownSegment_UsesFallbackAndSaysSo()
    {
        // Fallback: make-to-order drop ship, 5 days, cut-off 12:00, window 2. Mon 3 13:00 → day 0 Tue 4; + 5 = Tue 11; window → Thu 13.
        var decision = Router().Route(Order("inactive", March(3, 13, 0)));

        Assert.True(decision.IsFallbackPolicy);
        Assert.Equal("inactive", decision.Segment);
        Assert.Equal(ServiceRoute.DropShip, decision.Route);
        Assert.Equal(FulfilmentMode.MakeToOrder, decision.FulfilmentMode);
        Assert.Equal(new DateOnly(2025, 3, 11), decision.PromisedDate);
        Assert.Equal(new DateOnly(2025, 3, 13), decision.WindowEnd);
        Assert.Equal(0m, decision.Surcharge);
        Assert.StartsWith("inactive (fallback policy): ", decision.Rule, StringComparison.Ordinal);
        Assert.EndsWith("drop_ship, priority 4; no surcharge", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_CustomerWithoutSegment_UsesFallback()
    {
        var decision = Router().Route(Order(null, March(3, 9, 0)));

        Assert.True(decision.IsFallbackPolicy);
        Assert.Null(decision.Segment);
        Assert.StartsWith("no segment (fallback policy): ", decision.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_DefaultBook_CzIsDropShippedWithFlatFee()
    {
        // CZ: 10 business days from Mon 3 (09:00 ≤ 12:00) → Mon 17; window 3 → Thu 20; 25.00 flat.
        var router = new OrderRouter(DefaultPolicies.AbcXyz, BusinessCalendar.MondayToFriday());
        var decision = router.Route(Order("CZ", March(3, 9, 0)));

        Assert.Equal(ServiceRoute.DropShip, decision.Route);
        Assert.Equal(March(17), decision.PromisedDate);
        Assert.Equal(new DateOnly(2025, 3, 20), decision.WindowEnd);
        Assert.Equal(25m, decision.Surcharge);
        Assert.Equal(4, decision.Priority);
    }

    [Fact]
    public void Route_SameOrderTwice_GivesSameDecision()
    {
        var order = Order("strategic", March(3, 15, 20), requested: March(12));

        Assert.Equal(Router().Route(order), Router().Route(order));
    }

    // Product class cells (Fisher 1997 crossed with the segments): innovative SKUs are made to order in 10 business days for
    // every segment, functional SKUs of strategic customers ship in 1. An order is delivered in full, so its slowest line
    // sets the promise; route, cut-off, window, priority and surcharge stay the segment's.
    private static OrderRouter CellRouter() =>
        new(new PolicyBook([new("strategic", Strategic), new("express", Express)], Standard).WithProductClasses(
            [
                new ProductClassPolicy("innovative", new PolicyOverride(FulfilmentMode.MakeToOrder, LeadTimeDays: 10)),
                new ProductClassPolicy("functional", null, new Dictionary<string, PolicyOverride> { ["strategic"] = new(LeadTimeDays: 1) }),
            ]),
            BusinessCalendar.MondayToFriday(),
            new Dictionary<string, string> { ["GADGET"] = "innovative", ["BOLT"] = "functional" });

    private static CustomerOrder OrderOf(string segment, params string[] skus) =>
        new("O-2", "C-9", segment, March(3, 9, 0), null, 1000m, [.. skus.Select(s => new OrderLine(s, 1.0))]);

    [Fact]
    public void Route_AnInnovativeLineUnderAMakeToOrderCell_SetsTheOrdersPromise()
    {
        // Mon 3 09:00 before 14:00 → day 0 = Mon 3; GADGET's cell: 10 business days → Mon 17; window 1 → Tue 18.
        var decision = CellRouter().Route(OrderOf("strategic", "BOLT", "GADGET"));

        Assert.Equal((FulfilmentMode.MakeToOrder, March(17), March(18)), (decision.FulfilmentMode, decision.PromisedDate, decision.WindowEnd));
        Assert.Equal((ServiceRoute.WarehousePick, 1, 20m), (decision.Route, decision.Priority, decision.Surcharge));
        Assert.Equal("strategic: ordered 2025-03-03 09:00, before cut-off 14:00 → day 0 = 2025-03-03; GADGET is innovative → make_to_order, "
            + "10 business days (its slowest line); 10 business days → 2025-03-17; window 1 business day → 2025-03-17 to 2025-03-18; "
            + "warehouse_pick, priority 1; surcharge 2 % of 1,000.00 = 20.00", decision.Rule);
    }

    [Fact]
    public void Route_OnlyFunctionalLines_TakeTheirCell_AndAnUnknownSkuIsUnclassified()
    {
        var bolts = CellRouter().Route(OrderOf("strategic", "BOLT"));
        Assert.Equal((FulfilmentMode.MakeToStock, March(4)), (bolts.FulfilmentMode, bolts.EarliestDelivery));
        Assert.Contains("BOLT is functional → make_to_stock, 1 business day (its slowest line)", bolts.Rule, StringComparison.Ordinal);

        // NEW-SKU has no class (unclassified: no cells), so the segment's own 2 days decide over BOLT's 1, with no cell clause.
        var mixed = CellRouter().Route(OrderOf("strategic", "BOLT", "NEW-SKU"));
        Assert.Equal(March(5), mixed.EarliestDelivery);
        Assert.DoesNotContain("slowest line", mixed.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_WithoutProductClasses_IsTheSegmentsPolicy()
    {
        var book = new PolicyBook([new("strategic", Strategic)], Standard)
            .WithProductClasses([new ProductClassPolicy("innovative", new PolicyOverride(FulfilmentMode.MakeToOrder, LeadTimeDays: 10))]);

        var decision = new OrderRouter(book, BusinessCalendar.MondayToFriday()).Route(OrderOf("strategic", "GADGET"));

        Assert.Equal((FulfilmentMode.MakeToStock, March(5)), (decision.FulfilmentMode, decision.EarliestDelivery));
    }
}
