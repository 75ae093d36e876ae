namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>Both sides must hold.</summary>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record AndNode(RuleNode Left, RuleNode Right) : RuleNode;
