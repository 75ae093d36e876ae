using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>One row of shipments.csv: one order line in one shipping event.</summary>
internal readonly record struct ShipmentRow(
    string ShipmentId,
    string OrderId,
    string Sku,
    long QuantityOrdered,
    long QuantityShipped,
    DateOnly ShipDate,
    DateOnly PromisedDate,
    DateOnly DeliveredDate,
    string Carrier,
    string Mode,
    long FreightCostCents,
    string LocationId);

/// <summary>
/// shipments.csv. Dirty rows are extra copies of the latest row with one defect (no shipment id, or a
/// wrong field count). Planted warnings are real rows whose optional ship_date cannot be parsed: the
/// ingestion keeps them with an empty ship_date, so they are listed in truth/planted_warnings.csv,
/// not among the quarantined rows.
/// </summary>
internal sealed class ShipmentFile : IDisposable
{
    public const string Table = "shipments";
    private const long ForcedWarningRow = 10;
    private static readonly PlantedDefect[] Defects = [PlantedDefect.Missing("shipment_id"), PlantedDefect.Malformed];

    private readonly CsvTableWriter writer;
    private readonly DirtyRowLedger ledger;
    private readonly StreamedDirtPlan<ShipmentRow> dirt;
    private readonly Random random;
    private readonly double share;
    private long cleanRows;
    private long malformed;

    public ShipmentFile(string directory, double dirtyShare, Random random, DirtyRowLedger ledger)
    {
        writer = new CsvTableWriter(Path.Combine(directory, Table + ".csv"), Table, CanonicalHeaders.Shipments);
        this.ledger = ledger;
        this.random = random;
        share = dirtyShare;
        dirt = new StreamedDirtPlan<ShipmentRow>(writer, Defects, dirtyShare, random, ledger, WriteDirty);
    }

    public long Rows => writer.Rows;

    public void WriteClean(ShipmentRow row)
    {
        cleanRows++;
        var unparseableShipDate = share > 0 && (cleanRows == ForcedWarningRow || random.NextDouble() < share);
        if (unparseableShipDate)
        {
            ledger.RecordUnparseableOptional(Table, writer.NextRow, "ship_date");
        }

        Write(row, unparseableShipDate, 0);
        dirt.AfterCleanRow(row);
    }

    public void Complete() => dirt.Complete();

    public void Dispose() => writer.Dispose();

    private void WriteDirty(ShipmentRow source, int defect)
    {
        if (defect == 0)
        {
            Write(source with { ShipmentId = "" }, false, 0);
        }
        else
        {
            Write(source, false, malformed++ % 2 == 0 ? -1 : 1);
        }
    }

    private void Write(in ShipmentRow row, bool unparseableShipDate, int fieldCountChange)
    {
        writer.Write(row.ShipmentId);
        writer.Write(row.OrderId);
        writer.Write(row.Sku);
        writer.Write(row.QuantityOrdered);
        writer.Write(row.QuantityShipped);
        if (unparseableShipDate)
        {
            // A day June never has.
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{row.ShipDate.Year:D4}-06-31"));
        }
        else
        {
            writer.Write(row.ShipDate);
        }

        writer.Write(row.PromisedDate);
        writer.Write(row.DeliveredDate);
        writer.Write(row.Carrier);
        writer.Write(row.Mode);
        writer.WriteCents(row.FreightCostCents);
        writer.Write(row.LocationId);
        writer.EndRow(fieldCountChange);
    }
}
