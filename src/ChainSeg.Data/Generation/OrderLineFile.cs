using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>One row of order_lines.csv.</summary>
internal readonly record struct OrderLineRow(
    string OrderId,
    int LineNo,
    string CustomerId,
    string Sku,
    DateTime OrderDate,
    long Quantity,
    long UnitPriceCents,
    long NetAmountCents,
    long MarginAmountCents,
    DateOnly RequestedDate,
    string LocationId,
    string Channel,
    string SourceSystem);

/// <summary>
/// order_lines.csv with its planted dirty rows. Dirty rows are extra rows in slots chosen by a
/// <see cref="DirtySlotPlan"/>: copies of the latest clean row under a fresh order id with exactly one
/// defect, or an exact repeat of it (duplicate key). No shipment or event depends on them, so
/// quarantining one never orphans anything.
/// </summary>
internal sealed class OrderLineFile : IDisposable
{
    public const string Table = "order_lines";

    private static readonly PlantedDefect[] Defects =
    [
        PlantedDefect.Missing("customer_id"),
        PlantedDefect.Unparseable("order_date"),
        PlantedDefect.Unparseable("order_date"),
        PlantedDefect.Invalid("unit_price"),
        PlantedDefect.Invalid("quantity"),
        PlantedDefect.Unknown("sku"),
        PlantedDefect.Unknown("customer_id"),
        PlantedDefect.Duplicate,
        PlantedDefect.Malformed,
    ];

    private readonly CsvTableWriter writer;
    private readonly DirtySlotPlan plan;
    private readonly DirtyRowLedger ledger;
    private readonly OrderNumbers orderNumbers;
    private OrderLineRow? lastClean;
    private long planted;

    public OrderLineFile(string directory, long totalRows, double dirtyShare, Random random, DirtyRowLedger ledger, OrderNumbers orderNumbers)
    {
        writer = new CsvTableWriter(Path.Combine(directory, Table + ".csv"), Table, CanonicalHeaders.OrderLines);
        // At least three of each defect whenever dirt is asked for, so every reason shows even in a small company.
        var perDefect = DirtySlotPlan.Counts(dirtyShare, totalRows, Defects.Length, minimumPerDefect: 3);
        plan = new DirtySlotPlan(totalRows, perDefect, random, cleanFirstSlot: true);
        CleanRowsExpected = totalRows - perDefect.Sum();
        this.ledger = ledger;
        this.orderNumbers = orderNumbers;
    }

    /// <summary>Clean rows the order stream must deliver so the file ends with exactly the requested rows.</summary>
    public long CleanRowsExpected { get; }

    public long Rows => writer.Rows;

    /// <summary>Writes a clean row, preceded by any dirty rows the plan puts before it.</summary>
    public void WriteClean(OrderLineRow row)
    {
        int defect;
        while ((defect = plan.Next()) >= 0)
        {
            WriteDirty(defect);
        }

        Write(row, DateForm.Canonical, 0);
        lastClean = row;
    }

    /// <summary>Fills the slots left after the last clean row; they are all dirty by construction.</summary>
    public void Complete()
    {
        while (plan.RemainingClean == 0 && plan.RemainingSlots > 0)
        {
            WriteDirty(plan.Next());
        }

        if (plan.RemainingSlots != 0)
        {
            throw new InvalidOperationException($"order_lines ended with {plan.RemainingClean} clean rows missing.");
        }
    }

    public void Dispose() => writer.Dispose();

    private void WriteDirty(int defect)
    {
        var source = lastClean ?? throw new InvalidOperationException("A dirty order line needs an earlier clean line.");
        var k = planted++;
        var fresh = source with { OrderId = orderNumbers.Next(source.OrderId.StartsWith(OrderNumbers.ReturnPrefix, StringComparison.Ordinal)), LineNo = 1 };
        ledger.Record(Table, writer.NextRow, Defects[defect]);
        switch (defect)
        {
            case 0:
                Write(fresh with { CustomerId = "" }, DateForm.Canonical, 0);
                break;
            case 1:
                Write(fresh, DateForm.February30, 0);
                break;
            case 2:
                Write(fresh, DateForm.DayFirst, 0);
                break;
            case 3:
                Write(fresh with { UnitPriceCents = -Math.Max(1, fresh.UnitPriceCents) }, DateForm.Canonical, 0);
                break;
            case 4:
                Write(fresh with { Quantity = 0, NetAmountCents = 0, MarginAmountCents = 0 }, DateForm.Canonical, 0);
                break;
            case 5:
                Write(fresh with { Sku = ProductCatalog.Sku(9_000_000 + k) }, DateForm.Canonical, 0);
                break;
            case 6:
                var erp = k % 2 == 1;
                Write(fresh with
                {
                    CustomerId = erp ? CustomerIdentity.UnknownErp(k) : CustomerIdentity.UnknownCrm(k),
                    SourceSystem = erp ? CustomerIdentity.Erp : CustomerIdentity.Crm,
                }, DateForm.Canonical, 0);
                break;
            case 7:
                Write(source, DateForm.Canonical, 0);
                break;
            default:
                Write(fresh, DateForm.Canonical, k % 2 == 0 ? -1 : 1);
                break;
        }
    }

    // fieldCountChange -1 drops the last field, +1 appends one: the only defect of a malformed row.
    private void Write(in OrderLineRow row, DateForm dateForm, int fieldCountChange)
    {
        writer.Write(row.OrderId);
        writer.Write(row.LineNo);
        writer.Write(row.CustomerId);
        writer.Write(row.Sku);
        switch (dateForm)
        {
            case DateForm.Canonical:
                writer.Write(row.OrderDate);
                break;
            case DateForm.February30:
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{row.OrderDate.Year}-02-30 {row.OrderDate:HH:mm:ss}"));
                break;
            default:
                // Day first with a day above 12, so no month-first reading can parse it either.
                var day = row.OrderDate.Day > 12 ? row.OrderDate.Day : row.OrderDate.Day + 13;
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{day:D2}/{row.OrderDate:MM/yyyy HH:mm:ss}"));
                break;
        }

        writer.Write(row.Quantity);
        writer.WriteCents(row.UnitPriceCents);
        writer.WriteCents(row.NetAmountCents);
        writer.WriteCents(row.MarginAmountCents);
        writer.Write(row.RequestedDate);
        writer.Write(row.LocationId);
        writer.Write(row.Channel);
        writer.Write(row.SourceSystem);
        writer.EndRow(fieldCountChange);
    }

    private enum DateForm
    {
        Canonical,
        February30,
        DayFirst,
    }
}
