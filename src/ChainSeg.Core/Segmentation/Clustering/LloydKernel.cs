using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// The data-parallel passes of k-means over a flat point array. Points are split into fixed chunks; each
/// chunk accumulates its own partial sums sequentially and the chunks are reduced in chunk order, so every
/// result is bit-identical whatever the thread scheduling.
/// </summary>
/// <remarks>
/// The nearest-centroid pass skips most distances with Hamerly's bounds (Hamerly 2010, "Making k-means even faster",
/// SIAM SDM): a point whose distance to its own centroid is below half that centroid's distance to the nearest other one,
/// or below a lower bound on its distance to every other centroid (the second-nearest distance at its last full pass,
/// less how far any centroid has moved since), keeps its label without the other k − 1 distances. The distance to its
/// own centroid is always computed, so labels, distances, sums and inertia are bit for bit those of the plain pass;
/// only strict inequalities skip, so a tie is always resolved by the full pass (to the lower index).
/// </remarks>
internal sealed class LloydKernel
{
    /// <summary>Points per chunk: big enough to amortise scheduling, small enough to balance two to many cores.</summary>
    internal const int ChunkSize = 4096;

    private readonly double[] _x;
    private readonly int _n;
    private readonly int _d;
    private readonly int _k;
    private readonly int _chunks;
    private readonly double[] _chunkSums;
    private readonly int[] _chunkCounts;
    private readonly double[] _chunkInertia;
    private readonly int[] _chunkChanges;

    // Hamerly's bounds: per point a lower bound on the distance to every centroid but its own (0: none known), the
    // centroids of the previous nearest-centroid pass (to measure how far each has moved since), and per centroid half
    // the distance to its nearest other centroid.
    private readonly double[] _lowerBounds;
    private readonly double[] _previousCentroids;
    private bool _hasPreviousCentroids;
    private readonly double[] _halfGaps;

    // Bounds are compared with this relative slack, far above the rounding of the square roots and subtractions that
    // maintain them, so a bound is never trusted on the last bits.
    private const double BoundSlack = 1e-9;

    public LloydKernel(FeatureMatrix points, int clusterCount)
    {
        _x = points.Buffer;
        _n = points.Count;
        _d = points.Dimensions;
        _k = clusterCount;
        _chunks = ChunkCount(_n);
        _chunkSums = new double[_chunks * _k * _d];
        _chunkCounts = new int[_chunks * _k];
        _chunkInertia = new double[_chunks];
        _chunkChanges = new int[_chunks];
        _lowerBounds = new double[_n];
        _previousCentroids = new double[_k * _d];
        _halfGaps = new double[_k];
        Labels = new int[_n];
        Array.Fill(Labels, -1);
        Distances = new double[_n];
        Sums = new double[_k * _d];
        Counts = new int[_k];
    }

    /// <summary>Cluster per point (−1 before the first assignment).</summary>
    public int[] Labels { get; }

    /// <summary>Squared distance from each point to its cluster's centroid at the last pass.</summary>
    public double[] Distances { get; }

    /// <summary>Per-cluster coordinate sums (k × d) of the current labels.</summary>
    public double[] Sums { get; }

    /// <summary>Per-cluster sizes of the current labels.</summary>
    public int[] Counts { get; }

    public static int ChunkCount(int n) => (n + ChunkSize - 1) / ChunkSize;

