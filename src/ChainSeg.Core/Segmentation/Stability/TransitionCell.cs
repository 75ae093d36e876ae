namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>One cell of a transition matrix: customers in <paramref name="From"/> before and <paramref name="To"/> after.</summary>
/// <param name="From">Segment in the earlier assignment.</param>
/// <param name="To">Segment in the later assignment.</param>
/// <param name="Count">Customers that made this transition.</param>
/// <param name="RowShare">Count ÷ customers of <paramref name="From"/> present in both assignments; null for a row nobody is in.</param>
public sealed record TransitionCell(string From, string To, int Count, double? RowShare);
