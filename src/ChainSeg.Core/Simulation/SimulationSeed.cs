namespace ChainSeg.Core.Simulation;

/// <summary>
/// Seeds for a stocking point's random streams, derived from the master seed, the point's id, the replication and the stream,
/// so figures do not depend on thread scheduling or input order, and the same point sees the same demand under every policy
/// (common random numbers make policies comparable with less noise).
/// </summary>
internal static class SimulationSeed
{
    /// <summary>Stream that draws period demand.</summary>
    public const int DemandStream = 0;

    /// <summary>Stream that draws lead times.</summary>
    public const int LeadTimeStream = 1;

    /// <summary>A seed for <see cref="Random(int)"/> in [0, 2³¹).</summary>
    public static int For(int masterSeed, string id, int replication, int stream)
    {
        unchecked
        {
            // FNV-1a over the id's UTF-16 code units: stable across processes, unlike string.GetHashCode.
            ulong hash = 14695981039346656037UL;
            foreach (char c in id)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            ulong key = Mix(hash ^ Mix(((ulong)(uint)masterSeed << 32) | (uint)replication) ^ Mix((ulong)(uint)stream + 0x5851F42D4C957F2DUL));
            return (int)(key >> 33);
        }
    }

    // SplitMix64 finaliser (Steele, Lea & Flood 2014): every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
