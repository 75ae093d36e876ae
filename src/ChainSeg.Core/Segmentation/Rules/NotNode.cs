namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>The operand must not hold.</summary>
/// <param name="Operand">The negated condition.</param>
public sealed record NotNode(RuleNode Operand) : RuleNode;
