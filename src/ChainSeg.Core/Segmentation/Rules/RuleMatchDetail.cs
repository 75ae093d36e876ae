namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>How one customer was placed by a rules model.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Segment">Final segment.</param>
/// <param name="MatchedRule">0-based index of the first rule the customer satisfied; -1 when none did.</param>
/// <param name="MergedFrom">The segment the customer first matched when that segment was too small and merged away; otherwise null.</param>
public sealed record RuleMatchDetail(string CustomerId, string Segment, int MatchedRule, string? MergedFrom);
