namespace ChainSeg.Data.Generation;

/// <summary>A planted defect: the quarantine reason the ingestion should give and the canonical column it names.</summary>
/// <param name="Reason">One of malformed_row, missing_required, unparseable, invalid_value, unknown_reference, duplicate_key.</param>
/// <param name="Column">Canonical column; empty for malformed_row and duplicate_key.</param>
internal sealed record PlantedDefect(string Reason, string Column)
{
    public static PlantedDefect Malformed { get; } = new("malformed_row", "");

    public static PlantedDefect Duplicate { get; } = new("duplicate_key", "");

    public static PlantedDefect Missing(string column) => new("missing_required", column);

    public static PlantedDefect Unparseable(string column) => new("unparseable", column);

    public static PlantedDefect Invalid(string column) => new("invalid_value", column);

    public static PlantedDefect Unknown(string column) => new("unknown_reference", column);
}

/// <summary>
/// Streams truth/dirty_rows.csv (rows the ingestion must quarantine) and truth/planted_warnings.csv
/// (optional values that are unparseable: the ingestion keeps the row, empties the value and counts a warning).
/// </summary>
internal sealed class DirtyRowLedger : IDisposable
{
    private readonly CsvTableWriter dirtyRows;
    private readonly CsvTableWriter warnings;

    public DirtyRowLedger(string truthDirectory)
    {
        dirtyRows = new CsvTableWriter(Path.Combine(truthDirectory, "dirty_rows.csv"), "dirty_rows", CanonicalHeaders.DirtyRows);
        warnings = new CsvTableWriter(Path.Combine(truthDirectory, "planted_warnings.csv"), "planted_warnings", CanonicalHeaders.PlantedWarnings);
    }

    public int DirtyRows => (int)dirtyRows.Rows;

    public int Warnings => (int)warnings.Rows;

    public void Record(string table, long row, PlantedDefect defect)
    {
        dirtyRows.Write(table);
        dirtyRows.Write(row);
        dirtyRows.Write(defect.Reason);
        dirtyRows.Write(defect.Column);
        dirtyRows.EndRow();
    }

    public void RecordUnparseableOptional(string table, long row, string column)
    {
        warnings.Write(table);
        warnings.Write(row);
        warnings.Write("unparseable");
        warnings.Write(column);
        warnings.EndRow();
    }

    public void Dispose()
    {
        dirtyRows.Dispose();
        warnings.Dispose();
    }
}

/// <summary>
/// Which slots of a table of known length hold planted dirty rows, and of which defect: sequential
/// selection sampling (Knuth's Algorithm S), so exactly the planned number of each defect lands in the
/// table, spread uniformly, without storing the positions.
/// </summary>
internal sealed class DirtySlotPlan
{
    private readonly long[] remainingPerDefect;
    private readonly Random random;
    private long remainingSlots;
    private long remainingDirty;
    private bool firstSlotClean;

    /// <param name="totalSlots">Rows of the table, clean and dirty.</param>
    /// <param name="perDefect">Dirty rows to plant per defect kind.</param>
    /// <param name="random">Stream of the choices.</param>
    /// <param name="cleanFirstSlot">Keep slot 1 clean (a duplicate needs an earlier row to copy).</param>
    public DirtySlotPlan(long totalSlots, long[] perDefect, Random random, bool cleanFirstSlot)
    {
        remainingPerDefect = (long[])perDefect.Clone();
        remainingDirty = perDefect.Sum();
        remainingSlots = totalSlots;
        this.random = random;
        firstSlotClean = cleanFirstSlot;
        if (remainingDirty > totalSlots - (cleanFirstSlot ? 1 : 0))
        {
            throw new ArgumentOutOfRangeException(nameof(perDefect), remainingDirty,
                $"Dirty rows must fit in the table's {totalSlots} rows.");
        }
    }

    /// <summary>Slots still to come, clean and dirty.</summary>
    public long RemainingSlots => remainingSlots;

    /// <summary>Clean rows still to come.</summary>
    public long RemainingClean => remainingSlots - remainingDirty;

    /// <summary>Takes the next slot: -1 when it is clean, else the index of its defect kind.</summary>
    public int Next()
    {
        if (remainingSlots <= 0)
        {
            throw new InvalidOperationException("The table has no slots left.");
        }

        var dirty = !firstSlotClean && remainingDirty > 0 && random.NextDouble() * remainingSlots < remainingDirty;
        firstSlotClean = false;
        remainingSlots--;
        if (!dirty)
        {
            return -1;
        }

        var pick = (long)(random.NextDouble() * remainingDirty);
        remainingDirty--;
        for (var kind = 0; kind < remainingPerDefect.Length; kind++)
        {
            pick -= remainingPerDefect[kind];
            if (pick < 0)
            {
                remainingPerDefect[kind]--;
                return kind;
            }
        }

        throw new InvalidOperationException("Defect counts are inconsistent.");
    }

    /// <summary>Planted count per defect for a table: none when the share is 0, else at least the floor per defect.</summary>
    public static long[] Counts(double share, long cleanRows, int defects, long minimumPerDefect)
    {
        var each = share <= 0 ? 0 : Math.Max(minimumPerDefect, (long)Math.Round(share * cleanRows / defects));
        return Enumerable.Repeat(each, defects).ToArray();
    }
}
