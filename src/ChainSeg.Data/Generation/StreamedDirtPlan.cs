namespace ChainSeg.Data.Generation;

/// <summary>
/// Dirty rows for a table whose length is only known at the end (shipments, service events): after each
/// clean row, one extra dirty row with probability equal to the dirty share, defect kinds in turn; any kind
/// still missing at the end is planted once then, so every kind shows whenever dirt is asked for. A dirty
/// row is a copy of the latest clean row that the table writes with the defect.
/// </summary>
/// <typeparam name="TRow">The table's row.</typeparam>
internal sealed class StreamedDirtPlan<TRow>(
    CsvTableWriter writer, PlantedDefect[] defects, double share, Random random, DirtyRowLedger ledger, Action<TRow, int> writeDirty)
    where TRow : struct
{
    private readonly long[] planted = new long[defects.Length];
    private int nextKind;
    private TRow? lastClean;

    /// <summary>Call after each clean row; it may be followed by a dirty copy.</summary>
    public void AfterCleanRow(TRow row)
    {
        lastClean = row;
        if (share > 0 && random.NextDouble() < share)
        {
            Plant(nextKind);
            nextKind = (nextKind + 1) % defects.Length;
        }
    }

    /// <summary>Plants each defect kind not planted yet (nothing when the share is 0 or the table is empty).</summary>
    public void Complete()
    {
        for (var kind = 0; kind < defects.Length; kind++)
        {
            if (share > 0 && lastClean is not null && planted[kind] == 0)
            {
                Plant(kind);
            }
        }
    }

    private void Plant(int kind)
    {
        planted[kind]++;
        ledger.Record(writer.Table, writer.NextRow, defects[kind]);
        writeDirty(lastClean!.Value, kind);
    }
}
