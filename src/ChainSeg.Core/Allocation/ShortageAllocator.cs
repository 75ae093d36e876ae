using System.Globalization;

namespace ChainSeg.Core.Allocation;

/// <summary>
/// Allocates short supply to open order lines by pre-approved segment rules: minimum fill guarantees first, then strict
/// priority between tiers, and a fair share inside each tier (every line of the tier at the same fill ratio, as far as
/// the guarantees allow). Solved as a lexicographic LP with OR-Tools GLOP; with whole units, the LP's quotas are then
/// rounded by an integer programme (CP-SAT). Stock points (SKU, or SKU at a location) are independent.
/// </summary>
public static class ShortageAllocator
{
    /// <summary>Relative slack when comparing sums of units against supply.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Allocates supply to the open order lines.</summary>
    /// <param name="lines">Open order lines; line ids must be unique.</param>
    /// <param name="supply">Supply per stock point; a stock point without a record has no supply.</param>
    /// <param name="rules">Shortage rules; every line's segment needs one.</param>
    /// <returns>Per line (in input order), per segment and per stock point.</returns>
    /// <exception cref="ArgumentException">Duplicate line ids or supply records, a segment without a rule, or fractional
    /// quantities when whole units are required.</exception>
    /// <exception cref="AllocationInfeasibleException">A stock point's minimum fills need more units than its supply
    /// (the message names the SKU, the supply and the guaranteed quantity).</exception>
    public static ShortageAllocationResult Allocate(IReadOnlyList<OpenOrderLine> lines, IReadOnlyList<SkuSupply> supply, ShortageRules rules)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(supply);
        ArgumentNullException.ThrowIfNull(rules);
        var available = SupplyByPoint(supply, rules.IntegerUnits);
        var points = Group(lines, rules);
        foreach (var point in points)
        {
            point.Supply = available.GetValueOrDefault(point.Key);
            point.CheckGuarantees(rules.IntegerUnits);
        }

        var shortPoints = points.Where(p => p.IsShort).ToList();
        var (ratios, levels) = FairShareProgramme.Solve(
            [.. shortPoints.Select(p => p.Supply)],
            [.. shortPoints.Select(p => (IReadOnlyList<SegmentDemand>)[.. p.Groups.Select(g => g.Demand)])]);
        for (var k = 0; k < shortPoints.Count; k++)
        {
            for (var j = 0; j < shortPoints[k].Groups.Count; j++)
            {
                shortPoints[k].Groups[j].Ratio = ratios[k][j];
                shortPoints[k].Groups[j].TierLevel = levels[k][j];
            }
        }

        var quotas = Quotas(lines, points);
        var allocated = rules.IntegerUnits ? RoundToWholeUnits(lines, points, quotas) : quotas;

        var groupOf = new PointGroup[lines.Count];
        foreach (var point in points)
        {
            foreach (var group in point.Groups)
            {
                foreach (var i in group.LineIndices)
                {
                    groupOf[i] = group;
                    group.Allocated += allocated[i];
                }

                point.Allocated += group.Allocated;
            }
        }

        var lineAllocations = new LineAllocation[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            lineAllocations[i] = Describe(lines[i], groupOf[i], quotas[i], allocated[i], rules.IntegerUnits);
        }

