using ChainSeg.Core.Segmentation.Clustering;
using Google.OrTools.LinearSolver;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

/// <summary>
/// The fit's labels against an independent optimum: the bounded assignment written as a linear programme in the real
/// squared distances (GLOP's simplex, not a min-cost flow on integer costs). Its constraint matrix is totally unimodular
/// (a transportation problem), so the LP optimum is the best assignment.
/// </summary>
public sealed class ConstrainedKMeansOptimalityTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void Fit_TightLimits_LabelsAreTheOptimalBoundedAssignmentToTheReportedCentroids(int k, int seed)
    {
        // Unequal blobs (half the points in one) against limits of 1/k ± 5 %: the flow must move many points.
        var centres = Enumerable.Range(0, k).Select(h => new[] { 3.0 * h, h % 2 == 0 ? 0.0 : 2.5, 0.5 * h }).ToArray();
        var sizes = Enumerable.Range(0, k).Select(h => h == 0 ? 300 : 300 / (k - 1)).ToArray();
        var (points, _) = PlantedBlobs.Generate(centres, sizes, spread: 1.0, seed: seed);
        var n = points.Count;
        var min = (int)Math.Ceiling(0.95 * n / k);
        var max = (int)Math.Floor(1.05 * n / k);

        var fit = ConstrainedKMeans.Fit(points, new KMeansOptions { ClusterCount = k, Seed = seed }, ClusterSizeLimits.FromCounts(min, max));

        Assert.All(fit.Sizes, size => Assert.InRange(size, min, max));
        Assert.Equal(n, fit.Labels.Count);
        var distances = Squared(points, fit.Centroids);
        var cost = Enumerable.Range(0, n).Sum(i => distances[i, fit.Labels[i]]);
        var optimum = LinearProgrammeOptimum(distances, min, max);

        // Integer costs round each regret to 1e-7 of the largest, so n points may lose at most n × largest / (2 × 10⁷).
        var largest = Enumerable.Range(0, n).Max(i => Enumerable.Range(0, k).Max(h => distances[i, h]));
        Assert.InRange(cost - optimum, -1e-6 * optimum, (n * largest / 2e7) + (1e-9 * optimum));
        Assert.Equal(cost, fit.Inertia, 6);
    }

    [Fact]
    public void Fit_TwoProfilesAndAMinimumThatSplitsOne_SizesWithinLimitsAndRepeatable()
    {
        // 90 customers alike at 0 and 10 at 5: a minimum of 40 per cluster can only be met by splitting the 90 twins.
        var rows = Enumerable.Repeat(new[] { 0.0, 0.0 }, 90).Concat(Enumerable.Repeat(new[] { 5.0, 5.0 }, 10)).ToArray();
        var points = FeatureMatrix.FromRows(rows);
        var options = new KMeansOptions { ClusterCount = 2, Seed = 9 };
        var limits = ClusterSizeLimits.FromCounts(40, 60);

        var first = ConstrainedKMeans.Fit(points, options, limits);
        var second = ConstrainedKMeans.Fit(points, options, limits);

        Assert.All(first.Sizes, size => Assert.InRange(size, 40, 60));
        Assert.Equal(first.Labels, second.Labels);

        // The 10 at (5, 5) stay together with 30 twins; which 30 is arbitrary, but the cost is the LP optimum.
        var distances = Squared(points, first.Centroids);
        Assert.Equal(LinearProgrammeOptimum(distances, 40, 60), first.Inertia, 6);
    }

    [Fact]
    public void Fit_AllPointsAlikeOneCluster_EveryPointInItWithZeroInertia()
    {
        var points = FeatureMatrix.FromRows(Enumerable.Repeat(new[] { 1.5, -2.0 }, 12).ToArray());

        var fit = ConstrainedKMeans.Fit(points, new KMeansOptions { ClusterCount = 1 }, ClusterSizeLimits.FromCounts(0, 12));

        Assert.Equal([12], fit.Sizes);
        Assert.Equal(0.0, fit.Inertia);
    }

    [Fact]
    public void Fit_AllPointsAlikeTwoClusters_OneLineNamingTheDistinctPoints()
    {
        var points = FeatureMatrix.FromRows(Enumerable.Repeat(new[] { 1.5, -2.0 }, 12).ToArray());

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 2 }, ClusterSizeLimits.FromCounts(6, 6)));

        Assert.StartsWith("k = 2 clusters exceeds the 1 distinct point among 12; choose k ≤ 1.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static double[,] Squared(FeatureMatrix points, IReadOnlyList<double[]> centroids)
    {
        var distances = new double[points.Count, centroids.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var row = points.Row(i);
            for (var h = 0; h < centroids.Count; h++)
            {
                var sum = 0.0;
                for (var j = 0; j < row.Length; j++)
                {
                    sum += (row[j] - centroids[h][j]) * (row[j] - centroids[h][j]);
                }

                distances[i, h] = sum;
            }
        }

        return distances;
    }

    // min Σ d(i, h)·x(i, h) subject to Σ_h x(i, h) = 1 per point and min ≤ Σ_i x(i, h) ≤ max per cluster, 0 ≤ x ≤ 1.
    private static double LinearProgrammeOptimum(double[,] distances, int min, int max)
    {
        var n = distances.GetLength(0);
        var k = distances.GetLength(1);
        using var solver = Solver.CreateSolver("GLOP");
        var x = new Variable[n, k];
        var objective = solver.Objective();
        for (var i = 0; i < n; i++)
        {
            var one = solver.MakeConstraint(1, 1);
            for (var h = 0; h < k; h++)
            {
                x[i, h] = solver.MakeNumVar(0, 1, $"x{i}_{h}");
                one.SetCoefficient(x[i, h], 1);
                objective.SetCoefficient(x[i, h], distances[i, h]);
            }
        }

        for (var h = 0; h < k; h++)
        {
            var size = solver.MakeConstraint(min, max);
            for (var i = 0; i < n; i++)
            {
                size.SetCoefficient(x[i, h], 1);
            }
        }

        objective.SetMinimization();
        Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve());
        return objective.Value();
    }
}
