namespace ChainSeg.Core.Allocation;

/// <summary>A constraint that holds with equality at the optimum, and what relaxing it by one unit is worth.</summary>
/// <param name="Kind">Capacity, minimum service or demand.</param>
/// <param name="Name">The resource or segment.</param>
/// <param name="MarginalValue">Change in total contribution per unit the constraint is relaxed: the shadow price of a
/// capacity hour, the value of one more unit of demand, or the cost of one unit of commitment (one unit less committed).</param>
public sealed record BindingConstraint(BindingConstraintKind Kind, string Name, double MarginalValue);
