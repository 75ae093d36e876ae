namespace ChainSeg.Core.Inventory;

/// <summary>Kanban loop size.</summary>
/// <param name="Cards">Number of kanban cards (containers) in the loop.</param>
/// <param name="DemandOverLeadTime">Mean demand over the replenishment lead time, D·L.</param>
/// <param name="LoopQuantity">Units the loop holds, cards × container size.</param>
public readonly record struct KanbanResult(int Cards, double DemandOverLeadTime, double LoopQuantity);

/// <summary>Kanban card count by the Toyota formula N = ⌈D·L·(1 + α) / C⌉.</summary>
public static class Kanban
{
    // D·L·(1+α)/C is often a whole number that floating point lands just above (220.00000000000003 / 55);
    // without this slack the ceiling would add a card nobody asked for.
    private const double RelativeSlack = 1e-9;

    /// <summary>Cards needed to cover demand over the lead time plus a safety allowance α, in containers of C units.</summary>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">safetyFactor is negative or containerSize is not positive.</exception>
    public static KanbanResult CardCount(DemandRate demand, LeadTime leadTime, double safetyFactor, double containerSize)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return CardCount(demand.Mean, demand.Per, leadTime, safetyFactor, containerSize);
    }

    // A rate as its numbers, for the bulk policy computation (no DemandRate per SKU-location).
    internal static KanbanResult CardCount(double demandMean, TimeUnit per, LeadTime leadTime, double safetyFactor, double containerSize)
    {
        double demandOverLeadTime = LeadTimeDemand.Mean(demandMean, per, leadTime);
        Arguments.NonNegative(safetyFactor, nameof(safetyFactor), "Kanban safety factor α");
        Arguments.Positive(containerSize, nameof(containerSize), "Container size");

        double containers = demandOverLeadTime * (1.0 + safetyFactor) / containerSize;
        double rounded = Math.Ceiling(containers - RelativeSlack * Math.Max(1.0, containers));
        if (rounded > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(containerSize), containerSize,
                $"Container size gives {Arguments.Format(containers)} cards, more than {int.MaxValue}; use larger containers.");
        }

        int cards = (int)Math.Max(rounded, 0.0);
        return new KanbanResult(cards, demandOverLeadTime, cards * containerSize);
    }
}
