namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// A text column compared with quoted texts, ignoring case: <c>region == 'EU'</c>, <c>demand_class != 'lumpy'</c>,
/// <c>channel in ('retail', 'online')</c>, <c>country not in ('DE', 'AT')</c>.
/// </summary>
/// <param name="Metric">Text column of <c>customer_metrics.csv</c> (region, channel, country, demand_class, …).</param>
/// <param name="Negated">True for <c>!=</c> and <c>not in</c>: the value is none of the texts.</param>
/// <param name="Values">The texts as written, without their quotes.</param>
/// <param name="IsList">Written as a list, <c>in (…)</c>, rather than with <c>==</c> or <c>!=</c>.</param>
/// <param name="Position">1-based position of the column name in the rule text.</param>
public sealed record TextMatchNode(string Metric, bool Negated, IReadOnlyList<string> Values, bool IsList, int Position) : RuleNode;
