using System.Diagnostics;
using System.Globalization;
using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Bench;

/// <summary>Times k-means on 1 M × 8 and the size-constrained assignment on 200 k × 6 clusters, printing figures.</summary>
internal static class ClusteringBenchmark
{
    public static void RunKMeans()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var points = Blobs(1_000_000, 8, [0.30, 0.25, 0.20, 0.12, 0.08, 0.05], seed: 1);
        foreach (var inits in new[] { 1, 4 })
        {
            var options = new KMeansOptions { ClusterCount = 6, Seed = 42, InitCount = inits };
            var (fit, seconds, cpu) = Timed(() => KMeans.Fit(points, options));
            Print(
                $"kmeans n={points.Count} d={points.Dimensions} k=6 inits={inits} cores={Environment.ProcessorCount}: "
                + $"{seconds:F2} s wall ({cpu:F2} s CPU), inertia {fit.Inertia:F1}, "
                + $"iterations {fit.Iterations}, converged {fit.Converged}");
        }
    }

    public static void RunConstrained()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var points = Blobs(200_000, 8, [0.40, 0.25, 0.15, 0.10, 0.06, 0.04], seed: 2);
        var limits = ClusterSizeLimits.FromShares(0.08, 0.30);
        var options = new KMeansOptions { ClusterCount = 6, Seed = 42, InitCount = 1 };
        var (unconstrained, plainSeconds, plainCpu) = Timed(() => KMeans.Fit(points, options));
        Print($"kmeans n={points.Count} d={points.Dimensions} k=6 inits=1: {plainSeconds:F2} s wall ({plainCpu:F2} s CPU), inertia {unconstrained.Inertia:F1}, sizes [{string.Join(", ", unconstrained.Sizes)}]");

        var (labels, assignSeconds, assignCpu) = Timed(() => SizeConstrainedAssignment.Assign(points, unconstrained.Centroids, limits));
        var sizes = Enumerable.Range(0, 6).Select(h => labels.Count(l => l == h));
        Print(
            $"constrained assignment n={points.Count} k=6 limits=[0.08, 0.30], certified subset: "
            + $"{assignSeconds:F2} s wall ({assignCpu:F2} s CPU), sizes [{string.Join(", ", sizes)}]");

        // The same assignment on the full n × k graph (1.2 M point arcs), for comparison.
        var (min, max) = limits.Resolve(points.Count, 6);
        var centroids = unconstrained.Centroids.SelectMany(c => c).ToArray();
        var distances = new double[points.Count * 6];
        var (full, fullSeconds, fullCpu) = Timed(() =>
        {
            new LloydKernel(points, 6).AllDistances(centroids, distances);
            return SizeConstrainedAssignment.Assign(distances, points.Count, 6, min, max, prices: null, firstCandidates: points.Count);
        });
        Print(
            $"constrained assignment n={points.Count} k=6, full graph {points.Count * 6} arcs: {fullSeconds:F2} s wall ({fullCpu:F2} s CPU), "
            + $"same labels {full.AsSpan().SequenceEqual(labels)}");

        var (fit, fitSeconds, fitCpu) = Timed(() => ConstrainedKMeans.Fit(points, options, limits));
        Print(
            $"constrained k-means n={points.Count} d={points.Dimensions} k=6 inits=1: {fitSeconds:F2} s wall ({fitCpu:F2} s CPU), "
            + $"inertia {fit.Inertia:F1}, iterations {fit.Iterations}, converged {fit.Converged}, sizes [{string.Join(", ", fit.Sizes)}]");
    }

    public static void RunSegmentation()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string[] columns = ["revenue", "orders_per_month", "demand_cv", "otif", "cost_to_serve"];
        var random = new Random(3);
        var ids = new string[200_000];
        var rows = new double[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            // Four archetypes in original units: key accounts, replenishers, occasional buyers, erratic small accounts.
            var archetype = i % 10 < 1 ? 0 : i % 10 < 3 ? 1 : i % 10 < 7 ? 2 : 3;
            var (revenue, orders, cv, otif, cost) = archetype switch
            {
                0 => (400_000.0, 10.0, 0.25, 0.97, 20_000.0),
                1 => (60_000.0, 20.0, 0.30, 0.95, 9_000.0),
                2 => (8_000.0, 1.0, 0.80, 0.90, 1_500.0),
                _ => (3_000.0, 0.5, 1.60, 0.80, 2_500.0),
            };
            double Wobble() => Math.Exp(0.3 * (random.NextDouble() - 0.5));
            ids[i] = i.ToString("000000", CultureInfo.InvariantCulture);
            rows[i] = [revenue * Wobble(), orders * Wobble(), cv * Wobble(), otif - (0.03 * random.NextDouble()), cost * Wobble()];
        }

        var settings = new ClusteringSettings
        {
            Features = new FeatureSpec(columns, ["revenue", "orders_per_month", "cost_to_serve"]),
            MinClusters = 3,
            MaxClusters = 6,
            SizeLimits = ClusterSizeLimits.FromShares(0.05, 0.5),
            ServiceTiers = ["platinum", "gold", "silver", "bronze"],
            ValueDimension = "revenue",
        };
        var (outcome, seconds, cpu) = Timed(() => CustomerClustering.Run(ids, columns, rows, settings));
        var scores = string.Join(", ", outcome.Selection.Scores.Select(s => $"k={s.ClusterCount}: {s.Silhouette:F3}"));
        Print($"segmentation n={ids.Length} dims={columns.Length} k=3..6 size=[0.05, 0.5]: {seconds:F2} s wall ({cpu:F2} s CPU), chose k={outcome.Selection.ClusterCount} ({scores})");
        foreach (var cluster in outcome.Clusters)
        {
            Print($"  cluster {cluster.Cluster + 1} '{cluster.Name}' tier {cluster.TierName}: {cluster.Size} customers ({cluster.Share:P1}), revenue centre {cluster.CentroidOriginal[0]:F0}");
        }

        Print($"  e.g. {outcome.Assignments[0].Explanation.Text}");
    }

    private static (T Result, double Seconds, double CpuSeconds) Timed<T>(Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        return (result, watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    // Blobs of the given shares around centres 4σ apart on alternating axes, normal noise by Box–Muller.
    private static FeatureMatrix Blobs(int n, int d, double[] shares, int seed)
    {
        var random = new Random(seed);
        var values = new double[n * d];
        var blob = 0;
        var boundary = shares[0] * n;
        for (var i = 0; i < n; i++)
        {
            while (i >= boundary && blob < shares.Length - 1)
            {
                blob++;
                boundary += shares[blob] * n;
            }

            for (var j = 0; j < d; j++)
            {
                var noise = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Sin(2.0 * Math.PI * random.NextDouble());
                values[(i * d) + j] = (j == blob % d ? 4.0 * (1 + (blob / d)) : 0.0) + noise;
            }
        }

        return new FeatureMatrix(values, n, d);
    }

    // Figures print with invariant formatting whatever the machine's culture.
    private static void Print(string line) => Console.WriteLine(line);
}
