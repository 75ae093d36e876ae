namespace ChainSeg.Core.Segmentation;

/// <summary>Combines an ABC and an XYZ classification of the same customers into the 9-cell matrix ("AX" … "CZ").</summary>
public static class AbcXyzMatrix
{
    /// <summary>Crosses the two classifications; each reason joins both reasons, e.g. "A by revenue: …; X: CV 0.31 ≤ 0.50 (monthly)".</summary>
    /// <param name="abc">ABC result; its order is the output order.</param>
    /// <param name="xyz">XYZ result for the same customers, in any order.</param>
    /// <param name="explain">False leaves every reason empty, for callers that read only the cells (e.g. of past periods).</param>
    /// <returns>One assignment per customer with the cell as segment; warnings of both inputs are kept.</returns>
    /// <exception cref="ArgumentException">The two results do not cover the same customers; the message names some that differ.</exception>
    public static SegmentationResult<AbcXyzDetail> Combine(SegmentationResult<AbcDetail> abc, SegmentationResult<XyzDetail> xyz, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(abc);
        ArgumentNullException.ThrowIfNull(xyz);

        // Both usually classified the same rows in the same order: then they pair by position, without a lookup.
        var xyzRows = SameCustomersInOrder(abc, xyz) ? null : XyzRowsByCustomer(abc, xyz);
        var assignments = new SegmentAssignment[abc.Details.Count];
        var details = new AbcXyzDetail[abc.Details.Count];
        for (var i = 0; i < abc.Details.Count; i++)
        {
            var a = abc.Details[i];
            var row = xyzRows?[i] ?? i;
            var x = xyz.Details[row];
            details[i] = new AbcXyzDetail(a.CustomerId, a.Class, x.Class, x.Bucket);
            assignments[i] = new SegmentAssignment(a.CustomerId, details[i].Cell, explain ? $"{abc.Assignments[i].Reason}; {xyz.Assignments[row].Reason}" : "");
        }

        return new SegmentationResult<AbcXyzDetail>(assignments, details, [.. abc.Warnings, .. xyz.Warnings]);
    }

    // For each ABC row, the XYZ row of the same customer.
    private static int[] XyzRowsByCustomer(SegmentationResult<AbcDetail> abc, SegmentationResult<XyzDetail> xyz)
    {
        var xyzByCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < xyz.Details.Count; i++)
            xyzByCustomer[xyz.Details[i].CustomerId] = i;

        var abcIds = abc.Details.Select(d => d.CustomerId).ToHashSet(StringComparer.Ordinal);
        var missing = abcIds.Where(id => !xyzByCustomer.ContainsKey(id)).Take(5).ToArray();
        var extra = xyzByCustomer.Keys.Where(id => !abcIds.Contains(id)).Take(5).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
            throw new ArgumentException(
                "ABC and XYZ must classify the same customers; " +
                $"without XYZ: [{string.Join(", ", missing)}], without ABC: [{string.Join(", ", extra)}] (first 5 of each).",
                nameof(xyz));

        return abc.Details.Select(d => xyzByCustomer[d.CustomerId]).ToArray();
    }

    private static bool SameCustomersInOrder(SegmentationResult<AbcDetail> abc, SegmentationResult<XyzDetail> xyz)
    {
        if (abc.Details.Count != xyz.Details.Count)
            return false;
        for (var i = 0; i < abc.Details.Count; i++)
        {
            if (!string.Equals(abc.Details[i].CustomerId, xyz.Details[i].CustomerId, StringComparison.Ordinal))
                return false;
        }

        return true;
    }

    /// <summary>Counts customers per cell, all nine cells present.</summary>
    public static AbcXyzCellCounts CountCells(IEnumerable<AbcXyzDetail> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var counts = new int[3, 3];
        foreach (var d in details)
            counts[(int)d.Abc, (int)d.Xyz]++;
        return new AbcXyzCellCounts(counts);
    }

    /// <summary>The two-letter cell name, e.g. "BZ".</summary>
    public static string CellName(AbcClass abc, XyzClass xyz) =>
        (uint)abc < 3 && (uint)xyz < 3 ? CellNames[(int)abc, (int)xyz] : $"{abc}{xyz}";

    // The nine names made once: every customer of every period takes one.
    private static readonly string[,] CellNames = BuildCellNames();

    private static string[,] BuildCellNames()
    {
        var names = new string[3, 3];
        for (var a = 0; a < 3; a++)
            for (var x = 0; x < 3; x++)
                names[a, x] = $"{(AbcClass)a}{(XyzClass)x}";
        return names;
    }
}
