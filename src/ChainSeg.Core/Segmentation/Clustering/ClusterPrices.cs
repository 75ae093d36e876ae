namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Per-cluster prices that roughly balance cluster sizes: a point goes to the cluster minimising
/// distance² − price. They only guide which points the size-constrained assignment treats as candidates
/// (the flow and its certificate decide the answer), so a heuristic is enough: sweep the clusters that break
/// a bound and set each one's price so that, with the others fixed, its size just meets the bound.
/// </summary>
internal static class ClusterPrices
{
    private const int Sweeps = 3;

    /// <summary>Adjusts <paramref name="prices"/> in place toward sizes within [min, max].</summary>
    public static void Balance(double[] distances, int n, int k, int min, int max, double[] prices)
    {
        var thresholds = new double[n];
        var chunkSizes = new int[LloydKernel.ChunkCount(n)];
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            var adjusted = false;
            for (var h = 0; h < k; h++)
            {
                // Each point's threshold depends on that point alone, so the chunks run on every core and the integer size is exact.
                var cluster = h;
                LloydKernel.ForEachChunk(n, (c, start, end) => chunkSizes[c] = Thresholds(distances, k, cluster, prices, thresholds, start, end));
                var size = chunkSizes.Sum();
                if (size >= min && size <= max)
                {
                    continue;
                }

                // Only one order statistic is needed: selecting it is linear where sorting all n thresholds was not.
                prices[h] = size > max ? OrderStatistic.Select(thresholds, max) : Math.BitIncrement(OrderStatistic.Select(thresholds, min - 1));
                adjusted = true;
            }

            if (!adjusted)
            {
                return;
            }
        }
    }

    // Point i joins h exactly when prices[h] exceeds its threshold d(i, h) − min over g ≠ h of (d(i, g) − prices[g]);
    // fills the thresholds of points [start, end) and returns how many join h.
    private static int Thresholds(double[] distances, int k, int h, double[] prices, double[] thresholds, int start, int end)
    {
        var size = 0;
        for (var i = start; i < end; i++)
        {
            var other = double.PositiveInfinity;
            for (var g = 0; g < k; g++)
            {
                if (g != h)
                {
                    other = Math.Min(other, distances[(i * k) + g] - prices[g]);
                }
            }

            thresholds[i] = distances[(i * k) + h] - other;
            size += thresholds[i] < prices[h] ? 1 : 0;
        }

        return size;
    }
}
