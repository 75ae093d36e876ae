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
            $"constrained assignment n={points.Count} k=6 limits=[0.08, 0.30] (full graph {points.Count * 6} arcs): "
            + $"{assignSeconds:F2} s wall ({assignCpu:F2} s CPU), sizes [{string.Join(", ", sizes)}]");

        var (fit, fitSeconds, fitCpu) = Timed(() => ConstrainedKMeans.Fit(points, options, limits));
        Print(
            $"constrained k-means n={points.Count} d={points.Dimensions} k=6 inits=1: {fitSeconds:F2} s wall ({fitCpu:F2} s CPU), "
            + $"inertia {fit.Inertia:F1}, iterations {fit.Iterations}, converged {fit.Converged}, sizes [{string.Join(", ", fit.Sizes)}]");
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
