using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Policies;

/// <summary>
/// The segments <c>policies:</c> names (service policies, product class cells, shortage rules, capacity use per unit) and <c>alerts.segments</c> checked against those the active
/// model assigns: an entry for a segment nobody is in (a misspelt name) applies to nobody, which is said rather than ignored.
/// </summary>
public static class PolicySegmentNames
{
    /// <summary>
    /// A <c>policy_without_customers</c> warning for every <c>policies:</c> entry naming none of <paramref name="segments"/>; a
    /// shortage rule for the lines of customers the run has not segmented (<see cref="Allocation.ShortageAllocation.Unassigned"/>) is no such entry.
    /// </summary>
    /// <param name="config">The configuration whose entries are checked.</param>
    /// <param name="segments">The segments the active model assigned.</param>
    /// <param name="settings">Only the entries under these setting paths (<see cref="RoutingSettings"/>); null for all.</param>
    public static IReadOnlyList<string> WithoutCustomers(ChainSegConfig config, IEnumerable<string> segments, IReadOnlyList<string>? settings = null)
    {
        var assigned = segments.ToHashSet(StringComparer.Ordinal);
        var known = string.Join(", ", assigned.Order(StringComparer.Ordinal));
        var (defined, method) = ActiveModelSegments(config);
        return Entries(config).Where(e => !assigned.Contains(e.Segment) && (settings is null || settings.Any(p => e.Setting.StartsWith(p, StringComparison.Ordinal))))
            .Select(e => $"policy_without_customers: {e.Setting} applies to nobody: no customer of the active model is in segment '{e.Segment}' this run " +
                $"(its segments: {known}); {(defined?.Contains(e.Segment) == true ? Empty(e.Segment, method) : $"check the name{NearMiss(e.Segment, assigned)}.")}")
            .ToList();
    }

    // A segment the model defines is no misspelling: "check the name" would send the planner after a typo there is none of,
    // where a rule segment merged away under min_segment_share or reached by nobody is what happened.
    private static string Empty(string segment, string method) =>
        $"'{segment}' is one of the model's segments, so the name is right: nobody is in it this run" +
        (method == "rules" ? " (merged away under min_segment_share, or the first match of no customer: see the model's other warnings)." : ".");

    // The active model's possible segments as configured (null where the data names them, k-means) and its method.
    private static (IReadOnlyCollection<string>? Segments, string Method) ActiveModelSegments(ChainSegConfig config)
    {
        var segmentation = Segmentation.DefaultModels.For(config.Segmentation);
        var active = segmentation.Active ?? segmentation.Models.Keys.FirstOrDefault();
        return active is not null && segmentation.Models.TryGetValue(active, out var model)
            ? (Segmentation.SegmentationMethods.PossibleSegments(model), model.Method)
            : (null, "");
    }

    /// <summary>
    /// Before any data (validate): a <c>policy_unknown_segment</c> warning for every <c>policies:</c> entry naming a segment the
    /// active model can never assign; none for a model whose segments the data names (k-means).
    /// </summary>
    public static IReadOnlyList<string> NeverAssigned(ChainSegConfig config, string activeModel, SegmentationModelConfig model)
    {
        if (Segmentation.SegmentationMethods.PossibleSegments(model) is not { } possible)
            return [];
        var known = string.Join(", ", possible);
        return Entries(config).Where(e => !possible.Contains(e.Segment))
            .Select(e => $"policy_unknown_segment: {e.Setting} names segment '{e.Segment}', which the active model '{activeModel}' ({model.Method}) never " +
                $"assigns (its segments: {known}); check the name{NearMiss(e.Segment, possible)}.")
            .ToList();
    }

    // A case slip ("ax" for "AX") is the usual misspelling of a segment name, so the segment it meant is named.
    private static string NearMiss(string segment, IEnumerable<string> segments) =>
        segments.FirstOrDefault(s => string.Equals(s, segment, StringComparison.OrdinalIgnoreCase)) is { } meant ? $" (did you mean {meant}?)" : "";

    // Every policies: entry that names a segment, with its setting's path; a shortage rule for the lines of customers the
    // run has not segmented (ShortageAllocation.Unassigned) names none.
    private static IEnumerable<(string Setting, string Segment)> Entries(ChainSegConfig config)
    {
        var policies = config.Policies;
        return policies.Segments.Keys.Order(StringComparer.Ordinal).Select(k => (Setting: $"policies.segments.{k}", Segment: k))
            .Concat(policies.ProductClasses.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value.Segments.Keys.Order(StringComparer.Ordinal)
                .Select(k => (Setting: $"policies.product_classes.{c.Key}.segments.{k}", Segment: k))))
            .Concat(policies.Shortage.Keys.Where(k => k != Allocation.ShortageAllocation.Unassigned).Order(StringComparer.Ordinal)
                .Select(k => (Setting: $"policies.shortage.{k}", Segment: k)))
            .Concat(policies.Capacity.Resources.SelectMany(r => r.Value.PerUnitBySegment.Keys.Order(StringComparer.Ordinal)
                .Select(k => (Setting: $"policies.capacity.resources.{r.Key}.per_unit_by_segment.{k}", Segment: k))))
            // A target for a misspelt segment watches nobody, as a policy for one serves nobody.
            .Concat(config.Alerts.Segments.Keys.Order(StringComparer.Ordinal).Select(k => (Setting: $"alerts.segments.{k}", Segment: k)));
    }

    /// <summary>The settings <c>route</c> reads a segment's policy from: service policies and product class cells.</summary>
    public static IReadOnlyList<string> RoutingSettings { get; } = ["policies.segments.", "policies.product_classes."];

    /// <summary>The same warnings for the current run of <paramref name="store"/> (its active model's assigned segments); none without a run.</summary>
    /// <param name="store">The store whose current run's segments are read.</param>
    /// <param name="config">The configuration whose entries are checked.</param>
    /// <param name="settings">Only the entries under these setting paths; null for all.</param>
    public static IReadOnlyList<string> WithoutCustomers(ChainSegStore store, ChainSegConfig config, IReadOnlyList<string>? settings = null)
    {
        if (store.CurrentRun() is not { } run)
            return [];
        var segments = store.Connection.Query(
            $"SELECT DISTINCT segment FROM {Ingestion.Sql.Id(run.Schema)}.assignments WHERE is_active_model", r => r.GetString(0));
        return WithoutCustomers(config, segments, settings);
    }
}