        return new ShortageAllocationResult(
            lineAllocations,
            SegmentFills(lines, allocated, points, rules),
            [.. points.Select(p => new StockPointFill(p.Key.Sku, p.Key.LocationId, p.Supply, p.Ordered, p.Allocated, p.IsShort))]);
    }

    private static Dictionary<StockPoint, double> SupplyByPoint(IReadOnlyList<SkuSupply> supply, bool integerUnits)
    {
        var byPoint = new Dictionary<StockPoint, double>();
        foreach (var record in supply)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(supply));
            var key = new StockPoint(record.Sku, record.LocationId);
            if (integerUnits && record.Quantity != Math.Floor(record.Quantity))
            {
                throw new ArgumentException(
                    $"Supply of {key.Label} must be a whole number of units when integer units are required; got {Format(record.Quantity)}.", nameof(supply));
            }

            if (!byPoint.TryAdd(key, record.Quantity))
            {
                throw new ArgumentException($"Supply of {key.Label} is given more than once.", nameof(supply));
            }
        }

        return byPoint;
    }

    private static List<PointDemand> Group(IReadOnlyList<OpenOrderLine> lines, ShortageRules rules)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var points = new Dictionary<StockPoint, PointDemand>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            ArgumentNullException.ThrowIfNull(line, nameof(lines));
            if (!ids.Add(line.LineId))
            {
                throw new ArgumentException($"Order line '{line.LineId}' appears more than once.", nameof(lines));
            }

            if (rules.IntegerUnits && line.Quantity != Math.Floor(line.Quantity))
            {
                throw new ArgumentException(
                    $"Quantity of order line '{line.LineId}' must be a whole number when integer units are required; got {Format(line.Quantity)}.",
                    nameof(lines));
            }

            var rule = rules.For(line.Segment);
            var key = new StockPoint(line.Sku, line.LocationId);
            if (!points.TryGetValue(key, out var point))
            {
                point = new PointDemand(key);
                points[key] = point;
            }

            point.Add(i, line.Quantity, rule);
        }

        var ordered = points.Values.OrderBy(p => p.Key).ToList();
        foreach (var point in ordered)
        {
            point.Groups.Sort((a, b) => a.Rule.Tier != b.Rule.Tier
                ? a.Rule.Tier.CompareTo(b.Rule.Tier)
                : string.CompareOrdinal(a.Rule.Segment, b.Rule.Segment));
        }

        return ordered;
    }

    private static double[] Quotas(IReadOnlyList<OpenOrderLine> lines, List<PointDemand> points)
    {
        var quotas = new double[lines.Count];
        foreach (var group in points.SelectMany(p => p.Groups))
        {
            foreach (var i in group.LineIndices)
            {
                quotas[i] = group.Ratio * lines[i].Quantity;
            }
        }

        return quotas;
    }

    private static double[] RoundToWholeUnits(IReadOnlyList<OpenOrderLine> lines, List<PointDemand> points, double[] quotas)
    {
        var candidates = new WholeUnitRounding.Candidate[lines.Count];
        var groupFloors = new List<double>();
        for (var k = 0; k < points.Count; k++)
        {
            foreach (var group in points[k].Groups)
            {
                foreach (var i in group.LineIndices)
                {
                    candidates[i] = new WholeUnitRounding.Candidate(quotas[i], lines[i].Quantity, k, groupFloors.Count, group.Rule.Tier, lines[i]);
                }

                groupFloors.Add(group.RequiredUnits);
            }
        }

        return WholeUnitRounding.Round(candidates, [.. points.Select(p => Math.Min(p.Supply, p.Ordered))], groupFloors);
    }

    private static LineAllocation Describe(OpenOrderLine line, PointGroup group, double quota, double allocated, bool integerUnits)
    {
        var (rule, reason) = group.Decision ??= Decide(group);
        if (integerUnits && Math.Abs(quota - Math.Round(quota)) > Tolerance)
        {
            reason += $"; quota {Format(quota)} rounded {(allocated > quota ? "up" : "down")} to whole units";
        }

        return new LineAllocation(
            line.LineId, line.CustomerId, line.Segment, line.Sku, line.LocationId, line.Quantity, allocated, allocated / line.Quantity, group.Rule.Tier, rule, reason);
    }

    /// <summary>The rule and reason shared by every line of a group (worded once per group, not per line).</summary>
    private static (AllocationRule Rule, string Reason) Decide(PointGroup group)
    {
        var point = group.Point;
        var tier = group.Rule.Tier;
        var label = point.Key.Label;
        var balance = $"supply {Format(point.Supply)}, demand {Format(point.Ordered)}";
        var floor = group.Demand.MinimumFill;
        return !point.IsShort
            ? (AllocationRule.SupplyCoversDemand, $"supply {Format(point.Supply)} of {label} covers demand {Format(point.Ordered)}")
            : group.Ratio >= 1.0 - Tolerance
                ? (AllocationRule.TierServedInFull, $"tier {tier} served in full; {label} short ({balance})")
                : floor > Tolerance && group.Ratio <= floor + Tolerance
                    ? (AllocationRule.MinimumFill,
                        $"held at the minimum fill {Percent(group.Rule.MinimumFill)} of segment '{group.Rule.Segment}' for {label}; tier-{tier} fair share {Percent(group.TierLevel)} ({balance})")
                    : group.Ratio > Tolerance
                        ? (AllocationRule.TierFairShare, $"tier {tier} fair share of {label}: every tier-{tier} line filled {Percent(group.TierLevel)} ({balance})")
                        // Without supply no tier or minimum took anything: saying so spares a search for what did.
                        : point.Supply <= Tolerance
                            ? (AllocationRule.NothingLeft, $"no supply of {label} for any tier ({balance})")
                            : (AllocationRule.NothingLeft, $"nothing left for tier {tier} of {label} after minimum fills and higher tiers ({balance})");
    }

    private static List<SegmentFill> SegmentFills(IReadOnlyList<OpenOrderLine> lines, double[] allocated, List<PointDemand> points, ShortageRules rules)
    {
        var fills = new List<SegmentFill>();
        var groupsBySegment = points.SelectMany(p => p.Groups).ToLookup(g => g.Rule.Segment, StringComparer.Ordinal);
        foreach (var rule in rules.Segments)
        {
            var groups = groupsBySegment[rule.Segment].ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            var indices = groups.SelectMany(g => g.LineIndices).ToList();
            var ordered = groups.Sum(g => g.Demand.Ordered);
            var total = groups.Sum(g => g.Allocated);
            var withMargin = indices.Where(i => lines[i].UnitMargin is not null).ToList();
            fills.Add(new SegmentFill(
                rule.Segment,
                rule.Tier,
                indices.Count,
                ordered,
                total,
                total / ordered,
                rule.MinimumFill,
                groups.All(g => g.Allocated >= g.RequiredUnits - (Tolerance * Math.Max(1.0, g.RequiredUnits))),
                withMargin.Count == 0 ? null : withMargin.Sum(i => allocated[i] * lines[i].UnitMargin!.Value)));
        }

        return fills;
    }

    private static string Format(double units) => units.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100.0).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>Open demand at one stock point, grouped by segment.</summary>
    private sealed class PointDemand(StockPoint key)
    {
        private readonly Dictionary<string, PointGroup> bySegment = new(StringComparer.Ordinal);

        public StockPoint Key { get; } = key;

        public List<PointGroup> Groups { get; } = [];

        public double Ordered { get; private set; }

        public double Supply { get; set; }

        public double Allocated { get; set; }

        public bool IsShort => Supply < Ordered;

        public void Add(int lineIndex, double quantity, SegmentShortageRule rule)
        {
            if (!bySegment.TryGetValue(rule.Segment, out var group))
            {
                group = new PointGroup(this, rule);
                bySegment[rule.Segment] = group;
                Groups.Add(group);
            }

            group.LineIndices.Add(lineIndex);
            group.Ordered += quantity;
            Ordered += quantity;
        }

        /// <summary>Fixes each group's floor and throws when the floors together exceed the supply.</summary>
        public void CheckGuarantees(bool integerUnits)
        {
            foreach (var group in Groups)
            {
                var units = group.Rule.MinimumFill * group.Ordered;
                group.RequiredUnits = integerUnits ? Math.Ceiling(units - (Tolerance * Math.Max(1.0, units))) : units;
            }

            var required = Groups.Sum(g => g.RequiredUnits);
            if (required > Supply + (Tolerance * Math.Max(1.0, Supply)))
            {
                var parts = Groups.Where(g => g.RequiredUnits > 0.0).Select(g =>
                    $"'{g.Rule.Segment}' {Percent(g.Rule.MinimumFill)} of {Format(g.Ordered)} = {Format(g.RequiredUnits)}");
                throw new AllocationInfeasibleException(
                    Key.Label,
                    Supply,
                    required,
                    $"Minimum fill guarantees for {Key.Label} need {Format(required)} units but supply is {Format(Supply)} ({string.Join("; ", parts)}).");
            }
        }
    }

    /// <summary>The lines of one segment at one stock point, and what the LP gave them.</summary>
    private sealed class PointGroup(PointDemand point, SegmentShortageRule rule)
    {
        public PointDemand Point { get; } = point;

        public SegmentShortageRule Rule { get; } = rule;

        public List<int> LineIndices { get; } = [];

        public double Ordered { get; set; }

        /// <summary>Units the guarantee requires (whole units when required).</summary>
        public double RequiredUnits { get; set; }

        public SegmentDemand Demand => new(Rule.Tier, Ordered, Math.Min(1.0, RequiredUnits / Ordered));

        public double Ratio { get; set; } = 1.0;

        public double TierLevel { get; set; } = 1.0;

        public double Allocated { get; set; }

        public (AllocationRule Rule, string Reason)? Decision { get; set; }
    }
}
