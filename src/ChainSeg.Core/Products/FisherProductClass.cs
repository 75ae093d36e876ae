using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Products;

/// <summary>A SKU's place on Fisher's product axis and why.</summary>
/// <param name="ProductClass"><see cref="FisherProductClass.Functional"/>, <see cref="FisherProductClass.Innovative"/> or <see cref="FisherProductClass.Unclassified"/>.</param>
/// <param name="Reason">Each signal against its cut-off, and the vote.</param>
public sealed record FisherClassification(string ProductClass, string Reason);

/// <summary>
/// Fisher's (1997) product axis: functional products (low margin, low forecast error, long life) want an efficient supply
/// chain, innovative ones (high margin, high forecast error, short life) a responsive one. Each signal votes; a class needs
/// two votes. Two of three, not all three, because one signal on the other side (a functional SKU sold in small, erratic
/// quantities reads a high forecast error; a functional good's gross margin may pass the margin cut-off) does not
/// overturn the two that agree. A SKU with one signal missing needs both others to agree; with two missing it is unclassified.
/// </summary>
public static class FisherProductClass
{
    /// <summary>Stable demand, low margin, long life: supplied efficiently.</summary>
    public const string Functional = "functional";

    /// <summary>High margin, unpredictable demand, short life: supplied responsively.</summary>
    public const string Innovative = "innovative";

    /// <summary>Too few signals, or signals that split, to place the SKU.</summary>
    public const string Unclassified = "unclassified";

    /// <summary>Votes a class needs.</summary>
    public const int VotesNeeded = 2;

    /// <summary>Classifies a SKU by the votes of its signals against <paramref name="cutoffs"/>.</summary>
    public static FisherClassification Classify(ProductSignals signals, FisherCutoffs cutoffs)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(cutoffs);
        var votes = new List<(bool Innovative, string Text)>(3);
        var missing = new List<string>(3);
        void Vote(double? value, Func<double, bool> innovative, Func<double, string> shown, (string Innovative, string Functional) sides, string cutoff, string absent)
        {
            if (value is not { } v)
                missing.Add(absent);
            else if (innovative(v))
                votes.Add((true, $"{shown(v)} {sides.Innovative} {cutoff}"));
            else
                votes.Add((false, $"{shown(v)} {sides.Functional} {cutoff}"));
        }
        var lifeCutoff = ReasonFormat.Threshold(cutoffs.LifeMonths);
        Vote(signals.GrossMarginPct, v => v >= cutoffs.Margin, v => $"gross margin {ReasonFormat.Percent(v, cutoffs.Margin)}", ("≥", "<"),
            ReasonFormat.CutoffPercent(cutoffs.Margin), "gross margin (no unit cost or margin_amount)");
        Vote(signals.ForecastError, v => v >= cutoffs.ForecastError, v => $"forecast WAPE {ReasonFormat.Percent(v, cutoffs.ForecastError)}", ("≥", "<"),
            ReasonFormat.CutoffPercent(cutoffs.ForecastError), "forecast error (no forecasts for its months)");
        Vote(signals.LifeMonths, v => v <= cutoffs.LifeMonths, v => $"life {ReasonFormat.Number(v, cutoffs.LifeMonths, lifeCutoff)} months", ("≤", ">"),
            lifeCutoff, "life (on sale too briefly to judge)");

        var innovative = votes.Count(v => v.Innovative);
        var functional = votes.Count - innovative;
        var productClass = innovative >= VotesNeeded ? Innovative : functional >= VotesNeeded ? Functional : Unclassified;
        var tally = productClass == Unclassified
            ? votes.Count < VotesNeeded ? $"{votes.Count} of 3 signals, {VotesNeeded} needed" : $"signals split {innovative} innovative to {functional} functional"
            : $"{Math.Max(innovative, functional)} of {votes.Count} signals";
        var reason = $"{productClass} ({tally})";
        if (votes.Count > 0)
            reason += ": " + string.Join(", ", votes.Select(v => v.Text));
        if (missing.Count > 0)
            reason += "; missing " + string.Join(", ", missing);
        return new FisherClassification(productClass, reason);
    }
}
