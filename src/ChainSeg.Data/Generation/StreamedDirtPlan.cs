namespace ChainSeg.Data.Generation;

/// <summary>
/// Dirty rows for a table whose length is only known at the end (shipments, service events): after each
/// clean row, one extra dirty row with probability equal to the dirty share, defect kinds in turn; any kind
/// still missing at the end is planted once then, so every kind shows whenever dirt is asked for.
/// </summary>
internal sealed class StreamedDirtPlan(int kinds, double share, Random random)
{
    private readonly long[] planted = new long[kinds];
    private int nextKind;

    /// <summary>Defect kind of the dirty row to write after this clean row, or -1 for none.</summary>
    public int AfterCleanRow()
    {
        if (share <= 0 || random.NextDouble() >= share)
        {
            return -1;
        }

        var kind = nextKind;
        nextKind = (nextKind + 1) % kinds;
        planted[kind]++;
        return kind;
    }

    /// <summary>Kinds not planted yet (empty when the share is 0); marks them planted.</summary>
    public IEnumerable<int> MissingKinds()
    {
        for (var kind = 0; kind < kinds; kind++)
        {
            if (share > 0 && planted[kind] == 0)
            {
                planted[kind]++;
                yield return kind;
            }
        }
    }
}