    /// <summary>The points [Start, End) of chunk <paramref name="chunk"/> among <paramref name="n"/>.</summary>
    public static (int Start, int End) ChunkBounds(int chunk, int n)
    {
        var start = chunk * ChunkSize;
        return (start, Math.Min(n, start + ChunkSize));
    }

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) over the chunks of <paramref name="n"/> points on every core.</summary>
    public static void ForEachChunk(int n, Action<int, int, int> body) =>
        Parallel.For(0, ChunkCount(n), c =>
        {
            var (start, end) = ChunkBounds(c, n);
            body(c, start, end);
        });

    /// <summary>Labels every point with its nearest centroid (ties to the lower index); returns inertia and label changes.</summary>
    public (double Inertia, int Changed) AssignNearest(double[] centroids)
    {
        Array.Clear(_chunkSums);
        Array.Clear(_chunkCounts);
        var drift = PrepareBounds(centroids);
        Parallel.For(0, _chunks, c => AssignChunk(c, centroids, drift));
        var changed = 0;
        for (var c = 0; c < _chunks; c++)
        {
            changed += _chunkChanges[c];
        }

        return (ReduceChunks(), changed);
    }

    /// <summary>Accumulates sums, sizes and distances for the given labels (e.g. from a size-constrained assignment).</summary>
    public double Accumulate(int[] labels, double[] centroids)
    {
        labels.CopyTo(Labels, 0);
        // Labels from elsewhere (a size-constrained assignment): the lower bounds no longer belong to them.
        Array.Clear(_lowerBounds);
        Array.Clear(_chunkSums);
        Array.Clear(_chunkCounts);
        Parallel.For(0, _chunks, c => AccumulateChunk(c, centroids));
        return ReduceChunks();
    }

    /// <summary>Fills <paramref name="distances"/> (n × k, row-major) with squared point-to-centroid distances.</summary>
    public void AllDistances(double[] centroids, double[] distances) =>
        ForEachChunk(_n, (_, start, end) =>
        {
            unchecked
            {
                for (var i = start; i < end; i++)
                {
                    for (var h = 0; h < _k; h++)
                    {
                        distances[(i * _k) + h] = SquaredDistance(_x, i * _d, centroids, h * _d, _d);
                    }
                }
            }
        });

    /// <summary>
    /// Gives every empty cluster the point farthest from its own centroid (ties to the lower index), taken
    /// only from clusters that keep at least one member, and updates sums and sizes. Returns how many moved.
    /// </summary>
    public int RelocateEmptyClusters()
    {
        var moved = 0;
        for (var h = 0; h < _k; h++)
        {
            if (Counts[h] > 0)
            {
                continue;
            }

            var farthest = -1;
            for (var i = 0; i < _n; i++)
            {
                if (Counts[Labels[i]] > 1 && (farthest < 0 || Distances[i] > Distances[farthest]))
                {
                    farthest = i;
                }
            }

            if (farthest < 0)
            {
                // Every cluster has one member and n < k; callers reject k above the distinct point count first.
                throw new InvalidOperationException($"Cannot fill empty cluster {h}: no cluster has a member to spare.");
            }

            var from = Labels[farthest];
            for (var j = 0; j < _d; j++)
            {
                var value = _x[(farthest * _d) + j];
                Sums[(from * _d) + j] -= value;
                Sums[(h * _d) + j] += value;
            }

            Counts[from]--;
            Counts[h]++;
            Labels[farthest] = h;
            _lowerBounds[farthest] = 0.0;
            Distances[farthest] = 0.0;
            moved++;
        }

        return moved;
    }

    /// <summary>Moves each non-empty cluster's centroid to its members' mean; returns the summed squared shift.</summary>
    public double UpdateCentroids(double[] centroids)
    {
        var shift = 0.0;
        for (var h = 0; h < _k; h++)
        {
            if (Counts[h] == 0)
            {
                continue;
            }

            for (var j = 0; j < _d; j++)
            {
                var updated = Sums[(h * _d) + j] / Counts[h];
                var delta = updated - centroids[(h * _d) + j];
                shift += delta * delta;
                centroids[(h * _d) + j] = updated;
            }
        }

        return shift;
    }

    /// <summary>
    /// Squared Euclidean distance between a point and a centroid stored in flat arrays. Two lanes at a time
    /// (128-bit vectors exist on every x64 and Arm64 CPU .NET runs on), then the odd remainder, so the
    /// summation order — and every result bit — is the same on all supported machines.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredDistance(double[] x, int xOffset, double[] c, int cOffset, int d)
    {
        unchecked
        {
            ref var xs = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), xOffset);
            ref var cs = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(c), cOffset);
            var pairs = Vector128<double>.Zero;
            var j = 0;
            for (; j + 1 < d; j += 2)
            {
                var delta = Vector128.LoadUnsafe(ref xs, (nuint)j) - Vector128.LoadUnsafe(ref cs, (nuint)j);
                pairs += delta * delta;
            }

            var sum = pairs.GetElement(0) + pairs.GetElement(1);
            if (j < d)
            {
                var delta = Unsafe.Add(ref xs, j) - Unsafe.Add(ref cs, j);
                sum += delta * delta;
            }

            return sum;
        }
    }

    // How far the farthest centroid has moved since the previous pass (infinite on the first: no bound holds yet), and
    // each centroid's half gap to its nearest neighbour; remembers the centroids for the next pass.
    private double PrepareBounds(double[] centroids)
    {
        var drift = double.PositiveInfinity;
        if (_hasPreviousCentroids)
        {
            drift = 0.0;
            for (var h = 0; h < _k; h++)
                drift = Math.Max(drift, Math.Sqrt(SquaredDistance(centroids, h * _d, _previousCentroids, h * _d, _d)));
        }
        centroids.AsSpan(0, _k * _d).CopyTo(_previousCentroids);
        _hasPreviousCentroids = true;
        for (var h = 0; h < _k; h++)
        {
            var nearest = double.PositiveInfinity;
            for (var g = 0; g < _k; g++)
                if (g != h)
                    nearest = Math.Min(nearest, SquaredDistance(centroids, h * _d, centroids, g * _d, _d));
            _halfGaps[h] = 0.5 * Math.Sqrt(nearest);
        }
        return drift;
    }

    private void AssignChunk(int c, double[] centroids, double drift)
    {
        unchecked
        {
            // Fields copied to locals so the JIT keeps them in registers across the hot loop.
            var x = _x;
            var d = _d;
            var k = _k;
            var labels = Labels;
            var distances = Distances;
            var lowerBounds = _lowerBounds;
            var halfGaps = _halfGaps;
            var (start, end) = ChunkBounds(c, _n);
            var sums = _chunkSums.AsSpan(c * k * d, k * d);
            var counts = _chunkCounts.AsSpan(c * k, k);
            var inertia = 0.0;
            var changes = 0;
            for (var i = start; i < end; i++)
            {
                var offset = i * d;
                int best;
                double bestDistance;
                var own = labels[i];
                var lower = lowerBounds[i] - drift;
                lowerBounds[i] = lower;
                double ownDistance;
                if (own >= 0 && Math.Sqrt(ownDistance = SquaredDistance(x, offset, centroids, own * d, d)) * (1 + BoundSlack) < Math.Max(halfGaps[own], lower))
                {
                    best = own;
                    bestDistance = ownDistance;
                }
                else
                {
                    best = 0;
                    bestDistance = double.PositiveInfinity;
                    var second = double.PositiveInfinity;
                    for (var h = 0; h < k; h++)
                    {
                        var distance = SquaredDistance(x, offset, centroids, h * d, d);
                        if (distance < bestDistance)
                        {
                            second = bestDistance;
                            bestDistance = distance;
                            best = h;
                        }
                        else if (distance < second)
                        {
                            second = distance;
                        }
                    }
                    lowerBounds[i] = Math.Sqrt(second);
                }
                if (labels[i] != best)
                {
                    changes++;
                    labels[i] = best;
                }
                distances[i] = bestDistance;
                inertia += bestDistance;
                counts[best]++;
                var row = sums.Slice(best * d, d);
                var point = x.AsSpan(offset, d);
                for (var j = 0; j < d; j++)
                {
                    row[j] += point[j];
                }
            }
            _chunkInertia[c] = inertia;
            _chunkChanges[c] = changes;
        }
    }

    private void AccumulateChunk(int c, double[] centroids)
    {
        unchecked
        {
            var (start, end) = ChunkBounds(c, _n);
            var sums = _chunkSums.AsSpan(c * _k * _d, _k * _d);
            var counts = _chunkCounts.AsSpan(c * _k, _k);
            var inertia = 0.0;
            for (var i = start; i < end; i++)
            {
                var label = Labels[i];
                var distance = SquaredDistance(_x, i * _d, centroids, label * _d, _d);
                Distances[i] = distance;
                inertia += distance;
                counts[label]++;
                for (var j = 0; j < _d; j++)
                {
                    sums[(label * _d) + j] += _x[(i * _d) + j];
                }
            }

            _chunkInertia[c] = inertia;
            _chunkChanges[c] = 0;
        }
    }

    private double ReduceChunks()
    {
        Array.Clear(Sums);
        Array.Clear(Counts);
        var inertia = 0.0;
        for (var c = 0; c < _chunks; c++)
        {
            inertia += _chunkInertia[c];
            for (var t = 0; t < _k * _d; t++)
            {
                Sums[t] += _chunkSums[(c * _k * _d) + t];
            }

            for (var h = 0; h < _k; h++)
            {
                Counts[h] += _chunkCounts[(c * _k) + h];
            }
        }

        return inertia;
    }
}
