namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// k-means++ seeding (Arthur &amp; Vassilvitskii 2007): the first centre is a uniformly drawn point, each
/// further centre a point drawn with probability proportional to its squared distance D² to the nearest
/// centre chosen so far. D² is kept per point and summed per fixed chunk, so the draw is reproducible.
/// </summary>
internal static class KMeansPlusPlusSeeding
{
    /// <summary>Returns k centres (flat, k × d) drawn from the points with <paramref name="random"/>.</summary>
    /// <exception cref="InvalidOperationException">Fewer than k distinct points (every remaining D² is zero).</exception>
    public static double[] Seed(FeatureMatrix points, int k, Random random)
    {
        var x = points.Buffer;
        var n = points.Count;
        var d = points.Dimensions;
        var centres = new double[k * d];
        var nearest = new double[n];
        var chunks = LloydKernel.ChunkCount(n);
        var chunkTotals = new double[chunks];

        var first = random.Next(n);
        Array.Copy(x, first * d, centres, 0, d);
        Parallel.For(0, chunks, c => UpdateChunk(x, d, n, centres, 0, nearest, chunkTotals, c, initialise: true));

        for (var h = 1; h < k; h++)
        {
            var total = 0.0;
            for (var c = 0; c < chunks; c++)
            {
                total += chunkTotals[c];
            }

            if (total <= 0)
            {
                throw new InvalidOperationException(
                    $"k-means++ found only {h} distinct {Agreement.For(h, "point")}; k = {k} needs at least {k}.");
            }

            var chosen = Draw(nearest, chunkTotals, random.NextDouble() * total);
            Array.Copy(x, chosen * d, centres, h * d, d);
            var offset = h * d;
            Parallel.For(0, chunks, c => UpdateChunk(x, d, n, centres, offset, nearest, chunkTotals, c, initialise: false));
        }

        return centres;
    }

    // Walks the chunk totals, then the chunk's points, to the point where the cumulative D² passes the target.
    private static int Draw(double[] nearest, double[] chunkTotals, double target)
    {
        var lastPositive = -1;
        for (var c = 0; c < chunkTotals.Length; c++)
        {
            if (target >= chunkTotals[c] && c < chunkTotals.Length - 1)
            {
                target -= chunkTotals[c];
                continue;
            }

            var (start, end) = LloydKernel.ChunkBounds(c, nearest.Length);
            for (var i = start; i < end; i++)
            {
                if (nearest[i] <= 0)
                {
                    continue;
                }

                lastPositive = i;
                if (target < nearest[i])
                {
                    return i;
                }

                target -= nearest[i];
            }

            if (lastPositive >= 0)
            {
                // Rounding left a sliver of the target past this chunk's last weight: that point was the draw.
                return lastPositive;
            }
        }

        // Unreachable with a positive total: some point has D² > 0. Search backwards to stay safe under rounding.
        for (var i = nearest.Length - 1; i >= 0; i--)
        {
            if (nearest[i] > 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("No point has a positive distance to the chosen centres.");
    }

    private static void UpdateChunk(
        double[] x, int d, int n, double[] centres, int centreOffset, double[] nearest, double[] chunkTotals, int c, bool initialise)
    {
        unchecked
        {
            var (start, end) = LloydKernel.ChunkBounds(c, n);
            var total = 0.0;
            for (var i = start; i < end; i++)
            {
                var distance = LloydKernel.SquaredDistance(x, i * d, centres, centreOffset, d);
                if (initialise || distance < nearest[i])
                {
                    nearest[i] = distance;
                }

                total += nearest[i];
            }

            chunkTotals[c] = total;
        }
    }
}
