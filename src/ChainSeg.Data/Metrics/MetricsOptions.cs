using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Metrics;

/// <summary>The date an OTIF on-time test is judged against (DEFINITIONS.md, on-time reference).</summary>
public enum OtifReference
{
    /// <summary>The committed date: each shipment's promised_date (the default).</summary>
    Promised,

    /// <summary>The customer's date: the latest requested_date of the order's lines.</summary>
    Requested,
}

/// <summary>What an OTIF rate counts (DEFINITIONS.md): orders (<c>otif.order</c>, the default) or order lines (<c>otif.line</c>).</summary>
public enum OtifLevel
{
    /// <summary>Orders whose every line arrived on time and in full ÷ orders (the default).</summary>
    Order,

    /// <summary>Order lines (order id + SKU) on time and in full ÷ order lines.</summary>
    Line,
}

/// <summary>On-time-in-full variant (DEFINITIONS.md, <c>otif.order</c> or <c>otif.line</c>): the level, the reference date, the window around it and the in-full tolerance.</summary>
/// <param name="LateDays">Days after the reference date still counted on time (0 by default).</param>
/// <param name="EarlyDays">Days before the reference date still counted on time; null (default) counts any early delivery as on time.</param>
/// <param name="InFullTolerance">Share of the ordered quantity that may be missing and still count as in full (0 by default).</param>
/// <param name="Reference">The date on time is judged against: the shipment's promise (default) or the order's latest requested date.</param>
/// <param name="Level">What the rates count: orders (default) or order lines.</param>
public sealed record OtifDefinition(int LateDays = 0, int? EarlyDays = null, double InFullTolerance = 0, OtifReference Reference = OtifReference.Promised, OtifLevel Level = OtifLevel.Order)
{
    /// <summary>The definition id reported beside OTIF figures.</summary>
    /// <remarks>The promised reference keeps the ids runs had before the setting existed, so their figures still compare.</remarks>
    public string Id => Reference == OtifReference.Promised && LateDays == 0 && EarlyDays is null && InFullTolerance == 0
        ? Name
        : $"{Name}[{(Reference == OtifReference.Requested ? "ref=requested," : "")}late={LateDays},early={EarlyDays?.ToString(CultureInfo.InvariantCulture) ?? "any"},tol={InFullTolerance.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>perfect_order's definition id: the OTIF settings it judges orders by, as <see cref="Id"/> writes them (perfect_order, perfect_order[late=2,…]).</summary>
    public string PerfectOrderId => "perfect_order" + Id[Name.Length..];

    private string Name => Level == OtifLevel.Line ? "otif.line" : "otif.order";

    // A metrics.otif setting with two values, the first its default: read in any case, anything else refused naming both.
    private static T Choice<T>(string? value, string key, (string Name, T Value) byDefault, (string Name, T Value) other)
    {
        var spelt = (value ?? "").Trim().ToLowerInvariant();
        return spelt == byDefault.Name ? byDefault.Value
            : spelt == other.Name ? other.Value
            : throw new ConfigurationException($"metrics.otif.{key} '{value}' is not understood; use {byDefault.Name} (the default) or {other.Name}.");
    }

    /// <summary>The widest on-time window either side of the reference date, in days (ten years).</summary>
    public const int MaxWindowDays = 3653;

    /// <summary>The variant <c>metrics.otif</c> configures.</summary>
    /// <exception cref="ConfigurationException">level is neither order nor line, reference is neither promised nor requested, a day count is outside [0, <see cref="MaxWindowDays"/>], or the tolerance is outside [0, 1).</exception>
    public static OtifDefinition From(OtifConfig otif)
    {
        // A tolerance of 1 or more counts a line with nothing delivered as in full; a negative day count turns the window around.
        ShareSetting.Require(otif.InFullTolerance, "metrics.otif.in_full_tolerance", ValueRange.PartialUnit, 5, "the share of a line's quantity that may be missing");
        // Ten years at most, as simulation.days: a window that wide judges no delivery late already, and one near int's range
        // moved the promise past the last date DuckDB holds, so the run failed on "Date out of range" at its metrics.
        if (otif.LateDays is < 0 or > MaxWindowDays || otif.EarlyDays is < 0 or > MaxWindowDays)
            throw new ConfigurationException($"metrics.otif: late_days and early_days must be in [0, {MaxWindowDays.ToString("N0", CultureInfo.InvariantCulture)}] (days around the reference date, promised unless metrics.otif.reference says requested; ten years at most); got {otif.LateDays.ToString("N0", CultureInfo.InvariantCulture)} and {otif.EarlyDays?.ToString("N0", CultureInfo.InvariantCulture) ?? "none"}.");
        var reference = Choice(otif.Reference, "reference", ("promised", OtifReference.Promised), ("requested", OtifReference.Requested));
        var level = Choice(otif.Level, "level", ("order", OtifLevel.Order), ("line", OtifLevel.Line));
        return new OtifDefinition(otif.LateDays, otif.EarlyDays, otif.InFullTolerance, reference, level);
    }
}

