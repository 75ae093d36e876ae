namespace ChainSeg.Core.Segmentation;

/// <summary>The known metric a mistyped or shortened name most likely meant, for "did you mean" hints.</summary>
public static class MetricNameSuggestion
{
    /// <summary>
    /// The only known name whose words include <paramref name="typed"/> (otif → otif_rate, cv → demand_cv) or, of several,
    /// the only one it starts (otif → otif_rate beside orders_otif), else the only one it is the leading words of (fill_rate →
    /// fill_rate_units), else the closest within two edits (revnue → revenue), else the only one whose leading words its
    /// words are, a plural s aside (perfect_orders → perfect_order_rate); null when none stands out. Case is ignored.
    /// </summary>
    public static string? For(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var names = known.ToList();
        var lower = typed.ToLowerInvariant();
        if (lower.Length == 0)
            return null;
        var byWord = names.Where(k => k.ToLowerInvariant().Split('_').Contains(lower)).ToList();
        if (byWord.Count == 1)
            return byWord[0];
        // A name is named by its first word: otif_rate is the OTIF metric, orders_otif a count of orders.
        var byFirstWord = byWord.Where(k => k.ToLowerInvariant().Split('_')[0] == lower).ToList();
        if (byFirstWord.Count == 1)
            return byFirstWord[0];
        // A name cut short at a word boundary (fill_rate for fill_rate_units) is many edits away but plainly that name.
        var byLeadingWords = names.Where(k => lower.Contains('_', StringComparison.Ordinal) && k.ToLowerInvariant().StartsWith(lower + "_", StringComparison.Ordinal)).ToList();
        if (byLeadingWords.Count == 1)
            return byLeadingWords[0];
        var closest = names
            .Select(k => (Name: k, Distance: EditDistance(lower, k.ToLowerInvariant())))
            .Where(k => k.Distance <= 2)
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
        if (closest is not null || !lower.Contains('_', StringComparison.Ordinal))
            return closest;
        // perfect_orders, the count, for perfect_order_rate, the KPI: six edits away, and its leading words but for the s.
        var words = lower.Split('_');
        var byLeadingWordsButPlural = names.Where(k => k.ToLowerInvariant().Split('_') is var theirs && theirs.Length > words.Length
            && words.Select((w, i) => Singular(w) == Singular(theirs[i])).All(same => same)).ToList();
        return byLeadingWordsButPlural.Count == 1 ? byLeadingWordsButPlural[0] : null;
    }

    // A word without its plural s (orders → order), so that the count's and the rate's words compare.
    private static string Singular(string word) => word.Length > 1 && word.EndsWith('s') ? word[..^1] : word;

    /// <summary>" (did you mean 'x'?)" for the suggestion, or an empty string without one.</summary>
    public static string Hint(string typed, IEnumerable<string> known) =>
        For(typed, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";

    // Levenshtein distance.
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
