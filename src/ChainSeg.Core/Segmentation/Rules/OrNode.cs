namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>At least one side must hold.</summary>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record OrNode(RuleNode Left, RuleNode Right) : RuleNode;
