using Google.OrTools.Graph;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// The assignment step of constrained k-means (Bradley, Bennett &amp; Demiriz 2000): for fixed centroids,
/// assign every point to one cluster so that each cluster has between min and max members and the sum of
/// squared distances is least. Solved exactly as a min-cost flow (Google OR-Tools): one unit of supply per
/// point, an arc point → cluster of capacity 1 per pair, each cluster demands min units, and a sink takes the
/// remaining units through arcs cluster → sink of capacity max − min. Flow integrality makes the optimum an
/// assignment.
/// </summary>
/// <remarks>
/// <para>Costs must be integers. Each point's cost is first reduced by its distance to its nearest centroid (a
/// per-point constant, which changes the total but not the optimal assignment), then scaled so the largest
/// such regret becomes <see cref="CostResolution"/> (10⁷, lowered for huge graphs to stay below OR-Tools'
/// overflow bound int64.Max / 2(nodes+1)²) and rounded. The assignment is therefore optimal to within
/// n × largest regret / (2 × resolution) in summed squared distance: for 200,000 points, 1 % of one regret.</para>
/// <para>When the nearest-centroid assignment already meets the bounds it is optimal and no flow is solved.
/// Otherwise per-cluster prices are set so that "nearest after prices" roughly meets the bounds
/// (<see cref="ClusterPrices"/>; constrained k-means passes the previous iteration's certified prices as a
/// warm start). Every point is held at its cheapest cluster after prices, and the flow is solved only for the
/// points whose switch to a second choice costs least (n/16, at least 4,096), the rest using up their clusters'
/// room. The result is then certified for the whole problem with the min-cost-flow optimality condition: the
/// residual graph, condensed to the k clusters and the sink (moving a member of g to h costs the least
/// cost(i, h) − cost(i, g) over g's members; a cluster below its maximum can take one more, one above its
/// minimum can give one up), must hold no negative cycle (Bellman–Ford on k + 1 nodes, in the same integer
/// costs). If it does, the subset's own optimum supplies new prices, the candidate set doubles and the flow is
/// solved again, at worst on the full n × k graph. The answer is therefore the full graph's optimum, and the
/// subset is usually certified at the first attempt (see the clustering benchmark for figures).</para>
/// </remarks>
public static class SizeConstrainedAssignment
{
    /// <summary>Integer cost given to the largest regret (see remarks).</summary>
    public const long CostResolution = 10_000_000;