/// <summary>Window, bucket and definitions for customer metrics; stored with every run so a number can be traced.</summary>
/// <param name="AsOf">Reference date (inclusive end of the window).</param>
/// <param name="WindowStart">First day of the window.</param>
/// <param name="Bucket">Period bucket for variability and stability: month, quarter or week.</param>
public sealed record MetricsOptions(DateOnly AsOf, DateOnly WindowStart, string Bucket = "month")
{
    /// <summary>Cost drivers activity-based costing attributes pools by (cost_pools.driver).</summary>
    public static readonly IReadOnlyList<string> CostDrivers = Ingestion.CanonicalSchema.CostDrivers;

    /// <summary>Report metrics for top-level parent accounts (a parent includes its children).</summary>
    public bool RollUpHierarchy { get; init; }

    /// <summary>Configured rates per driver unit by cost pool activity (<c>costs.activity_rates</c>), charged instead of the pool's average rate.</summary>
    /// <remarks>Compared by reference in the record's equality: options without rates share the one empty map, and snapshots
    /// made with <c>with</c> share their run's.</remarks>
    public IReadOnlyDictionary<string, double> ActivityRates { get; init; } = NoActivityRates;

    private static readonly IReadOnlyDictionary<string, double> NoActivityRates = new Dictionary<string, double>();

    /// <summary>Time equations by cost pool activity (<c>costs.time_equations</c>): such a pool is priced by time-driven ABC.</summary>
    /// <remarks>Compared by reference in the record's equality, as <see cref="ActivityRates"/>.</remarks>
    public IReadOnlyDictionary<string, TimeEquation> TimeEquations { get; init; } = NoTimeEquations;

    private static readonly IReadOnlyDictionary<string, TimeEquation> NoTimeEquations = new Dictionary<string, TimeEquation>();

    /// <summary>The costs the data records per customer that cost-to-serve charges beside the pools (<c>costs.direct</c>; both by default).</summary>
    public DirectCosts DirectCosts { get; init; } = DirectCosts.All;

    /// <summary>
    /// cost_to_serve's definition id: <c>cts.abc</c> at the pools' average rates, naming the pools charged at a configured rate
    /// (<c>cts.abc[standard_rates=picking]</c>), those priced by time equations (<c>cts.abc[time_driven=order_processing]</c>)
    /// and the direct costs charged (<c>cts.abc[direct=freight,service_events]</c>, by default), all as
    /// <c>[standard_rates=…;time_driven=…;direct=…]</c>, so costs computed otherwise are never compared as one (DEFINITIONS.md).
    /// </summary>
    public string CostToServeId => "cts.abc" + PricedPools;

    /// <summary>cost_to_serve_pct's definition id, <see cref="CostToServeId"/>'s share of revenue.</summary>
    public string CostToServePctId => "cts.abc_pct" + PricedPools;

    /// <summary>net_contribution's definition id: revenue − cost of goods − <see cref="CostToServeId"/>, so it names the same priced pools.</summary>
    public string NetContributionId => "contribution.net" + PricedPools;

    /// <summary>The whale curve's definition id: it ranks <see cref="NetContributionId"/>, so it names the same priced pools.</summary>
    public string WhaleCurveId => "whale.net_contribution" + PricedPools;

    /// <summary>The whale curve's cumulative share of the total, named as <see cref="WhaleCurveId"/>.</summary>
    public string WhaleCurvePctId => "whale.net_contribution.pct" + PricedPools;

    private string PricedPools
    {
        get
        {
            static string? Named(string key, IEnumerable<string> pools) =>
                pools.Order(StringComparer.Ordinal).ToList() is { Count: > 0 } named ? $"{key}={string.Join(",", named)}" : null;
            var parts = new[] { Named("standard_rates", ActivityRates.Keys), Named("time_driven", TimeEquations.Keys), Named("direct", DirectCostNames.Of(DirectCosts)) }
                .OfType<string>().ToList();
            return parts.Count == 0 ? "" : $"[{string.Join(";", parts)}]";
        }
    }

    /// <summary>On-time-in-full variant.</summary>
    public OtifDefinition Otif { get; init; } = new();

    /// <summary>When an order counts as completely filled (fill.order): first time (default) or after backorders.</summary>
    public OrderFillBasis FillOrder { get; init; }

    /// <summary>What periodic demand measures for CV, ADI and CV²: units (default) or revenue.</summary>
    public string DemandMeasure { get; init; } = "units";

