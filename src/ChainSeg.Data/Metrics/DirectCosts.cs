using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// Costs the data records per customer, charged in cost-to-serve as they are beside the activity pools (<c>costs.direct</c>,
/// DEFINITIONS.md Profitability): carrier freight (shipments.freight_cost) and service events' cost (service_events.cost).
/// </summary>
[Flags]
public enum DirectCosts
{
    /// <summary>Cost-to-serve is the activity pools alone.</summary>
    None = 0,

    /// <summary>Σ freight_cost of the customer's shipments, as the <c>freight</c> cost driver counts them.</summary>
    Freight = 1,

    /// <summary>Σ cost of the customer's service events dated in the window.</summary>
    ServiceEvents = 2,

    /// <summary>Both (the default).</summary>
    All = Freight | ServiceEvents,
}

/// <summary>The names <c>costs.direct</c> lists, which are also the pools of cost_to_serve.csv's rows of driver <see cref="Driver"/>.</summary>
public static class DirectCostNames
{
    /// <summary>cost_to_serve.csv's driver of a direct cost's rows: the amount is the volume, at a rate of 1.</summary>
    public const string Driver = "direct";

    // In the order the definition id and cost_to_serve.csv name them.
    private static readonly (DirectCosts Cost, string Name)[] Names = [(DirectCosts.Freight, "freight"), (DirectCosts.ServiceEvents, "service_events")];

    /// <summary>The names of <paramref name="costs"/>, freight first.</summary>
    public static IEnumerable<string> Of(DirectCosts costs) => Names.Where(n => costs.HasFlag(n.Cost)).Select(n => n.Name);

    /// <summary>The direct costs a cost_to_serve definition id names (<c>cts.abc[…;direct=freight]</c>); none when it names none.</summary>
    public static DirectCosts InId(string costToServeId)
    {
        ArgumentNullException.ThrowIfNull(costToServeId);
        var open = costToServeId.IndexOf('[', StringComparison.Ordinal);
        var named = open < 0 ? [] : costToServeId[(open + 1)..].TrimEnd(']').Split(';')
            .Where(part => part.StartsWith("direct=", StringComparison.Ordinal)).SelectMany(part => part["direct=".Length..].Split(','));
        return Names.Where(n => named.Contains(n.Name, StringComparer.Ordinal)).Aggregate(DirectCosts.None, (costs, n) => costs | n.Cost);
    }

    /// <summary>The direct costs <c>costs.direct</c> lists; both when it is left out.</summary>
    /// <exception cref="ConfigurationException">An entry names no direct cost.</exception>
    public static DirectCosts From(IReadOnlyList<string>? entries)
    {
        if (entries is null)
            return DirectCosts.All;
        var costs = DirectCosts.None;
        foreach (var entry in entries)
        {
            var spelt = (entry ?? "").Trim();
            costs |= Names.FirstOrDefault(n => n.Name.Equals(spelt, StringComparison.OrdinalIgnoreCase)) is { Name: not null } named ? named.Cost
                : throw new ConfigurationException($"costs.direct: '{spelt}' is not a direct cost{MetricNameSuggestion.Hint(spelt, Names.Select(n => n.Name))}; list freight, service_events or both, or [] to charge neither.");
        }
        return costs;
    }
}
