namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Names clusters from their centroids in σ units, so a planner reads "high-volume steady" instead of "cluster 2".
/// The scheme, deterministic for given centroids:
/// (1) rank a centroid's dimensions by |σ|, largest first (ties to the earlier dimension);
/// (2) take the term of each dimension at least <see cref="DistinctiveSigma"/> from the mean — its "high"
///     term above, its "low" term below (<see cref="Terms"/>) — skipping a word already used, or one of a dimension that
///     measures the same thing as one already used (orders and orders_per_month; lines and lines_per_order);
/// (3) the name is the first two terms, or "typical" when no dimension is distinctive;
/// (4) clusters whose names use the same words (in any order) get a third term;
/// (5) of clusters still sharing a name (other than "typical"), the one strictly furthest from the mean on the dimensions
///     its words come from reads "very …"; any still equal get " 2", " 3", … in cluster order.
/// </summary>
public static class ClusterNaming
{
    /// <summary>Distance from the population mean, in σ, from which a dimension counts toward the name.</summary>
    public const double DistinctiveSigma = 0.5;

    /// <summary>Name of a cluster with no dimension at least <see cref="DistinctiveSigma"/> from the mean.</summary>
    public const string Typical = "typical";

    // Keys are the metric columns of customer_metrics.csv (MetricDefinitions); a test keeps them in step.
    private static readonly Dictionary<string, (string High, string Low)> Vocabulary = new(StringComparer.Ordinal)
    {
        ["revenue"] = ("high-volume", "small"),
        ["cost_of_goods"] = ("high-cogs", "low-cogs"),
        ["gross_margin"] = ("high-profit", "low-profit"),
        ["gross_margin_pct"] = ("high-margin", "low-margin"),
        ["price_realisation"] = ("full-price", "deep-discount"),
        ["list_value"] = ("high-list-value", "low-list-value"),
        ["listed_revenue"] = ("high-listed-revenue", "low-listed-revenue"),
        ["orders"] = ("frequent", "occasional"),
        ["orders_per_month"] = ("frequent", "rare"),
        // A short gap between orders is frequent ordering: "regular" read as a steady cadence, which the mean gap does not say.
        ["mean_interorder_days"] = ("infrequent", "frequent"),
        ["lines"] = ("many-line", "few-line"),
        ["units"] = ("high-unit", "low-unit"),
        ["net_units"] = ("high-net-unit", "low-net-unit"),
        ["avg_order_value"] = ("big-ticket", "low-ticket"),
        ["lines_per_order"] = ("multi-line", "single-line"),
        ["units_per_line"] = ("bulk", "piece-pick"),
        ["demand_mean"] = ("high-demand", "low-demand"),
        ["demand_sd"] = ("volatile", "stable"),
        ["demand_cv"] = ("erratic", "steady"),
        ["adi"] = ("intermittent", "continuous"),
        ["cv2"] = ("lumpy", "uniform"),
        ["periods"] = ("established", "recent-start"),
        ["recency_days"] = ("lapsing", "recent"),
        ["tenure_days"] = ("long-standing", "new"),
        ["return_lines"] = ("many-returns", "few-returns"),
        ["returned_units"] = ("high-return-volume", "low-return-volume"),
        ["returned_value"] = ("high-return-value", "low-return-value"),
        ["return_rate"] = ("high-return", "low-return"),
        ["expedites"] = ("often-expedited", "rarely-expedited"),
        ["expedite_rate"] = ("urgent", "planned"),
        ["complaints"] = ("complaining", "quiet"),
        ["complaint_rate"] = ("demanding", "low-complaint"),
        ["order_changes"] = ("often-amended", "rarely-amended"),
        ["order_change_rate"] = ("order-changing", "firm-ordering"),
        ["orders_with_shipments"] = ("much-shipped", "little-shipped"),
        ["orders_timed"] = ("well-tracked", "little-tracked"),
        ["orders_otif"] = ("many-otif", "few-otif"),
        ["on_time_rate"] = ("punctual", "late-served"),
        ["in_full_rate"] = ("fully-served", "short-shipped"),
        ["otif_rate"] = ("well-served", "poorly-served"),
        ["perfect_orders"] = ("many-perfect", "few-perfect"),
        ["perfect_order_rate"] = ("flawlessly-served", "claim-prone"),
        ["units_ordered"] = ("much-ordered", "little-ordered"),
        ["units_shipped"] = ("much-filled", "little-filled"),
        ["fill_rate_units"] = ("well-filled", "under-filled"),
        ["lines_fill_known"] = ("many-fill-judged-line", "few-fill-judged-line"),
        ["lines_filled"] = ("many-lines-filled", "few-lines-filled"),
        ["fill_rate_lines"] = ("line-filled", "line-short"),
        ["orders_fill_known"] = ("many-fill-judged", "few-fill-judged"),
        ["orders_filled_first_time"] = ("many-first-filled", "few-first-filled"),
        ["orders_filled_after_backorders"] = ("many-filled-in-the-end", "few-filled-in-the-end"),
        ["fill_rate_orders"] = ("order-filled", "order-short"),
        ["delivered_orders"] = ("many-delivered", "few-delivered"),
        ["delivered_order_days"] = ("long-waiting", "short-waiting"),
        ["order_cycle_days"] = ("slow-cycle", "fast-cycle"),
        ["deliveries"] = ("many-delivery", "few-delivery"),
        ["drop_size"] = ("large-drop", "small-drop"),
        ["deliveries_per_order"] = ("split-delivery", "one-delivery"),
        ["requested_lead_time_days"] = ("patient", "short-notice"),
        ["drop_ship_share"] = ("drop-ship", "warehouse-shipped"),
        ["cost_to_serve"] = ("high-cost", "low-cost"),
        ["cost_to_serve_pct"] = ("costly-to-serve", "cheap-to-serve"),
        ["net_contribution"] = ("high-contribution", "low-contribution"),
    };