    /// <summary>Syntetos–Boylan cut-offs for demand_class.</summary>
    public DemandClassCutoffs DemandClassCutoffs { get; init; } = DemandClassCutoffs.Default;

    /// <summary>The SQL interval of one bucket.</summary>
    public string BucketInterval => Bucket switch
    {
        "week" => "1 WEEK",
        "quarter" => "3 MONTH",
        _ => "1 MONTH",
    };

    /// <summary>The window reaches back to the first order (<c>window: all</c>).</summary>
    public bool WholeHistory { get; init; }

    /// <summary>The configured window as a count of calendar units (<c>12 months</c>: month, 12); null for the whole history
    /// or options not built from configuration.</summary>
    public (string Unit, int Count)? WindowLength { get; init; }

    /// <summary>
    /// The years annual costs are charged for: from the later of the window start and <paramref name="firstOrderLine"/> (the
    /// data's first) to as_of, both days counted, in years of 365.25 days: the one length for the cost pools (customer_metrics'
    /// SQL is given this value) and the carrying cost segment_pnl charges.
    /// </summary>
    public double ChargedYears(DateOnly firstOrderLine) =>
        (AsOf.DayNumber - (firstOrderLine > WindowStart ? firstOrderLine : WindowStart).DayNumber + 1) / 365.25;

    /// <summary>
    /// The same window ending at an earlier <paramref name="asOf"/>, as <c>run --as-of</c> that day would measure it: the
    /// configured calendar length back from it (6 months before 2011-08-31 starts on 2011-03-01, where the run's length in
    /// days from 2011-12-09 started on 03-02), or the whole history up to it (not a start before the first order, which kept
    /// a first quarter of one month's data in the demand series that the run leaves out).
    /// </summary>
    public MetricsOptions EndingOn(DateOnly asOf)
    {
        if (asOf == AsOf)
            return this;
        var start = WholeHistory ? (WindowStart < asOf ? WindowStart : asOf)
            : WindowLength is var (unit, count) ? Back(asOf.AddDays(1), unit, count)
            : DateOnly.FromDayNumber(asOf.DayNumber - (AsOf.DayNumber - WindowStart.DayNumber));
        return this with { AsOf = asOf, WindowStart = start };
    }

    /// <summary>Start of the first bucket of the demand series: the window start's bucket, or the next one when a window
    /// covers less than half of it (a 12-month window from the 28th would otherwise open with a three-day "month"). The
    /// whole history is no exception: data that begins on 1 December holds one month of its first quarter, which beside
    /// whole quarters reads as a drop in every customer's demand.</summary>
    public DateOnly FirstDemandPeriod => DemandPeriods.First;

    /// <summary>Start of the last bucket of the demand series: as_of's bucket, or the one before when less than half of it
    /// has passed. An unfinished month counted as a whole one reads as a demand drop and inflates the CV (as_of on the 9th
    /// put a third of a month of demand beside full ones); its lines still count in every other metric.</summary>
    public DateOnly LastDemandPeriod => DemandPeriods.Last;

    private (DateOnly First, DateOnly Last) DemandPeriods
    {
        get
        {
            var first = BucketStart(WindowStart);
            if (first != WindowStart && 2 * (NextBucket(first).DayNumber - WindowStart.DayNumber) < NextBucket(first).DayNumber - first.DayNumber)
                first = NextBucket(first);
            var last = BucketStart(AsOf);
            if (2 * (AsOf.DayNumber - last.DayNumber + 1) < NextBucket(last).DayNumber - last.DayNumber)
                last = BucketStart(last.AddDays(-1));
            // A window shorter than a bucket keeps as_of's (partial) bucket rather than no series at all; two stubs of one
            // either side of a boundary would make up a variability.
            return first <= last ? (first, last) : (BucketStart(AsOf), BucketStart(AsOf));
        }
    }

