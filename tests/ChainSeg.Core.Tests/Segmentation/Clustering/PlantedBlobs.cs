using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

/// <summary>Seeded Gaussian blobs with known membership: the ground truth clustering tests recover.</summary>
internal static class PlantedBlobs
{
    /// <summary>Points around <paramref name="centres"/> with the given sizes and spread; labels are the blob index.</summary>
    public static (FeatureMatrix Points, int[] Labels) Generate(double[][] centres, int[] sizes, double spread, int seed)
    {
        var d = centres[0].Length;
        var n = sizes.Sum();
        var values = new double[n * d];
        var labels = new int[n];
        var random = new Random(seed);
        var i = 0;
        for (var blob = 0; blob < centres.Length; blob++)
        {
            for (var m = 0; m < sizes[blob]; m++, i++)
            {
                labels[i] = blob;
                for (var j = 0; j < d; j++)
                {
                    values[(i * d) + j] = centres[blob][j] + (spread * StandardNormal(random));
                }
            }
        }

        return (new FeatureMatrix(values, n, d), labels);
    }

    /// <summary>k blobs on the corners of a simplex-like layout, 10σ apart in d dimensions.</summary>
    public static (FeatureMatrix Points, int[] Labels) WellSeparated(int k, int perBlob, int d, int seed)
    {
        var centres = new double[k][];
        for (var blob = 0; blob < k; blob++)
        {
            centres[blob] = new double[d];
            centres[blob][blob % d] = 10.0 * ((blob / d) + 1);
        }

        return Generate(centres, Enumerable.Repeat(perBlob, k).ToArray(), 1.0, seed);
    }

    // Box–Muller: two uniforms give one standard normal draw.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