    // Dimensions that measure one thing two ways: a name takes a word from the most distinctive of them only, since
    // their words side by side contradict ("frequent rare": many orders over a long tenure, few a month; "many-line
    // single-line": many lines in all, one an order).
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["orders"] = "frequency",
        ["orders_per_month"] = "frequency",
        ["mean_interorder_days"] = "frequency",
        ["lines"] = "lines",
        ["lines_per_order"] = "lines",
    };

    /// <summary>Whether the dimension has its own words; others read "high x"/"low x".</summary>
    public static bool HasTerms(string dimension) => Vocabulary.ContainsKey(dimension);

    /// <summary>The words for a dimension far above and far below the mean; unknown metrics read "high x"/"low x".</summary>
    public static (string High, string Low) Terms(string dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        if (Vocabulary.TryGetValue(dimension, out var terms))
        {
            return terms;
        }

        var words = dimension.Replace('_', ' ');
        return ($"high {words}", $"low {words}");
    }

    /// <summary>One unique name per centroid, in centroid order.</summary>
    /// <exception cref="ArgumentException">No centroids, or a centroid without one value per dimension.</exception>
    public static IReadOnlyList<string> Name(IReadOnlyList<string> dimensions, IReadOnlyList<double[]> centroidsInSigma)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(centroidsInSigma);
        if (centroidsInSigma.Count == 0)
        {
            throw new ArgumentException("At least one centroid is required; got none.", nameof(centroidsInSigma));
        }

        var terms = new List<(string Word, int Dimension)>[centroidsInSigma.Count];
        for (var h = 0; h < terms.Length; h++)
        {
            if (centroidsInSigma[h].Length != dimensions.Count)
            {
                throw new ArgumentException(
                    $"Centroid {h} has {centroidsInSigma[h].Length} values; expected one per dimension ({dimensions.Count}).",
                    nameof(centroidsInSigma));
            }

            terms[h] = DistinctiveTerms(dimensions, centroidsInSigma[h]);
        }

        // "costly frequent" and "frequent costly" say the same thing: names clash when their word sets do.
        var used = Enumerable.Repeat(2, terms.Length).ToArray();
        var names = terms.Select(t => Compose(t, 2)).ToArray();
        var clashing = names.GroupBy(WordSet, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var h = 0; h < names.Length; h++)
        {
            if (clashing.Contains(WordSet(names[h])))
            {
                names[h] = Compose(terms[h], 3);
                used[h] = 3;
            }
        }

        // Two "small" clusters differ in degree, which "very" says better than a number: the one whose centroid lies
        // furthest from the mean (in σ) on the dimensions its words name takes it. Over every dimension, a cluster a little
        // small but off the mean on unnamed dimensions read "very small" beside one with far less revenue.
        double Named(int h) => terms[h].Take(used[h]).Sum(t => centroidsInSigma[h][t.Dimension] * centroidsInSigma[h][t.Dimension]);
        foreach (var group in Enumerable.Range(0, names.Length).GroupBy(h => WordSet(names[h]), StringComparer.Ordinal)
                     .Where(g => g.Count() > 1 && names[g.First()] != Typical))
        {
            var byDistance = group.OrderByDescending(Named).ToList();
            if (Named(byDistance[0]) > Named(byDistance[1]))
                names[byDistance[0]] = "very " + names[byDistance[0]];
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var h = 0; h < names.Length; h++)
        {
            var candidate = names[h];
            for (var suffix = 2; !taken.Add(candidate); suffix++)
            {
                candidate = $"{names[h]} {suffix}";
            }

            names[h] = candidate;
        }

        return names;
    }

    // Each word with the dimension it comes from (the first, when two dimensions share a word or a family).
    private static List<(string Word, int Dimension)> DistinctiveTerms(IReadOnlyList<string> dimensions, double[] centroid)
    {
        var ranked = Enumerable.Range(0, dimensions.Count)
            .Where(j => Math.Abs(centroid[j]) >= DistinctiveSigma)
            .OrderByDescending(j => Math.Abs(centroid[j]))
            .ThenBy(j => j);
        var words = new List<(string Word, int Dimension)>();
        foreach (var j in ranked)
        {
            var (high, low) = Terms(dimensions[j]);
            var word = centroid[j] > 0 ? high : low;
            var family = Families.GetValueOrDefault(dimensions[j]);
            if (!words.Exists(w => string.Equals(w.Word, word, StringComparison.Ordinal)
                    || (family is not null && family == Families.GetValueOrDefault(dimensions[w.Dimension]))))
            {
                words.Add((word, j));
            }
        }

        return words;
    }

    private static string WordSet(string name) => string.Join(' ', name.Split(' ').Order(StringComparer.Ordinal));

    private static string Compose(List<(string Word, int Dimension)> terms, int count) =>
        terms.Count == 0 ? Typical : string.Join(' ', terms.Take(count).Select(t => t.Word));
}
