using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>One row of service_events.csv; an order change carries no cost (a change log records the change, not its cost).</summary>
internal readonly record struct ServiceEventRow(string CustomerId, string EventType, DateOnly EventDate, string OrderId, long? CostCents);

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
    private readonly StreamedDirtPlan<ServiceEventRow> dirt;
    private long malformed;

    public ServiceEventFile(string directory, double dirtyShare, Random random, DirtyRowLedger ledger)
    {
        writer = new CsvTableWriter(Path.Combine(directory, Table + ".csv"), Table, CanonicalHeaders.ServiceEvents);
        dirt = new StreamedDirtPlan<ServiceEventRow>(writer, Defects, dirtyShare, random, ledger, WriteDirty);
    }

    public long Rows => writer.Rows;

    public void WriteClean(ServiceEventRow row)
    {
        Write(row, null, 0);
        dirt.AfterCleanRow(row);
    }

    public void Complete() => dirt.Complete();

    public void Dispose() => writer.Dispose();

    private void WriteDirty(ServiceEventRow source, int defect)
    {
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

    private void Write(in ServiceEventRow row, string? eventDateText, int fieldCountChange)
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
        if (row.CostCents is { } cents)
        {
            writer.WriteCents(cents);
        }
        else
        {
            writer.Write("");
        }

        writer.EndRow(fieldCountChange);
    }
}
