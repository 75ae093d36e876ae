using System.Collections;
using System.Runtime.CompilerServices;

namespace ChainSeg.Core.Policies;

/// <summary>The policies of a bulk run (<see cref="SkuLocationPolicy.ComputeAll"/>), in input order.</summary>
/// <remarks>
/// Stored in blocks below the large-object threshold rather than in one array: one array of a million policies lands on the
/// large-object heap, and allocating it set off a full collection of everything the process holds, which cost more than the
/// policies themselves. A block is one object to the collector however many policies it holds.
/// </remarks>
public sealed class SkuLocationPolicyList : IReadOnlyList<SkuLocationPolicy>
{
    /// <summary>Policies per block: as many as fit in 80,000 bytes (the large-object threshold is 85,000).</summary>
    internal static readonly int BlockSize = Math.Max(1, 80_000 / Unsafe.SizeOf<SkuLocationPolicy>());

    private readonly SkuLocationPolicy[][] _blocks;

    internal SkuLocationPolicyList(SkuLocationPolicy[][] blocks, int count)
    {
        _blocks = blocks;
        Count = count;
    }

    /// <summary>Number of policies.</summary>
    public int Count { get; }

    /// <summary>The policy of the SKU-location at <paramref name="index"/> in the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">index is not in [0, Count).</exception>
    public SkuLocationPolicy this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _blocks[index / BlockSize][index % BlockSize];
        }
    }

    /// <summary>Enumerates the policies in input order without allocating.</summary>
    public Enumerator GetEnumerator() => new(_blocks);

    IEnumerator<SkuLocationPolicy> IEnumerable<SkuLocationPolicy>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the blocks in order.</summary>
    public struct Enumerator : IEnumerator<SkuLocationPolicy>
    {
        private readonly SkuLocationPolicy[][] _blocks;
        private int _block;
        private int _index;

        internal Enumerator(SkuLocationPolicy[][] blocks)
        {
            _blocks = blocks;
            _block = 0;
            _index = -1;
        }

        /// <summary>The current policy.</summary>
        public readonly SkuLocationPolicy Current => _blocks[_block][_index];

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next policy; false past the last.</summary>
        public bool MoveNext()
        {
            while (_block < _blocks.Length)
            {
                if (++_index < _blocks[_block].Length)
                {
                    return true;
                }

                _block++;
                _index = -1;
            }

            return false;
        }

        /// <summary>Back to before the first policy.</summary>
        public void Reset()
        {
            _block = 0;
            _index = -1;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
