using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class SizeConstrainedAssignmentTests
{
    [Fact]
    public void Assign_GreedyRepairIsSuboptimal_FlowFindsBruteForceOptimum()
    {
        // Centroids 0, 10, 20 on a line, at most 2 points each. Nearest assignment puts 2, 3, 4 at 0 (one too
        // many) and 8, 15 at 10 (15 ties 10 and 20; the lower index wins). A greedy repair moves the cheapest
        // overflow point to a cluster with room, which is only 20: 4 → 20 gives 256 + 4 + 4 + 4 + 9 + 25 = 302
        // (points in input order). The optimum chains two moves, 4 → 10 and 15 → 20: 36 + 4 + 4 + 4 + 9 + 25 = 82. Brute force
        // over all 3⁶ assignments confirms 82 (computed in the test, independently of the flow).
        double[] xs = [4, 18, 2, 8, 3, 15];
        double[][] centroids = [[0.0], [10.0], [20.0]];
        var points = FeatureMatrix.FromRows(xs.Select(x => new[] { x }).ToArray());
        var limits = ClusterSizeLimits.FromCounts(0, 2);

        var labels = SizeConstrainedAssignment.Assign(points, centroids, limits);

        var greedy = GreedyRepair(xs, [0.0, 10.0, 20.0], maximum: 2);
        Assert.Equal(302.0, Cost(xs, [0.0, 10.0, 20.0], greedy));
        Assert.Equal(82.0, BruteForce(xs, [0.0, 10.0, 20.0], 0, 2));
        Assert.Equal(82.0, Cost(xs, [0.0, 10.0, 20.0], labels));
        Assert.Equal([1, 2, 0, 1, 0, 2], labels);
    }

    [Theory]
    [InlineData(1, 1, 4)]
    [InlineData(2, 2, 3)]
    [InlineData(3, 0, 3)]
    [InlineData(4, 3, 3)]
    [InlineData(5, 2, 5)]
    public void Assign_RandomTinyInstances_MatchBruteForceOptimum(int seed, int minimum, int maximum)
    {
        var random = new Random(seed);
        var xs = Enumerable.Range(0, 9).Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray();
        var cs = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray();
        var points = FeatureMatrix.FromRows(xs.Select(x => new[] { x }).ToArray());

        var labels = SizeConstrainedAssignment.Assign(
            points, cs.Select(c => new[] { c }).ToArray(), ClusterSizeLimits.FromCounts(minimum, maximum));

        var sizes = Enumerable.Range(0, 3).Select(h => labels.Count(l => l == h)).ToArray();
        Assert.All(sizes, size => Assert.InRange(size, minimum, maximum));

        // Integer costs carry a relative resolution of 1e-7 of the largest regret (10⁴ here): well under 0.01.
        Assert.Equal(BruteForce(xs, cs, minimum, maximum), Cost(xs, cs, labels), 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Assign_TinyFirstCandidateSet_GrowsUntilCertifiedBruteForceOptimum(int firstCandidates)
    {
        // A first candidate set of 1 or 3 points cannot hold the optimum; certification must reject it and grow.
        for (var seed = 10; seed < 20; seed++)
        {
            var random = new Random(seed);
            var xs = Enumerable.Range(0, 9).Select(_ => Math.Round(random.NextDouble() * 100, 2)).ToArray();
            double[] cs = [10.0, 50.0, 90.0];
            var distances = xs.SelectMany(x => cs.Select(c => Squared(x - c))).ToArray();

            var labels = SizeConstrainedAssignment.Assign(distances, 9, 3, 2, 4, prices: null, firstCandidates);

            Assert.Equal(BruteForce(xs, cs, 2, 4), Cost(xs, cs, labels), 2);
        }
    }

    [Fact]
    public void Assign_MisleadingWarmPrices_CertificateRejectsAndSubsetGrowsToOptimum()
    {
        // Points 0, 1, 2, 3 with centroids 0 and 10, at most 3 per cluster: the optimum moves only 3 (cost
        // 0 + 1 + 4 + 49 = 54). Warm prices (0, 95) hold 1, 2 and 3 at centroid 10 — within the bounds, so
        // nothing rebalances them — and a first candidate set of one point cannot undo that: the certificate
        // finds the negative cycle (move 1 back to 0, freeing room) and the candidate set must grow.
        double[] xs = [0, 1, 2, 3];
        var distances = xs.SelectMany(x => new[] { Squared(x), Squared(x - 10) }).ToArray();

        var labels = SizeConstrainedAssignment.Assign(distances, 4, 2, 0, 3, prices: [0.0, 95.0], firstCandidates: 1);

        Assert.Equal([0, 0, 0, 1], labels);
    }

    [Fact]
    public void Assign_SubsetWithCertificate_SameCostAsFullGraph()
    {
        const int n = 3000;
        const int k = 4;
        var distances = RandomDistances(seed: 21, n * k, scale: 50);

        var subset = SizeConstrainedAssignment.Assign(distances, n, k, 600, 900, prices: null, firstCandidates: 40);
        var full = SizeConstrainedAssignment.Assign(distances, n, k, 600, 900, prices: null, firstCandidates: n);

        Assert.Equal(TotalCost(distances, k, full), TotalCost(distances, k, subset), 3);
        Assert.All(Enumerable.Range(0, k), h => Assert.InRange(subset.Count(l => l == h), 600, 900));
    }

    [Fact]
    public void Assign_WarmStartPrices_SameCostAndPricesUpdated()
    {
        const int n = 2000;
        const int k = 3;
        var distances = RandomDistances(seed: 22, n * k, scale: 10);
        double[] prices = [5.0, -3.0, 0.0];

        var warm = SizeConstrainedAssignment.Assign(distances, n, k, 500, 700, prices, firstCandidates: 100);
        var cold = SizeConstrainedAssignment.Assign(distances, n, k, 500, 700);

        Assert.Equal(TotalCost(distances, k, cold), TotalCost(distances, k, warm), 3);

        // Certified prices: every point sits at a cluster minimising distance² − price (up to integer rounding).
        for (var i = 0; i < n; i++)
        {
            var own = distances[(i * k) + warm[i]] - prices[warm[i]];
            for (var h = 0; h < k; h++)
            {
                Assert.True(own <= distances[(i * k) + h] - prices[h] + 1e-5);
            }
        }
    }

    [Fact]
    public void Certify_GreedyAssignment_RejectedAndOptimumAccepted()
    {
        // The greedy-repair counter-example above, costs in integers: (x − c)².
        long[] xs = [4, 18, 2, 8, 3, 15];
        long[] cs = [0, 10, 20];
        var costs = xs.SelectMany(x => cs.Select(c => (x - c) * (x - c))).ToArray();

        Assert.Null(SizeConstrainedAssignment.Certify(costs, [2, 2, 0, 1, 0, 1], 3, 0, 2, movable: null));
        Assert.NotNull(SizeConstrainedAssignment.Certify(costs, [1, 2, 0, 1, 0, 2], 3, 0, 2, movable: null));
    }

    [Fact]
    public void Assign_NearestAlreadyWithinBounds_ReturnsNearestCentroids()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [9.0], [10.0]]);

        var labels = SizeConstrainedAssignment.Assign(points, [[0.5], [9.5]], ClusterSizeLimits.FromCounts(1, 3));

        Assert.Equal([0, 0, 1, 1], labels);
    }

    [Fact]
    public void Assign_MinimumForcesMembers_EveryClusterReachesMinimum()
    {
        // All points sit at 0; a minimum of 2 forces two of them to the far centroid.
        var points = FeatureMatrix.FromRows([[0.0], [0.1], [0.2], [0.3], [0.4], [0.5]]);

        var labels = SizeConstrainedAssignment.Assign(points, [[0.0], [100.0]], ClusterSizeLimits.FromCounts(2, 6));

        // The cheapest to move are the two points nearest 100.
        Assert.Equal([0, 0, 0, 0, 1, 1], labels);
    }

    [Fact]
    public void Assign_InfeasibleBounds_ThrowsNamingNumbers()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        var error = Assert.Throws<ArgumentException>(
            () => SizeConstrainedAssignment.Assign(points, [[0.0], [2.0]], ClusterSizeLimits.FromCounts(2, 3)));

        Assert.Contains("2 clusters × minimum 2 = 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 3 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_CentroidDimensionMismatch_Throws()
    {
        var points = FeatureMatrix.FromRows([[0.0, 1.0]]);

        Assert.Throws<ArgumentException>(
            () => SizeConstrainedAssignment.Assign(points, [[0.0]], ClusterSizeLimits.FromCounts(0, 1)));
    }

    // Nearest centroid, then move the cheapest point out of an over-full cluster into one with room, until none is over.
    private static int[] GreedyRepair(double[] xs, double[] cs, int maximum)
    {
        var labels = xs.Select(x => Enumerable.Range(0, cs.Length).MinBy(h => Squared(x - cs[h]))).ToArray();
        while (true)
        {
            var counts = Enumerable.Range(0, cs.Length).Select(h => labels.Count(l => l == h)).ToArray();
            var over = Array.FindIndex(counts, c => c > maximum);
            if (over < 0)
            {
                return labels;
            }

            var move = Enumerable.Range(0, xs.Length)
                .Where(i => labels[i] == over)
                .SelectMany(i => Enumerable.Range(0, cs.Length)
                    .Where(g => g != over && counts[g] < maximum)
                    .Select(g => (Point: i, To: g, Regret: Squared(xs[i] - cs[g]) - Squared(xs[i] - cs[over]))))
                .MinBy(m => m.Regret);
            labels[move.Point] = move.To;
        }
    }

    private static double BruteForce(double[] xs, double[] cs, int minimum, int maximum)
    {
        var best = double.PositiveInfinity;
        var labels = new int[xs.Length];
        var total = (int)Math.Pow(cs.Length, xs.Length);
        for (var code = 0; code < total; code++)
        {
            var rest = code;
            for (var i = 0; i < xs.Length; i++)
            {
                labels[i] = rest % cs.Length;
                rest /= cs.Length;
            }

            var feasible = Enumerable.Range(0, cs.Length)
                .Select(h => labels.Count(l => l == h))
                .All(size => size >= minimum && size <= maximum);
            if (feasible)
            {
                best = Math.Min(best, Cost(xs, cs, labels));
            }
        }

        return best;
    }

    private static double Cost(double[] xs, double[] cs, IReadOnlyList<int> labels) =>
        xs.Select((x, i) => Squared(x - cs[labels[i]])).Sum();

    private static double[] RandomDistances(int seed, int count, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * scale).ToArray();
    }

    private static double TotalCost(double[] distances, int k, int[] labels) =>
        labels.Select((label, i) => distances[(i * k) + label]).Sum();

    private static double Squared(double value) => value * value;
}