    /// <summary>The start of the bucket holding the day, as DuckDB's date_trunc gives it (weeks start on Monday, ISO 8601).</summary>
    internal DateOnly BucketStart(DateOnly day) => Bucket switch
    {
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "quarter" => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    private DateOnly NextBucket(DateOnly start) => Bucket switch
    {
        "week" => start.AddDays(7),
        "quarter" => start.AddMonths(3),
        _ => start.AddMonths(1),
    };

    /// <summary>A period length as configuration may spell it (Quarter, monthly, weeks) as month, quarter or week; null for anything else.</summary>
    public static string? BucketName(string spelt) => spelt.Trim().ToLowerInvariant() switch
    {
        "month" or "monthly" or "months" => "month",
        "quarter" or "quarterly" or "quarters" => "quarter",
        "week" or "weekly" or "weeks" => "week",
        _ => null,
    };

    /// <summary>Builds the options from configuration (<c>window</c>, <c>periods</c>) and the data's date range.</summary>
    /// <exception cref="ConfigurationException">window or periods is not understood, the window reaches before 1900-01-01, an OTIF setting is out of range, metrics.fill.order is not understood, a time equation is invalid, or costs.direct names no direct cost.</exception>
    public static MetricsOptions From(ChainSegConfig config, DateOnly asOf, DateOnly earliestOrder)
    {
        var bucket = BucketName(config.Periods ?? "month")
            ?? throw new ConfigurationException($"periods '{config.Periods!.Trim().ToLowerInvariant()}' is not understood; use month, quarter or week.");
        // window: '' read as the whole history, where periods: '' is refused; left out (or written window: alone) it is the whole history.
        if (config.Window is { } window && string.IsNullOrWhiteSpace(window))
            throw new ConfigurationException("window is empty; write e.g. '12 months', '26 weeks', '2 years' or 'all', or remove the key for the whole history.");
        var (start, length) = StartOfWindow(config.Window, asOf, earliestOrder);
        var metrics = config.Metrics;
        var otif = OtifDefinition.From(metrics.Otif);
        var fillOrder = OrderFillBases.From(metrics.Fill);
        // A negative rate would pay customers for being served; a rate of 0 is a pool finance chose not to charge.
        foreach (var (activity, rate) in config.Costs.ActivityRates)
            if (!(double.IsFinite(rate) && rate >= 0))
                throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                    $"costs.activity_rates.{activity} must be a number ≥ 0 (a cost per unit of the pool's driver, e.g. 0.35 a line); got {rate}."));
        return new MetricsOptions(asOf, start, bucket)
        {
            ActivityRates = config.Costs.ActivityRates.Count == 0 ? NoActivityRates : new Dictionary<string, double>(config.Costs.ActivityRates, StringComparer.Ordinal),
            TimeEquations = config.Costs.TimeEquations.Count == 0 ? NoTimeEquations : TimeDrivenPools.From(config.Costs),
            DirectCosts = DirectCostNames.From(config.Costs.Direct),
            WholeHistory = length is null,
            WindowLength = length,
            RollUpHierarchy = metrics.RollUpHierarchy,
            Otif = otif,
            FillOrder = fillOrder,
            DemandMeasure = metrics.DemandMeasure is "units" or "revenue"
                ? metrics.DemandMeasure
                : throw new ConfigurationException($"metrics.demand_measure '{metrics.DemandMeasure}' is not understood; use units or revenue."),
        };
    }

    private static bool IsWholeHistory([NotNullWhen(false)] string? window) => string.IsNullOrWhiteSpace(window) || window.Trim().Equals("all", StringComparison.OrdinalIgnoreCase);

    private static (DateOnly Start, (string Unit, int Count)? Length) StartOfWindow(string? window, DateOnly asOf, DateOnly earliestOrder)
    {
        if (IsWholeHistory(window))
            return (earliestOrder < asOf ? earliestOrder : asOf, null);
        var match = Regex.Match(window.Trim(), @"^(\d+)\s*(day|days|week|weeks|month|months|year|years)$", RegexOptions.IgnoreCase);
        if (!match.Success)
            throw new ConfigurationException($"window '{window}' is not understood; write e.g. '12 months', '26 weeks', '2 years' or 'all'.");
        var unit = match.Groups[2].Value.ToLowerInvariant().TrimEnd('s');
        // Measured back from the latest date ChainSeg reads, not from this as_of, so validate (which has no data yet)
        // refuses what a run would; bounded in days first, as 5000 years or 3,000,000 days leave DateOnly's range.
        var daysPerUnit = unit switch { "day" => 1, "week" => 7, "month" => 28, _ => 365 };
        if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || (long)n * daysPerUnit > DateFormat.Latest.DayNumber - DateFormat.Earliest.DayNumber
            || Back(DateFormat.Latest.AddDays(1), unit, n) < DateFormat.Earliest)
            throw new ConfigurationException($"window '{window}' reaches before {DateFormat.Iso(DateFormat.Earliest)}, the earliest date ChainSeg reads; use 'all' or a shorter window.");
        if (n <= 0)
            throw new ConfigurationException($"window '{window}' must be positive; write e.g. '12 months', or 'all' for the whole history.");
        return (Back(asOf.AddDays(1), unit, n), (unit, n));
    }

    // A month or year back from a day the earlier month lacks (12 months before 2024-02-29, 1 month before 03-31) is the
    // first day after it, not the month's last day that AddMonths clamps to: the window would hold one day too many.
    private static DateOnly Back(DateOnly end, string unit, int n)
    {
        if (unit is "day" or "week")
            return end.AddDays(unit == "day" ? -n : -7 * n);
        var start = unit == "month" ? end.AddMonths(-n) : end.AddYears(-n);
        return start.Day == end.Day ? start : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
    }
}
