namespace ChainSeg.Core.Inventory;

/// <summary>Safety stock and reorder point with the service they deliver; property names map to the calculator's snake_case JSON keys.</summary>
/// <param name="SafetyStock">Reorder point minus mean lead-time demand; negative when the target is loose.</param>
/// <param name="ReorderPoint">Inventory position at which to order.</param>
/// <param name="Csl">Cycle service level achieved: P(lead-time demand ≤ reorder point).</param>
/// <param name="FillRate">Fill rate achieved, 1 − ESC/Q clamped to [0, 1]; null when no order quantity is known.</param>
/// <param name="ExpectedShortagePerCycle">ESC = E[(lead-time demand − reorder point)⁺], units short per replenishment cycle.</param>
/// <param name="LeadTimeDemandMean">Mean lead-time demand.</param>
/// <param name="LeadTimeDemandSd">Standard deviation of lead-time demand (σ_L).</param>
/// <param name="Target">The target the reorder point was set for; null when an existing reorder point was evaluated.</param>
public readonly record struct SafetyStockResult(
    double SafetyStock,
    double ReorderPoint,
    double Csl,
    double? FillRate,
    double ExpectedShortagePerCycle,
    double LeadTimeDemandMean,
    double LeadTimeDemandSd,
    ServiceTarget? Target);
