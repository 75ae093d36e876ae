using System.Globalization;
using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class ShortageAllocatorTests
{
    private static readonly ShortageRules ThreeTiers = new(
    [
        new SegmentShortageRule("strategic", 1),
        new SegmentShortageRule("core", 2),
        new SegmentShortageRule("standard", 3),
    ]);

    private static OpenOrderLine Line(string id, string segment, double quantity, string sku = "A", DateOnly? requested = null, double? margin = null, string? location = null) =>
        new(id, "C-" + id, segment, sku, quantity, margin, requested, location);

    private static LineAllocation ById(ShortageAllocationResult result, string id) => result.Lines.Single(l => l.LineId == id);

    [Fact]
    public void Allocate_ThreeTiers_ServesTiersInStrictPriority()
    {
        // Supply 100. Tier 1 orders 40 + 20 = 60 and is filled; 40 remain for tier 2's 50 + 30 = 80, so each tier-2
        // line gets 40/80 = 50 % (25 and 15); tier 3 gets nothing.
        OpenOrderLine[] lines =
        [
            Line("L1", "strategic", 40), Line("L2", "strategic", 20),
            Line("L3", "core", 50), Line("L4", "core", 30),
            Line("L5", "standard", 10),
        ];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 100)], ThreeTiers);

        Assert.Equal([40.0, 20.0, 25.0, 15.0, 0.0], result.Lines.Select(l => Math.Round(l.Allocated, 9)));
        Assert.Equal(
            [AllocationRule.TierServedInFull, AllocationRule.TierServedInFull, AllocationRule.TierFairShare, AllocationRule.TierFairShare, AllocationRule.NothingLeft],
            result.Lines.Select(l => l.Rule));
        Assert.Equal(0.5, ById(result, "L3").FillRatio, 9);
        Assert.Contains("50 %", ById(result, "L3").Reason, StringComparison.Ordinal);
        Assert.Equal([1, 1, 2, 2, 3], result.Lines.Select(l => l.Tier));
    }

    [Fact]
    public void Allocate_SupplyCoversDemand_FillsEveryLine()
    {
        var result = ShortageAllocator.Allocate([Line("L1", "standard", 30), Line("L2", "core", 20)], [new SkuSupply("A", 50)], ThreeTiers);

        Assert.All(result.Lines, l => Assert.Equal(1.0, l.FillRatio));
        Assert.All(result.Lines, l => Assert.Equal(AllocationRule.SupplyCoversDemand, l.Rule));
        Assert.False(Assert.Single(result.StockPoints).Short);
    }

    [Fact]
    public void Allocate_OneShortTierAcrossSegments_GivesEveryLineTheSameRatio()
    {
        // Two segments share tier 1; supply 90 against 20 + 50 + 30 + 100 = 200 gives every line 45 %.
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1), new SegmentShortageRule("core", 1)]);
        OpenOrderLine[] lines = [Line("L1", "strategic", 20), Line("L2", "core", 50), Line("L3", "strategic", 30), Line("L4", "core", 100)];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 90)], rules);

        Assert.All(result.Lines, l => Assert.Equal(0.45, l.FillRatio, 9));
        Assert.All(result.Lines, l => Assert.Equal(AllocationRule.TierFairShare, l.Rule));
        Assert.Equal(90.0, result.Lines.Sum(l => l.Allocated), 9);
    }

    [Fact]
    public void Allocate_MinimumFills_AreHonouredBeforeTierPriority()
    {
        // Supply 150. Floors: strategic 95 % of 100 = 95, standard 50 % of 40 = 20 (115 ≤ 150). Tier 1 = strategic and
        // core; 150 − 20 = 130 is left for tier 1 after standard's floor: 100·max(z, 0.95) + 100·z = 130 gives z = 0.35,
        // so strategic stays at its 95, core gets 35 %, and tier-3 standard gets exactly its floor of 20.
        var rules = new ShortageRules(
        [
            new SegmentShortageRule("strategic", 1, 0.95),
            new SegmentShortageRule("core", 1),
            new SegmentShortageRule("standard", 3, 0.5),
        ]);
        OpenOrderLine[] lines =
        [
            Line("S1", "strategic", 60), Line("S2", "strategic", 40),
            Line("C1", "core", 100),
            Line("T1", "standard", 10), Line("T2", "standard", 30),
        ];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 150)], rules);

        Assert.Equal([57.0, 38.0, 35.0, 5.0, 15.0], result.Lines.Select(l => Math.Round(l.Allocated, 7)));
        Assert.Equal(
            [AllocationRule.MinimumFill, AllocationRule.MinimumFill, AllocationRule.TierFairShare, AllocationRule.MinimumFill, AllocationRule.MinimumFill],
            result.Lines.Select(l => l.Rule));
        Assert.Contains("95 %", ById(result, "S1").Reason, StringComparison.Ordinal);
        Assert.Contains("35 %", ById(result, "S1").Reason, StringComparison.Ordinal);
        var segments = result.Segments.ToDictionary(s => s.Segment);
        Assert.Equal(0.95, segments["strategic"].FillRate, 9);
        Assert.True(segments["strategic"].GuaranteeMet);
        Assert.Equal(0.5, segments["standard"].FillRate, 9);
        Assert.True(segments["standard"].GuaranteeMet);
        Assert.Equal(0.35, segments["core"].FillRate, 9);
    }

    [Fact]
    public void Allocate_LowerTierGuaranteeTakesAllSupply_LeavesNothingForHigherTier()
    {
        // A tier-2 guarantee of 100 % on 30 units takes all 30 units of supply: the guarantee comes first.
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1), new SegmentShortageRule("contract", 2, 1.0)]);

        var result = ShortageAllocator.Allocate([Line("L1", "strategic", 50), Line("L2", "contract", 30)], [new SkuSupply("A", 30)], rules);

        Assert.Equal(0.0, ById(result, "L1").Allocated, 9);
        Assert.Equal(AllocationRule.NothingLeft, ById(result, "L1").Rule);
        Assert.Equal(30.0, ById(result, "L2").Allocated, 9);
    }

    [Fact]
    public void Allocate_GuaranteesExceedSupply_ThrowsNamingSkuSupplyAndGuaranteedQuantity()
    {
        // Floors: 95 % of 100 = 95 plus 50 % of 40 = 20 make 115 units against a supply of 100.
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1, 0.95), new SegmentShortageRule("standard", 2, 0.5)]);
        OpenOrderLine[] lines = [Line("L1", "strategic", 100, sku: "SKU-9"), Line("L2", "standard", 40, sku: "SKU-9")];

        var ex = Assert.Throws<AllocationInfeasibleException>(() => ShortageAllocator.Allocate(lines, [new SkuSupply("SKU-9", 100)], rules));

        Assert.Contains("SKU 'SKU-9'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("need 115 units but supply is 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'strategic' 95 % of 100 = 95", ex.Message, StringComparison.Ordinal);
        Assert.Equal(100.0, ex.Available);
        Assert.Equal(115.0, ex.Required, 9);
    }

    [Fact]
    public void Allocate_GuaranteeWithoutSupplyRecord_ThrowsWithZeroSupply()
    {
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1, 0.5)]);

        var ex = Assert.Throws<AllocationInfeasibleException>(() => ShortageAllocator.Allocate([Line("L1", "strategic", 10, sku: "B")], [], rules));

        Assert.Contains("need 5 units but supply is 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_NoSupplyOfTheSku_ReasonSaysSoNotThatHigherTiersTookIt()
    {
        // The reason read "nothing left for tier 2 … after minimum fills and higher tiers" for a SKU with no supply at all,
        // sending the planner to look for tiers and minimums that took nothing.
        var result = ShortageAllocator.Allocate([Line("L1", "core", 10, sku: "B")], [new SkuSupply("A", 5)], ThreeTiers);

        Assert.Equal((AllocationRule.NothingLeft, "no supply of SKU 'B' for any tier (supply 0, demand 10)"), (result.Lines[0].Rule, result.Lines[0].Reason));
    }

    [Fact]
    public void Allocate_NoSupplyRecordWithoutGuarantee_AllocatesNothing()
    {
        var result = ShortageAllocator.Allocate([Line("L1", "core", 10, sku: "B")], [new SkuSupply("A", 5)], ThreeTiers);

        Assert.Equal(0.0, result.Lines[0].Allocated);
        Assert.Equal(AllocationRule.NothingLeft, result.Lines[0].Rule);
    }

    [Fact]
    public void Allocate_SupplyByLocation_LinesDrawOnTheirOwnLocation()
    {
        // DC1 holds 10 for 20 ordered (50 %); DC2 holds 30 for 15 ordered (full).
        OpenOrderLine[] lines = [Line("L1", "core", 20, location: "DC1"), Line("L2", "core", 15, location: "DC2")];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 10, "DC1"), new SkuSupply("A", 30, "DC2")], ThreeTiers);

        Assert.Equal(10.0, ById(result, "L1").Allocated, 9);
        Assert.Equal(15.0, ById(result, "L2").Allocated, 9);
        Assert.Contains("SKU 'A' at 'DC1'", ById(result, "L1").Reason, StringComparison.Ordinal);
        Assert.Equal(["DC1", "DC2"], result.StockPoints.Select(p => p.LocationId));
    }

    [Fact]
    public void Allocate_IntegerUnits_GivesTheLeftoverUnitToTheEarliestRequestedDate()
    {
        // Supply 10 over three lines of 7: each quota is 10/3 = 3.33; 3 + 3 + 3 = 9 leaves one unit, and the remainders
        // tie, so the earliest requested date (L2) gets it.
        var rules = new ShortageRules([new SegmentShortageRule("core", 1)], integerUnits: true);
        OpenOrderLine[] lines =
        [
            Line("L1", "core", 7, requested: new DateOnly(2026, 3, 5)),
            Line("L2", "core", 7, requested: new DateOnly(2026, 3, 1)),
            Line("L3", "core", 7),
        ];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 10)], rules);

        Assert.Equal([3.0, 4.0, 3.0], result.Lines.Select(l => l.Allocated));
        Assert.Contains("rounded up", ById(result, "L2").Reason, StringComparison.Ordinal);
        Assert.Contains("rounded down", ById(result, "L1").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_IntegerUnitsEqualDates_GivesTheLeftoverUnitToTheHigherMarginThenTheLowerId()
    {
        var rules = new ShortageRules([new SegmentShortageRule("core", 1)], integerUnits: true);
        OpenOrderLine[] byMargin = [Line("L1", "core", 7, margin: 2.0), Line("L2", "core", 7, margin: 5.0), Line("L3", "core", 7)];
        OpenOrderLine[] byId = [Line("L9", "core", 7), Line("L3", "core", 7), Line("L5", "core", 7)];

        var marginResult = ShortageAllocator.Allocate(byMargin, [new SkuSupply("A", 10)], rules);
        var idResult = ShortageAllocator.Allocate(byId, [new SkuSupply("A", 10)], rules);

        Assert.Equal([3.0, 4.0, 3.0], marginResult.Lines.Select(l => l.Allocated));
        Assert.Equal([3.0, 4.0, 3.0], idResult.Lines.Select(l => l.Allocated));
    }

    [Fact]
    public void Allocate_IntegerUnits_LargestRemainderWinsWithinATier()
    {
        // Supply 10 against 4 + 8 + 12 = 24: quotas 1.67, 3.33, 5 → floors 1 + 3 + 5 = 9; the one unit left goes to the
        // largest remainder (0.67, line L1).
        var rules = new ShortageRules([new SegmentShortageRule("core", 1)], integerUnits: true);

        var result = ShortageAllocator.Allocate([Line("L1", "core", 4), Line("L2", "core", 8), Line("L3", "core", 12)], [new SkuSupply("A", 10)], rules);

        Assert.Equal([2.0, 3.0, 5.0], result.Lines.Select(l => l.Allocated));
    }

    [Fact]
    public void Allocate_IntegerUnits_KeepsWholeUnitGuaranteeOfLowerTier()
    {
        // Supply 10. Standard (tier 2, 50 %) orders 3 + 3 = 6: its floor is 3 whole units, quotas 1.5 and 1.5. Tier 1
        // gets 10 − 3 = 7 over 4 + 4 + 4: quotas 2.33 each. Floors 2+2+2+1+1 = 8 leave 2 units; tier priority alone would
        // give both to tier 1, but standard's floor needs one of them, so tier 1 ends at 7 and standard at 3.
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1), new SegmentShortageRule("standard", 2, 0.5)], integerUnits: true);
        OpenOrderLine[] lines =
        [
            Line("S1", "strategic", 4), Line("S2", "strategic", 4), Line("S3", "strategic", 4),
            Line("T1", "standard", 3), Line("T2", "standard", 3),
        ];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 10)], rules);

        Assert.Equal(7.0, result.Lines.Where(l => l.Segment == "strategic").Sum(l => l.Allocated));
        Assert.Equal(3.0, result.Lines.Where(l => l.Segment == "standard").Sum(l => l.Allocated));
        Assert.All(result.Lines, l => Assert.Equal(l.Allocated, Math.Round(l.Allocated)));
        Assert.All(result.Lines.Where(l => l.Segment == "strategic"), l => Assert.InRange(l.Allocated, 2.0, 3.0));
        Assert.True(result.Segments.Single(s => s.Segment == "standard").GuaranteeMet);
    }

    [Fact]
    public void Allocate_IntegerUnitsGuaranteeRoundsUp_ThrowsWhenWholeUnitsDoNotFit()
    {
        // 50 % of 5 units is 2.5, i.e. 3 whole units per segment: 6 > supply 5, although 2.5 + 2.5 would fit.
        var rules = new ShortageRules([new SegmentShortageRule("a", 1, 0.5), new SegmentShortageRule("b", 1, 0.5)], integerUnits: true);

        var ex = Assert.Throws<AllocationInfeasibleException>(
            () => ShortageAllocator.Allocate([Line("L1", "a", 5), Line("L2", "b", 5)], [new SkuSupply("A", 5)], rules));

        Assert.Equal(6.0, ex.Required);
    }

    [Fact]
    public void Allocate_IntegerUnitsFractionalQuantity_ThrowsNamingLine()
    {
        var rules = new ShortageRules([new SegmentShortageRule("core", 1)], integerUnits: true);

        var ex = Assert.Throws<ArgumentException>(() => ShortageAllocator.Allocate([Line("L7", "core", 2.5)], [new SkuSupply("A", 1)], rules));

        Assert.Contains("'L7'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("whole number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_IntegerUnitsFractionalSupply_Throws()
    {
        var rules = new ShortageRules([new SegmentShortageRule("core", 1)], integerUnits: true);

        Assert.Throws<ArgumentException>(() => ShortageAllocator.Allocate([Line("L1", "core", 2)], [new SkuSupply("A", 1.5)], rules));
    }

    [Fact]
    public void Allocate_GermanCulture_WordsNumbersInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            // Supply 12.5 against 25 ordered: 50 %.
            var result = ShortageAllocator.Allocate([Line("L1", "core", 25)], [new SkuSupply("A", 12.5)], ThreeTiers);

            Assert.Contains("supply 12.5, demand 25", result.Lines[0].Reason, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Allocate_DuplicateLineId_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => ShortageAllocator.Allocate([Line("L1", "core", 2), Line("L1", "core", 3)], [new SkuSupply("A", 1)], ThreeTiers));

        Assert.Contains("'L1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_DuplicateSupplyRecord_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => ShortageAllocator.Allocate([Line("L1", "core", 2)], [new SkuSupply("A", 1, "DC1"), new SkuSupply("A", 4, "DC1")], ThreeTiers));
    }

    [Fact]
    public void Allocate_SegmentWithoutRule_ThrowsListingKnownSegments()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShortageAllocator.Allocate([Line("L1", "prospect", 2)], [new SkuSupply("A", 1)], ThreeTiers));

        Assert.Contains("'prospect'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("strategic, core, standard", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_SegmentSummary_CountsOrderedAllocatedAndMargin()
    {
        // Supply 100: strategic 60 in full; core 80 at 50 % = 40. Margin: core lines carry 2 and 3 per unit: 25·2 + 15·3 = 95.
        OpenOrderLine[] lines =
        [
            Line("L1", "strategic", 40), Line("L2", "strategic", 20),
            Line("L3", "core", 50, margin: 2.0), Line("L4", "core", 30, margin: 3.0),
        ];

        var result = ShortageAllocator.Allocate(lines, [new SkuSupply("A", 100)], ThreeTiers);

        var core = result.Segments.Single(s => s.Segment == "core");
        Assert.Equal((2, 80.0, 40.0, 0.5), (core.Lines, core.Ordered, Math.Round(core.Allocated, 9), Math.Round(core.FillRate, 9)));
        Assert.Equal(95.0, core.AllocatedMargin!.Value, 9);
        Assert.Null(result.Segments.Single(s => s.Segment == "strategic").AllocatedMargin);
        Assert.Equal(["strategic", "core"], result.Segments.Select(s => s.Segment));
        var point = Assert.Single(result.StockPoints);
        Assert.Equal((100.0, 140.0, true), (point.Supply, point.Ordered, point.Short));
        Assert.Equal(100.0, point.Allocated, 9);
    }

    // Independent check: the lexicographic LP against a closed-form water-filling on seeded random instances. With one
    // supply per stock point, the fair share of a tier is ratio = max(floor, z) per segment, z found by bisection on the
    // units the tier needs beyond its floors; a tier whose need at z = 1 fits is served in full, and lower tiers keep
    // their floors only.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Allocate_RandomInstances_MatchWaterFilling(int seed)
    {
        var random = new Random(seed);
        string[] segments = ["s0", "s1", "s2", "s3", "s4"];
        int[] tiers = [1, 1, 2, 3, 3];
        double[] floors = [0.6, 0.0, 0.3, 0.0, 0.1];
        var rules = new ShortageRules(segments.Select((s, g) => new SegmentShortageRule(s, tiers[g], floors[g])));
        var lines = new List<OpenOrderLine>();
        var supply = new List<SkuSupply>();
        for (var k = 0; k < 40; k++)
        {
            var sku = $"K{k:00}";
            var ordered = 0.0;
            var guaranteed = 0.0;
            var count = random.Next(1, 25);
            for (var i = 0; i < count; i++)
            {
                var quantity = 1 + random.Next(100);
                var g = random.Next(segments.Length);
                ordered += quantity;
                guaranteed += floors[g] * quantity;
                lines.Add(Line($"{sku}-{i}", segments[g], quantity, sku));
            }

            supply.Add(new SkuSupply(sku, Math.Max(Math.Round(ordered * (0.3 + random.NextDouble()), 1), Math.Ceiling(guaranteed))));
        }

        var result = ShortageAllocator.Allocate(lines, supply, rules);

        Assert.Contains(result.Lines, l => l.Rule == AllocationRule.TierFairShare);
        Assert.Contains(result.Lines, l => l.Rule == AllocationRule.MinimumFill);
        foreach (var skuLines in lines.GroupBy(l => l.Sku))
        {
            var expected = WaterFill(
                supply.Single(s => s.Sku == skuLines.Key).Quantity,
                [.. segments.Select(s => skuLines.Where(l => l.Segment == s).Sum(l => l.Quantity))],
                tiers,
                floors);
            foreach (var line in skuLines)
            {
                var g = Array.IndexOf(segments, line.Segment);
                Assert.Equal(expected[g], ById(result, line.LineId).FillRatio, 7);
            }
        }
    }

    [Fact]
    public void Allocate_RandomInstances_NeverExceedSupplyOrOrders()
    {
        var random = new Random(11);
        var rules = new ShortageRules([new SegmentShortageRule("a", 1, 0.2), new SegmentShortageRule("b", 2), new SegmentShortageRule("c", 2, 0.1)]);
        var lines = Enumerable.Range(0, 600).Select(i => Line($"L{i}", "abc"[random.Next(3)].ToString(), 1 + random.Next(50), $"K{random.Next(30)}")).ToList();
        var supply = lines.GroupBy(l => l.Sku).Select(g => new SkuSupply(g.Key, Math.Floor(g.Sum(l => l.Quantity) * 0.6))).ToList();

        foreach (var integer in new[] { false, true })
        {
            var result = ShortageAllocator.Allocate(lines, supply, new ShortageRules(rules.Segments, integer));

            foreach (var point in result.StockPoints)
            {
                Assert.True(point.Allocated <= point.Supply * (1 + 1e-12), $"{point.Sku}: {point.Allocated} > {point.Supply}");
                Assert.Equal(point.Supply, point.Allocated, 6); // every SKU is short, so all supply is used
            }

            Assert.All(result.Lines, l => Assert.InRange(l.Allocated, 0.0, l.Ordered));
            Assert.All(result.Segments, s => Assert.True(s.GuaranteeMet, s.Segment));
        }
    }

    // Independent check of the whole-unit rounding on seeded random instances: compared with the continuous quotas (the
    // same LP without rounding; floors are whole here, so both modes share the quotas), every line is within one unit,
    // and no unit could move from a line to a more preferred one (higher tier, larger remainder, earlier date, higher
    // margin, lower id) without breaking a segment's whole-unit floor. For these constraints (one cardinality bound,
    // floors on disjoint groups) no improving swap means optimal.
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Allocate_IntegerUnitsRandom_NoSwapGivesAUnitToAMorePreferredLine(int seed)
    {
        var random = new Random(seed);
        var rules = new ShortageRules([new SegmentShortageRule("a", 1), new SegmentShortageRule("b", 2, 0.5), new SegmentShortageRule("c", 2)]);
        var lines = Enumerable.Range(0, 400).Select(i => Line(
            $"L{i:000}",
            "abc"[random.Next(3)].ToString(),
            2 * (1 + random.Next(6)),
            $"K{random.Next(15)}",
            requested: new DateOnly(2026, 1, 1).AddDays(random.Next(3)),
            margin: random.Next(3))).ToList();
        var supply = lines.GroupBy(l => l.Sku).Select(g => new SkuSupply(g.Key, Math.Floor(g.Sum(l => l.Quantity) * (0.2 + (0.6 * random.NextDouble()))))).ToList();
        supply = [.. supply.Select(s => new SkuSupply(s.Sku, Math.Max(s.Quantity, lines.Where(l => l.Sku == s.Sku && l.Segment == "b").Sum(l => l.Quantity) / 2)))];

        var quotas = ShortageAllocator.Allocate(lines, supply, rules).Lines.ToDictionary(l => l.LineId, l => l.Allocated);
        var whole = ShortageAllocator.Allocate(lines, supply, new ShortageRules(rules.Segments, integerUnits: true));
        var byId = lines.ToDictionary(l => l.LineId);

        var roundedUp = 0;
        foreach (var point in whole.Lines.GroupBy(l => l.Sku))
        {
            var floorMet = point.Where(l => l.Segment == "b").Sum(l => l.Allocated) <= point.Where(l => l.Segment == "b").Sum(l => l.Ordered) / 2;
            var candidates = point.Where(l => quotas[l.LineId] % 1.0 > 1e-9).ToList();
            foreach (var line in point)
            {
                Assert.InRange(line.Allocated - quotas[line.LineId], -1.0 + 1e-9, 1.0 - 1e-9);
            }

            foreach (var up in candidates.Where(l => l.Allocated > quotas[l.LineId]))
            {
                roundedUp++;
                foreach (var down in candidates.Where(l => l.Allocated < quotas[l.LineId] && Prefer(byId[l.LineId], byId[up.LineId], l.Tier, up.Tier, quotas) < 0))
                {
                    // Moving the unit from `up` to the preferred `down` is only allowed to fail on b's floor.
                    Assert.True(up.Segment == "b" && down.Segment != "b" && floorMet, $"{down.LineId} is preferred to {up.LineId} on SKU {point.Key}");
                }
            }
        }

        Assert.True(roundedUp > 10);
    }

    /// <summary>Negative when a is preferred to b for a left-over unit: tier, remainder, requested date, margin, line id.</summary>
    private static int Prefer(OpenOrderLine a, OpenOrderLine b, int tierA, int tierB, Dictionary<string, double> quotas)
    {
        var byTier = tierA.CompareTo(tierB);
        var byRemainder = Math.Round(quotas[b.LineId] % 1.0, 9).CompareTo(Math.Round(quotas[a.LineId] % 1.0, 9));
        var byDate = a.RequestedDate!.Value.CompareTo(b.RequestedDate!.Value);
        var byMargin = b.UnitMargin!.Value.CompareTo(a.UnitMargin!.Value);
        int[] order = [byTier, byRemainder, byDate, byMargin, string.CompareOrdinal(a.LineId, b.LineId)];
        return order.FirstOrDefault(c => c != 0);
    }

    [Fact]
    public void Allocate_ShuffledInput_GivesTheSameAllocationPerLine()
    {
        var random = new Random(5);
        var rules = new ShortageRules([new SegmentShortageRule("a", 1, 0.3), new SegmentShortageRule("b", 1), new SegmentShortageRule("c", 2)], integerUnits: true);
        var lines = Enumerable.Range(0, 300).Select(i => Line($"L{i:000}", "abc"[random.Next(3)].ToString(), 1 + random.Next(9), $"K{random.Next(12)}")).ToList();
        var supply = lines.GroupBy(l => l.Sku).Select(g => new SkuSupply(g.Key, Math.Floor(g.Sum(l => l.Quantity) * 0.55))).ToList();
        var shuffled = lines.OrderBy(_ => random.Next()).ToList();

        var first = ShortageAllocator.Allocate(lines, supply, rules);
        var again = ShortageAllocator.Allocate(lines, supply, rules);
        var reordered = ShortageAllocator.Allocate(shuffled, supply.AsEnumerable().Reverse().ToList(), rules);

        Assert.Equal(first, again, new ResultComparer());
        Assert.Equal(
            first.Lines.OrderBy(l => l.LineId, StringComparer.Ordinal).Select(l => (l.LineId, l.Allocated)),
            reordered.Lines.OrderBy(l => l.LineId, StringComparer.Ordinal).Select(l => (l.LineId, l.Allocated)));
    }

    /// <summary>Water-filling per stock point (see the test comment): fill ratio per segment.</summary>
    private static double[] WaterFill(double supply, double[] ordered, int[] tiers, double[] floors)
    {
        var ratios = new double[ordered.Length];
        var left = supply;
        for (var g = 0; g < ordered.Length; g++)
        {
            ratios[g] = floors[g];
            left -= floors[g] * ordered[g];
        }

        foreach (var tier in tiers.Distinct().Order())
        {
            var members = Enumerable.Range(0, ordered.Length).Where(g => tiers[g] == tier && ordered[g] > 0).ToList();
            double Extra(double z) => members.Sum(g => ordered[g] * (Math.Max(floors[g], z) - floors[g]));
            var level = 1.0;
            if (Extra(1.0) > left)
            {
                double low = 0.0, high = 1.0;
                for (var step = 0; step < 200; step++)
                {
                    var mid = 0.5 * (low + high);
                    (low, high) = Extra(mid) > left ? (low, mid) : (mid, high);
                }

                level = low;
            }

            left -= Extra(level);
            foreach (var g in members)
            {
                ratios[g] = Math.Max(floors[g], level);
            }
        }

        return ratios;
    }

    private sealed class ResultComparer : IEqualityComparer<ShortageAllocationResult>
    {
        public bool Equals(ShortageAllocationResult? x, ShortageAllocationResult? y) =>
            x is not null && y is not null
            && x.Lines.SequenceEqual(y.Lines) && x.Segments.SequenceEqual(y.Segments) && x.StockPoints.SequenceEqual(y.StockPoints);

        public int GetHashCode(ShortageAllocationResult obj) => obj.Lines.Count;
    }
}
