namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A node of a parsed rule condition (the syntax tree): a comparison, <c>and</c>, <c>or</c> or <c>not</c>.</summary>
public abstract record RuleNode;
