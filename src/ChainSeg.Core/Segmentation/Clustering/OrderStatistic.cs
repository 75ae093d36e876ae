namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>The value a full ascending sort would put at a given index, found by selection in linear expected time.</summary>
internal static class OrderStatistic
{
    /// <summary>Returns the value at <paramref name="rank"/> of <paramref name="values"/> sorted ascending; reorders the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rank is outside the values.</exception>
    public static double Select(Span<double> values, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, values.Length);
        var lo = 0;
        var hi = values.Length - 1;

        // Median-of-three pivots make a quadratic run unlikely, not impossible: past this many rounds the rest is sorted.
        var rounds = 4 * (64 - long.LeadingZeroCount(values.Length));
        while (lo < hi)
        {
            if (rounds-- == 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[rank];
            }

            var pivot = Median(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);

            // Three-way partition: [lo, lt) below the pivot, [lt, gt] equal to it, (gt, hi] above; equal values (duplicate
            // customers) end in the middle at once instead of splitting round after round.
            var lt = lo;
            var gt = hi;
            var i = lo;
            while (i <= gt)
            {
                if (values[i] < pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt++;
                    i++;
                }
                else if (values[i] > pivot)
                {
                    (values[i], values[gt]) = (values[gt], values[i]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (rank < lt)
            {
                hi = lt - 1;
            }
            else if (rank > gt)
            {
                lo = gt + 1;
            }
            else
            {
                return values[rank];
            }
        }

        return values[rank];
    }

    private static double Median(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
