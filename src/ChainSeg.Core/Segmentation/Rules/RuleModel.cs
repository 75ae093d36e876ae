using System.Globalization;

namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A rules segmentation model: ordered rules (first match wins), a fallback, and viability settings.</summary>
public sealed record RuleModel
{
    /// <summary>Creates and validates a model.</summary>
    /// <param name="rules">Rules in match order; several may target the same segment.</param>
    /// <param name="fallback">Segment of customers that match no rule, and of merged small segments.</param>
    /// <param name="minSegmentShare">Segments below this share merge away; in [0, 1), 0 turns merging off.</param>
    /// <param name="shareMetric">Metric the share is measured in (e.g. revenue); customers when null. Also the volume of the guards.</param>
    /// <param name="merge">Where small segments merge to.</param>
    /// <param name="maxSegments">Most segments fulfilment can run (null = no limit); a model defining more is refused.</param>
    /// <param name="guards">Warning thresholds; the DEFINITIONS.md defaults when null.</param>
    /// <exception cref="ArgumentException">A segment name is empty, a rule merges into its own or an unknown segment, or the model defines more segments than <paramref name="maxSegments"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The share is outside [0, 1) or max segments is below 1.</exception>
    public RuleModel(
        IReadOnlyList<SegmentRule> rules,
        string fallback,
        double minSegmentShare = 0,
        string? shareMetric = null,
        SmallSegmentMerge merge = SmallSegmentMerge.Fallback,
        int? maxSegments = null,
        SegmentGuardOptions? guards = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrWhiteSpace(fallback))
            throw new ArgumentException("The fallback segment name is empty; customers that match no rule need a segment.", nameof(fallback));
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is null || string.IsNullOrWhiteSpace(rules[i].Segment))
                throw new ArgumentException($"Rule {i + 1} has no segment name.", nameof(rules));
            if (rules[i].When is null)
                throw new ArgumentException($"Rule '{rules[i].Segment}' has no condition.", nameof(rules));
        }

        if (!ValueRange.PartialUnit.Contains(minSegmentShare))
            throw new ArgumentOutOfRangeException(nameof(minSegmentShare), minSegmentShare,
                $"min_segment_share must be in {ValueRange.PartialUnit}; got {minSegmentShare.ToString(CultureInfo.InvariantCulture)}. " +
                "Write a share below 1, e.g. 0.02 to merge segments under 2 %, or 0 to merge none.");
        if (shareMetric is not null && string.IsNullOrWhiteSpace(shareMetric))
            throw new ArgumentException("The share metric name is empty; leave it null to measure shares in customers.", nameof(shareMetric));

        var segments = rules.Select(r => r.Segment).Append(fallback).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var rule in rules)
            foreach (var target in rule.MergeInto)
                if (target == rule.Segment || !segments.Contains(target, StringComparer.Ordinal))
                    throw new ArgumentException($"Rule '{rule.Segment}' merges into '{target}', which is {(target == rule.Segment ? "its own segment" : "no segment of the model")}; "
                        + $"list others of the model's segments under its merge_into ({string.Join(", ", segments.Where(s => s != rule.Segment))}).", nameof(rules));
        if (maxSegments is { } max)
        {
            if (max < 1)
                throw new ArgumentOutOfRangeException(nameof(maxSegments), max, $"max_segments must be at least 1; got {max}.");
            if (segments.Length > max)
                throw new ArgumentException(
                    $"The model defines {segments.Length} segments ({string.Join(", ", segments)}) but max_segments is {max}; " +
                    "combine rules or raise max_segments.", nameof(maxSegments));
        }

        Rules = rules.ToArray();
        Fallback = fallback;
        MinSegmentShare = minSegmentShare;
        ShareMetric = shareMetric;
        Merge = merge;
        MaxSegments = maxSegments;
        Guards = guards ?? SegmentGuardOptions.Default;
        Segments = segments;
    }

    /// <summary>Rules in match order.</summary>
    public IReadOnlyList<SegmentRule> Rules { get; }

    /// <summary>Segment of unmatched and merged customers.</summary>
    public string Fallback { get; }

    /// <summary>Segments below this share merge away (0 = off).</summary>
    public double MinSegmentShare { get; }

    /// <summary>Metric shares are measured in; customers when null.</summary>
    public string? ShareMetric { get; }

    /// <summary>What a segmented row is, in messages: "customer", or "account" when a hierarchy roll-up segments accounts.</summary>
    public string RowName { get; init; } = "customer";

    /// <summary>Where small segments merge to.</summary>
    public SmallSegmentMerge Merge { get; }

    /// <summary>Most segments allowed (null = no limit).</summary>
    public int? MaxSegments { get; }

    /// <summary>Warning thresholds.</summary>
    public SegmentGuardOptions Guards { get; }

    /// <summary>Distinct segment names in rule order, the fallback last (unless a rule already targets it).</summary>
    public IReadOnlyList<string> Segments { get; }
}
