using Google.OrTools.Graph;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// The assignment step of constrained k-means (Bradley, Bennett &amp; Demiriz 2000): for fixed centroids,
/// assign every point to one cluster so that each cluster has between min and max members and the sum of
/// squared distances is least. Solved exactly as a min-cost flow (Google OR-Tools): one unit of supply per
/// point, an arc point → cluster of capacity 1 per pair, each cluster demands min units, and a sink takes the
/// remaining n − k·min units through arcs cluster → sink of capacity max − min. Flow integrality makes the
/// optimum an assignment.
/// </summary>
/// <remarks>
/// Costs must be integers. Each point's cost is first reduced by its distance to its nearest centroid (a
/// per-point constant, which changes the total but not the optimal assignment), then scaled so the largest
/// such regret becomes <see cref="CostResolution"/> (10⁷, lowered for huge graphs to stay below OR-Tools'
/// overflow bound int64.Max / 2(nodes+1)²) and rounded. The assignment is therefore optimal to within
/// n × largest regret / (2 × resolution) in summed squared distance: for 200,000 points, 1 % of one regret.
/// When the nearest-centroid assignment already meets the bounds it is optimal and no flow is solved.
/// </remarks>
public static class SizeConstrainedAssignment
{
    /// <summary>Integer cost given to the largest regret (see remarks).</summary>
    public const long CostResolution = 10_000_000;

    /// <summary>Assigns points to the given centroids within the size bounds, minimising the sum of squared distances.</summary>
    /// <returns>The cluster index per point.</returns>
    /// <exception cref="ArgumentException">Centroid dimensions differ from the points', or the bounds are infeasible (message names the numbers).</exception>
    public static int[] Assign(FeatureMatrix points, IReadOnlyList<double[]> centroids, ClusterSizeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(centroids);
        ArgumentNullException.ThrowIfNull(limits);
        var k = centroids.Count;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k, nameof(centroids));
        var d = points.Dimensions;
        var flat = new double[k * d];
        for (var h = 0; h < k; h++)
        {
            if (centroids[h].Length != d)
            {
                throw new ArgumentException(
                    $"Centroid {h} has {centroids[h].Length} values; the points have {d} dimensions.", nameof(centroids));
            }

            centroids[h].CopyTo(flat, h * d);
        }

        var (min, max) = limits.Resolve(points.Count, k);
        var distances = new double[points.Count * k];
        new LloydKernel(points, k).AllDistances(flat, distances);
        return Assign(distances, points.Count, k, min, max);
    }

    /// <summary>Optimal bounded assignment from a row-major n × k matrix of squared distances.</summary>
    internal static int[] Assign(double[] distances, int n, int k, int min, int max)
    {
        var labels = new int[n];
        var sizes = new int[k];
        var regrets = new double[n * k];
        var largestRegret = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = distances.AsSpan(i * k, k);
            var best = 0;
            for (var h = 1; h < k; h++)
            {
                if (row[h] < row[best])
                {
                    best = h;
                }
            }

            labels[i] = best;
            sizes[best]++;
            for (var h = 0; h < k; h++)
            {
                var regret = row[h] - row[best];
                regrets[(i * k) + h] = regret;
                largestRegret = Math.Max(largestRegret, regret);
            }
        }

        var withinBounds = true;
        foreach (var size in sizes)
        {
            withinBounds &= size >= min && size <= max;
        }

        if (withinBounds)
        {
            return labels;
        }

        var nodes = n + k + 1;
        var resolution = Math.Min(CostResolution, long.MaxValue / (2L * (nodes + 1L) * (nodes + 1L)));
        while (true)
        {
            var status = SolveFlow(regrets, n, k, min, max, resolution, largestRegret, labels);
            if (status == MinCostFlowBase.Status.OPTIMAL)
            {
                return labels;
            }

            if (status != MinCostFlowBase.Status.BAD_COST_RANGE || resolution < 1_000)
            {
                throw new InvalidOperationException(
                    $"Min-cost flow for the size-constrained assignment ended with status {status} (n = {n}, k = {k}, min = {min}, max = {max}).");
            }

            // OR-Tools detected a potential overflow during cost scaling; coarser costs keep it in range.
            resolution /= 16;
        }
    }

    private static MinCostFlowBase.Status SolveFlow(
        double[] regrets, int n, int k, int min, int max, long resolution, double largestRegret, int[] labels)
    {
        var scale = largestRegret > 0 ? resolution / largestRegret : 0.0;
        var sink = n + k;
        using var flow = new MinCostFlow(n + k + 1, (n * k) + k);
        for (var i = 0; i < n; i++)
        {
            for (var h = 0; h < k; h++)
            {
                // Arc index i·k + h: added first, in this order, so flows are read back by index.
                flow.AddArcWithCapacityAndUnitCost(i, n + h, 1, (long)Math.Round(regrets[(i * k) + h] * scale));
            }

            flow.SetNodeSupply(i, 1);
        }

        for (var h = 0; h < k; h++)
        {
            flow.AddArcWithCapacityAndUnitCost(n + h, sink, max - min, 0);
            flow.SetNodeSupply(n + h, -min);
        }

        flow.SetNodeSupply(sink, -(n - ((long)k * min)));
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            return status;
        }

        for (var i = 0; i < n; i++)
        {
            for (var h = 0; h < k; h++)
            {
                if (flow.Flow((i * k) + h) > 0)
                {
                    labels[i] = h;
                    break;
                }
            }
        }

        return status;
    }
}
