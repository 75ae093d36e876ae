using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>One row of service_events.csv.</summary>
internal readonly record struct ServiceEventRow(string CustomerId, string EventType, DateOnly EventDate, string OrderId, long CostCents);

/// <summary>
/// service_events.csv. Dirty rows are extra copies of the latest event with one defect: no customer id,
/// an event date that is no date, or a wrong field count.
/// </summary>
internal sealed class ServiceEventFile : IDisposable
{
    public const string Table = "service_events";

    private static readonly PlantedDefect[] Defects =
        [PlantedDefect.Missing("customer_id"), PlantedDefect.Unparseable("event_date"), PlantedDefect.Malformed];

    private readonly CsvTableWriter writer;
    private readonly DirtyRowLedger ledger;
    private readonly StreamedDirtPlan dirt;
    private ServiceEventRow? lastClean;
    private long malformed;

    public ServiceEventFile(string directory, double dirtyShare, Random random, DirtyRowLedger ledger)
    {
        writer = new CsvTableWriter(Path.Combine(directory, Table + ".csv"), Table, CanonicalHeaders.ServiceEvents);
        this.ledger = ledger;
        dirt = new StreamedDirtPlan(Defects.Length, dirtyShare, random);
    }

    public long Rows => writer.Rows;

    public void WriteClean(ServiceEventRow row)
    {
        Write(row, null, 0);
        lastClean = row;
        var defect = dirt.AfterCleanRow();
        if (defect >= 0)
        {
            WriteDirty(defect);
        }
    }

    public void Complete()
    {
        if (lastClean is null)
        {
            return;
        }

        foreach (var defect in dirt.MissingKinds())
        {
            WriteDirty(defect);
        }
    }

    public void Dispose() => writer.Dispose();

    private void WriteDirty(int defect)
    {
        var source = lastClean ?? throw new InvalidOperationException("A dirty row needs an earlier clean row.");
        ledger.Record(Table, writer.NextRow, Defects[defect]);
        switch (defect)
        {
            case 0:
                Write(source with { CustomerId = "" }, null, 0);
                break;
            case 1:
                // Month 13: no reading of the date can parse it.
                Write(source, string.Create(CultureInfo.InvariantCulture, $"{source.EventDate.Year:D4}-13-{source.EventDate.Day:D2}"), 0);
                break;
            default:
                Write(source, null, malformed++ % 2 == 0 ? -1 : 1);
                break;
        }
    }

    private void Write(ServiceEventRow row, string? eventDateText, int fieldCountChange)
    {
        writer.Write(row.CustomerId);
        writer.Write(row.EventType);
        if (eventDateText is null)
        {
            writer.Write(row.EventDate);
        }
        else
        {
            writer.Write(eventDateText);
        }

        writer.Write(row.OrderId);
        if (fieldCountChange >= 0)
        {
            writer.WriteCents(row.CostCents);
        }

        if (fieldCountChange > 0)
        {
            writer.Write(CsvTableWriter.UnexpectedField);
        }

        writer.EndRow();
    }
}