    /// <summary>Smallest candidate set solved by flow before certification.</summary>
    internal const int MinimumCandidates = 4096;

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
        return Assign(points, flat, k, min, max);
    }

    /// <summary>Bounded assignment to the given centroids, with the member bounds already resolved to counts.</summary>
    internal static int[] Assign(FeatureMatrix points, IReadOnlyList<double[]> centroids, int min, int max) =>
        Assign(points, centroids.SelectMany(c => c).ToArray(), centroids.Count, min, max);

    private static int[] Assign(FeatureMatrix points, double[] flatCentroids, int k, int min, int max)
    {
        var distances = new double[points.Count * k];
        new LloydKernel(points, k).AllDistances(flatCentroids, distances);
        return Assign(distances, points.Count, k, min, max);
    }

    /// <summary>Optimal bounded assignment from a row-major n × k matrix of squared distances.</summary>
    /// <param name="distances">Squared distances, n × k.</param>
    /// <param name="n">Number of points.</param>
    /// <param name="k">Number of clusters.</param>
    /// <param name="min">Minimum members per cluster.</param>
    /// <param name="max">Maximum members per cluster.</param>
    /// <param name="prices">Optional per-cluster prices in squared-distance units, read as a warm start and
    /// overwritten with the certified solution's prices (constrained k-means passes them from one iteration to the next).</param>
    /// <param name="firstCandidates">Size of the first candidate set (0 = automatic); tests lower it to exercise certification.</param>
    internal static int[] Assign(double[] distances, int n, int k, int min, int max, double[]? prices = null, int firstCandidates = 0)
    {
        var nearest = new int[n];
        var sizes = new int[k];
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

            nearest[i] = best;
            sizes[best]++;
            for (var h = 0; h < k; h++)
            {
                largestRegret = Math.Max(largestRegret, row[h] - row[best]);
            }
        }

        if (sizes.All(size => size >= min && size <= max))
        {
            if (prices is not null)
            {
                Array.Clear(prices);
            }

            return nearest;
        }

        var guide = prices is null ? new double[k] : (double[])prices.Clone();
        ClusterPrices.Balance(distances, n, k, min, max, guide);
        var first = firstCandidates > 0 ? firstCandidates : Math.Max(MinimumCandidates, n / 16);
        var nodes = n + k + 1;
        var resolution = Math.Min(CostResolution, long.MaxValue / (2L * (nodes + 1L) * (nodes + 1L)));
        while (true)
        {
            var scale = largestRegret > 0 ? resolution / largestRegret : 0.0;
            var costs = ScaledCosts(distances, nearest, n, k, scale);
            var status = SolveCertified(costs, guide.Select(p => (long)Math.Round(p * scale)).ToArray(), n, k, min, max, first, out var labels, out var potentials);
            if (status == MinCostFlowBase.Status.OPTIMAL)
            {
                if (prices is not null)
                {
                    for (var h = 0; h < k; h++)
                    {
                        prices[h] = scale > 0 ? potentials[h] / scale : 0.0;
                    }
                }

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

    // Regret of each (point, cluster) pair against the point's nearest cluster, in integer cost units. Every entry is
    // written, and each depends on its own point alone, so the array starts unzeroed and the chunks run on every core.
    private static long[] ScaledCosts(double[] distances, int[] nearest, int n, int k, double scale)
    {
        var costs = GC.AllocateUninitializedArray<long>(n * k);
        LloydKernel.ForEachChunk(n, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                var own = distances[(i * k) + nearest[i]];
                for (var h = 0; h < k; h++)
                {
                    costs[(i * k) + h] = (long)Math.Round((distances[(i * k) + h] - own) * scale);
                }
            }
        });

        return costs;
    }

    private static MinCostFlowBase.Status SolveCertified(
        long[] costs, long[] prices, int n, int k, int min, int max, int firstCandidates, out int[] labels, out long[] potentials)
    {
        var held = new int[n];
        var order = new int[n];
        var gap = new long[n];
        var movable = new bool[n];
        var candidates = Math.Min(n, Math.Max(1, firstCandidates));
        while (true)
        {
            RankByPrices(costs, prices, k, held, order, gap);
            labels = (int[])held.Clone();
            var subset = order.AsSpan(0, candidates).ToArray();
            var status = SolveSubset(costs, labels, subset, k, min, max);
            if (status == MinCostFlowBase.Status.OPTIMAL)
            {
                var certificate = Certify(costs, labels, k, min, max, movable: null);
                if (certificate is not null)
                {
                    potentials = certificate;
                    return status;
                }

                if (candidates == n)
                {
                    // OR-Tools' optimum of the full graph cannot leave a negative cycle in the same integer costs.
                    throw new InvalidOperationException("The full min-cost flow solution failed its optimality certificate.");
                }

                // The subset's own optimum yields prices that single out the held points worth moving next round.
                Array.Clear(movable);
                foreach (var i in subset)
                {
                    movable[i] = true;
                }

                prices = Certify(costs, labels, k, min, max, movable) ?? prices;
            }
            else if (candidates == n || status != MinCostFlowBase.Status.INFEASIBLE)
            {
                potentials = [];
                return status;
            }

            candidates = (int)Math.Min(n, 2L * candidates);
        }
    }

    // Holds each point at its cheapest cluster after prices and orders points by how little a switch to their
    // second choice costs: the points an optimal assignment is most likely to move. Array.Sort is not stable, so equal
    // gaps keep the order its introsort leaves them in (the same on every run), not the index order.
    private static void RankByPrices(long[] costs, long[] prices, int k, int[] held, int[] order, long[] gap)
    {
        for (var i = 0; i < held.Length; i++)
        {
            var best = long.MaxValue;
            var second = long.MaxValue;
            for (var h = 0; h < k; h++)
            {
                var reduced = costs[(i * k) + h] - prices[h];
                if (reduced < best)
                {
                    second = best;
                    best = reduced;
                    held[i] = h;
                }
                else if (reduced < second)
                {
                    second = reduced;
                }
            }

            order[i] = i;
            gap[i] = second == long.MaxValue ? long.MaxValue : second - best;
        }

        Array.Sort(gap, order);
    }

    // Min-cost flow over the subset; everyone else keeps its label and uses up cluster room.
    private static MinCostFlowBase.Status SolveSubset(long[] costs, int[] labels, int[] subset, int k, int min, int max)
    {
        var m = subset.Length;
        var inSubset = new bool[labels.Length];
        foreach (var i in subset)
        {
            inSubset[i] = true;
        }

        var held = new int[k];
        for (var i = 0; i < labels.Length; i++)
        {
            if (!inSubset[i])
            {
                held[labels[i]]++;
            }
        }

        var lower = new long[k];
        var upper = new long[k];
        for (var h = 0; h < k; h++)
        {
            lower[h] = Math.Max(0, min - held[h]);
            upper[h] = max - held[h];
            if (upper[h] < lower[h])
            {
                // The held points alone overfill this cluster: the subset is too small to repair it.
                return MinCostFlowBase.Status.INFEASIBLE;
            }
        }

        if (lower.Sum() > m || upper.Sum() < m)
        {
            return MinCostFlowBase.Status.INFEASIBLE;
        }

        var sink = m + k;
        using var flow = new MinCostFlow(m + k + 1, (m * k) + k);
        for (var t = 0; t < m; t++)
        {
            var i = subset[t];
            for (var h = 0; h < k; h++)
            {
                // Arc index t·k + h: added first, in this order, so flows are read back by index.
                flow.AddArcWithCapacityAndUnitCost(t, m + h, 1, costs[(i * k) + h]);
            }

            flow.SetNodeSupply(t, 1);
        }

        for (var h = 0; h < k; h++)
        {
            flow.AddArcWithCapacityAndUnitCost(m + h, sink, upper[h] - lower[h], 0);
            flow.SetNodeSupply(m + h, -lower[h]);
        }

        flow.SetNodeSupply(sink, -(m - lower.Sum()));
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            return status;
        }

        for (var t = 0; t < m; t++)
        {
            for (var h = 0; h < k; h++)
            {
                if (flow.Flow((t * k) + h) > 0)
                {
                    labels[subset[t]] = h;
                    break;
                }
            }
        }

        return status;
    }

    /// <summary>
    /// Certifies the assignment optimal: no negative cycle in the residual graph condensed to clusters 0..k−1
    /// and the sink k (see remarks), counting only <paramref name="movable"/> points as able to move (all when
    /// null). Returns per-cluster prices π (shortest-path distances) under which every movable point sits at its
    /// cheapest cluster, cost(i, h) − π_h; null when a negative cycle shows the assignment can still improve.
    /// </summary>
    internal static long[]? Certify(long[] costs, int[] labels, int k, int min, int max, bool[]? movable)
    {
        var move = new long[k, k];
        for (var g = 0; g < k; g++)
        {
            for (var h = 0; h < k; h++)
            {
                move[g, h] = long.MaxValue;
            }
        }

        var sizes = new int[k];
        for (var i = 0; i < labels.Length; i++)
        {
            var g = labels[i];
            sizes[g]++;
            if (movable is not null && !movable[i])
            {
                continue;
            }

            var own = costs[(i * k) + g];
            for (var h = 0; h < k; h++)
            {
                if (h != g)
                {
                    move[g, h] = Math.Min(move[g, h], costs[(i * k) + h] - own);
                }
            }
        }

        var arcs = new List<(int From, int To, long Cost)>();
        for (var g = 0; g < k; g++)
        {
            for (var h = 0; h < k; h++)
            {
                if (g != h && move[g, h] != long.MaxValue)
                {
                    arcs.Add((g, h, move[g, h]));
                }
            }

            if (sizes[g] < max)
            {
                arcs.Add((g, k, 0));
            }

            if (sizes[g] > min)
            {
                arcs.Add((k, g, 0));
            }
        }

        // Bellman–Ford from a virtual source at distance 0 to every node: a relaxation in round k + 1 means a negative cycle.
        var distance = new long[k + 1];
        for (var round = 0; round <= k + 1; round++)
        {
            var relaxed = false;
            foreach (var (from, to, cost) in arcs)
            {
                if (distance[from] + cost < distance[to])
                {
                    distance[to] = distance[from] + cost;
                    relaxed = true;
                }
            }

            if (!relaxed)
            {
                return distance.AsSpan(0, k).ToArray();
            }
        }

        return null;
    }
}
