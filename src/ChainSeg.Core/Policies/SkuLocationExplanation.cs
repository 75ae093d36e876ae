using ChainSeg.Core.Inventory;
using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Policies;

// Writes a SkuLocationTarget's explanation from its parts alone, so the rule can skip text until someone asks.
internal static class SkuLocationExplanation
{
    public static string Write(SkuLocationTarget result)
    {
        var clauses = new List<string>();
        var stocked = result.Parts.Where(p => p.Stocked).ToArray();
        var rule = PolicyVocabulary.Name(result.Aggregation);
        if (stocked.Length == 0)
        {
            var why = result.Parts.Count == 0 ? "no segment demand" : string.Join("; ", Notes(result));
            return $"{rule}: no safety stock ({why})";
        }

        switch (result.Aggregation)
        {
            case TargetAggregation.Highest when stocked.Any(p => p.SafetyStock is not null):
                clauses.Add($"strictest of {string.Join(", ", stocked.Select(p => $"{Label(p)} {PolicyText.Target(p.EffectiveTarget!)} → {PolicyText.Units(p.SafetyStock!.Value)}"))}");
                break;
            case TargetAggregation.Highest:
                clauses.Add($"highest of {string.Join(", ", stocked.Select(p => $"{Label(p)} {PolicyText.Target(p.EffectiveTarget!)}"))}");
                break;
            case TargetAggregation.DemandWeighted:
                clauses.Add($"demand_weighted: {string.Join(" + ", stocked.Select(p => $"{PolicyText.Share(p.Weight)} × {PolicyText.Share(p.EffectiveTarget!.Value)}"))} = {PolicyText.Target(result.Target!)}");
                break;
            default:
                clauses.Add($"segment_reserves: {string.Join(", ", stocked.Select(p => $"{Label(p)} {PolicyText.Target(p.EffectiveTarget!)} → {PolicyText.Units(p.SafetyStock!.Value)}"))}");
                clauses.Add($"total safety stock {PolicyText.Units(result.SafetyStock)}");
                break;
        }

        clauses.Add(DrivenBy(result));
        if (result.Target is { } target && result.Aggregation != TargetAggregation.SegmentReserves)
        {
            clauses.Add($"{PolicyText.Target(target)} on pooled lead-time demand {PolicyText.Units(result.LeadTimeDemandMean)} ± {PolicyText.Units(result.LeadTimeDemandSd)} → safety stock {PolicyText.Units(result.SafetyStock)}");
        }

        clauses.AddRange(Notes(result));
        return string.Join("; ", clauses);
    }

    // Under demand_weighted the row's target is none of its segments' own, so the row says it before the segment behind it.
    public static string Summary(SkuLocationTarget result) =>
        result.Aggregation == TargetAggregation.DemandWeighted && result.IsStocked && result.Target is { } target
            ? $"{PolicyVocabulary.Name(result.Aggregation)} {PolicyText.Target(target)}; {DrivenBy(result)}"
            : DrivenBy(result);

    public static string DrivenBy(SkuLocationTarget result)
    {
        foreach (var driver in result.Parts)
        {
            if (driver.Stocked && string.Equals(driver.Segment, result.DrivingSegment, StringComparison.Ordinal))
            {
                return $"driven by {Label(driver)} ({PolicyText.Target(driver.EffectiveTarget!)}, {ReasonFormat.Percent(driver.DemandShare)} of demand)";
            }
        }

        return "no safety stock";
    }

    // Segments left out of the stock, and targets converted to the other kind.
    private static IEnumerable<string> Notes(SkuLocationTarget result)
    {
        foreach (var part in result.Parts)
        {
            if (!part.Stocked)
            {
                yield return part.DemandShare > 0.0
                    ? $"{Label(part)} is {PolicyVocabulary.Name(part.FulfilmentMode)} ({ReasonFormat.Percent(part.DemandShare)} of demand): no safety stock"
                    : $"{Label(part)} has no demand here";
            }
            else if (part.PolicyTarget!.Kind != part.EffectiveTarget!.Kind)
            {
                yield return $"{Label(part)} {PolicyText.Target(part.PolicyTarget)} taken as {PolicyText.Target(part.EffectiveTarget)} ({Conversion(result, part.EffectiveTarget)})";
            }
        }
    }

    // Why a converted target reads as it does: a CSL at the rule's edge stands for a fill rate met at a reorder point ≤ 0.
    private static string Conversion(SkuLocationTarget result, ServiceTarget converted) =>
        result.LeadTimeDemandSd == 0.0 ? "no demand variability: no safety stock either way"
        : converted.Kind == ServiceLevelKind.CycleServiceLevel && converted.Value <= SkuLocationTargetRule.ClampedEdge ? "met with no safety stock"
        : "same reorder point";

    private static string Label(SegmentTargetPart part) => part.IsFallbackPolicy ? $"{part.Segment} (fallback policy)" : part.Segment;
}
