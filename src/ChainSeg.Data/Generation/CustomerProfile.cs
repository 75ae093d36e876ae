using MathNet.Numerics.Distributions;

namespace ChainSeg.Data.Generation;

/// <summary>One customer's own behaviour, drawn around its archetype's means.</summary>
internal sealed record CustomerProfile(
    ArchetypeTraits Traits,
    double OrdersPerMonth,
    double LinesPerOrder,
    int MaxLinesPerOrder,
    double UnitsPerLine,
    double Discount,
    double LateProbability,
    double PartialProbability,
    double ReturnProbability,
    double ExpediteProbability,
    double ComplaintProbability,
    double ClaimProbability,
    double CreditNoteProbability,
    int RequestedLeadDays,
    int BasketSize,
    double CentralShare)
{
    // Log-normal spread of rates and sizes between customers of one archetype: wide enough that
    // archetypes overlap at the edges, narrow enough that their means stay well apart.
    private const double RateSpread = 0.25;
    private const double ProbabilitySpread = 0.35;

    public CustomerArchetype Archetype => Traits.Archetype;

    public static CustomerProfile Draw(ArchetypeTraits traits, Random random)
    {
        var basket = Math.Max(4, (int)Math.Round(traits.BasketSize * Jitter(random, 0.3)));
        var linesPerOrder = 1 + ((traits.LinesPerOrder - 1) * Jitter(random, RateSpread));
        return new CustomerProfile(
            traits,
            OrdersPerMonth: traits.OrdersPerMonth * Jitter(random, RateSpread),
            LinesPerOrder: linesPerOrder,
            MaxLinesPerOrder: Math.Max(1, Math.Min(traits.MaxLinesPerOrder, basket / 2)),
            UnitsPerLine: traits.UnitsPerLine * Jitter(random, RateSpread),
            Discount: Math.Clamp(traits.Discount + Normal.Sample(random, 0, 0.025), 0, 0.4),
            LateProbability: Probability(traits.LateProbability, random),
            PartialProbability: Probability(traits.PartialProbability, random),
            ReturnProbability: Probability(traits.ReturnProbability, random),
            ExpediteProbability: Probability(traits.ExpediteProbability, random),
            ComplaintProbability: Probability(traits.ComplaintProbability, random),
            ClaimProbability: Probability(traits.ClaimProbability, random),
            CreditNoteProbability: Probability(traits.CreditNoteProbability, random),
            RequestedLeadDays: Math.Max(1, (int)Math.Round(traits.RequestedLeadDays * Jitter(random, 0.2))),
            BasketSize: basket,
            CentralShare: Probability(traits.CentralShare, random));
    }

    /// <summary>Mean order lines per order, return lines included, before the line cap.</summary>
    public double ExpectedLinesPerOrder => LinesPerOrder + ReturnProbability;

    private static double Probability(double mean, Random random) => Math.Min(0.8, mean * Jitter(random, ProbabilitySpread));

    // Mean-one log-normal multiplier.
    private static double Jitter(Random random, double sigma) => Math.Exp(Normal.Sample(random, -sigma * sigma / 2, sigma));
}
