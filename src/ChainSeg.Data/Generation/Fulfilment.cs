using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>A line of a sales order as fulfilment sees it.</summary>
internal readonly record struct FulfilmentLine(string Sku, long Quantity, double WeightKg, long NetAmountCents);

/// <summary>A sales order ready to ship.</summary>
internal sealed record FulfilmentOrder(
    string OrderId,
    long CustomerNumber,
    CustomerProfile Profile,
    DateOnly OrderDay,
    int RequestedLeadDays,
    bool Expedited,
    string LocationId,
    bool CrossBorder,
    IReadOnlyList<FulfilmentLine> Lines);

/// <summary>
/// Ships sales orders and raises their service events at the customer's rates: committed lead time,
/// late and partial deliveries (a backorder shipment follows for the rest), transport mode by weight,
/// freight, expedites, complaints, claims, credit notes, SLA breaches and returns; and the ERP change log's order changes,
/// drawn from a random stream of their own (<paramref name="changes"/>) so that adding them left every other draw as it was.
/// </summary>
internal sealed class Fulfilment(Random random, Random changes, ShipmentFile shipments, ServiceEventFile events, ActivityVolumes volumes)
{
    private const double ParcelLimitKg = 30;
    private const double LtlLimitKg = 2000;
    private static readonly string[] ParcelCarriers = ["Blitzpaket", "NordExpress Parcel"];
    private static readonly string[] LtlCarriers = ["Rhein Cargo", "Spedition Adler"];
    private static readonly string[] FtlCarriers = ["Kontinental Trucking", "Adler FTL"];
    private long shipmentNumber;

    public bool DrawExpedite(CustomerProfile profile) => random.NextDouble() < profile.ExpediteProbability;

    public void Ship(FulfilmentOrder order)
    {
        var profile = order.Profile;
        var weight = order.Lines.Sum(l => l.Quantity * l.WeightKg);
        var (mode, carriers, transit) = weight < ParcelLimitKg ? ("parcel", ParcelCarriers, 1)
            : weight < LtlLimitKg ? ("ltl", LtlCarriers, 2)
            : ("ftl", FtlCarriers, 1);
        transit += order.CrossBorder || order.LocationId == SupplyNetwork.Central ? 1 : 0;
        var carrier = carriers[random.Next(carriers.Length)];

        // Now and then the committed date is later than the requested one (capacity).
        var committed = order.RequestedLeadDays + (random.NextDouble() < 0.1 ? 1 + random.Next(3) : 0);
        var promised = order.OrderDay.AddDays(committed);
        var late = random.NextDouble() < profile.LateProbability;
        var delivered = late
            ? promised.AddDays(1 + (int)(-profile.Traits.RequestedLeadDays / 3.0 * Math.Log(1 - random.NextDouble())))
            : promised.AddDays(committed >= 2 && random.NextDouble() < 0.3 ? -1 : 0);
        var shipped = Max(order.OrderDay, delivered.AddDays(-transit));

        var partialLine = -1;
        if (random.NextDouble() < profile.PartialProbability)
        {
            var splittable = Enumerable.Range(0, order.Lines.Count).Where(i => order.Lines[i].Quantity >= 2).ToArray();
            partialLine = splittable.Length == 0 ? -1 : splittable[random.Next(splittable.Length)];
        }

        var freight = Freight(mode, weight, order.Expedited, order.CrossBorder);
        var shipmentId = NextShipmentId();
        long backorder = 0;
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var quantity = line.Quantity;
            if (i == partialLine)
            {
                quantity = Math.Clamp((long)(line.Quantity * (0.3 + (0.6 * random.NextDouble()))), 1, line.Quantity - 1);
                backorder = line.Quantity - quantity;
            }

            var lineFreight = weight > 0 ? (long)Math.Round(freight * quantity * line.WeightKg / weight) : 0;
            shipments.WriteClean(new ShipmentRow(shipmentId, order.OrderId, line.Sku, line.Quantity, quantity,
                shipped, promised, delivered, carrier, mode, lineFreight, order.LocationId));
        }

        if (backorder > 0)
        {
            // The backorder row carries the quantity still open as its ordered quantity, so that per line
            // the shipped quantities add up to the order line's quantity.
            var line = order.Lines[partialLine];
            var backorderShipped = shipped.AddDays(3 + random.Next(8));
            var backorderWeight = backorder * line.WeightKg;
            shipments.WriteClean(new ShipmentRow(NextShipmentId(), order.OrderId, line.Sku, backorder, backorder,
                backorderShipped, promised, backorderShipped.AddDays(transit), carrier, mode,
                Freight(mode, backorderWeight, false, order.CrossBorder), order.LocationId));
            volumes.Shipments++;
        }

        volumes.Shipments++;
        volumes.WeightKg += weight;
        RaiseEvents(order, late, partialLine >= 0, delivered);
        RaiseOrderChanges(order, shipped);
    }

    public void RecordReturn(long customerNumber, DateOnly day, string originalOrderId, long returnedValueCents)
    {
        volumes.Returns++;
        Raise(customerNumber, "return", day, originalOrderId, 1200 + (long)Math.Round(0.04 * Math.Abs(returnedValueCents)));
    }

    private void RaiseEvents(FulfilmentOrder order, bool late, bool partial, DateOnly delivered)
    {
        var profile = order.Profile;
        var value = order.Lines.Sum(l => l.NetAmountCents);
        if (order.Expedited)
        {
            volumes.Expedites++;
            Raise(order.CustomerNumber, "expedite", order.OrderDay, order.OrderId, Money(30, 120));
        }

        var complaint = random.NextDouble() < profile.ComplaintProbability + (late ? 0.2 : 0) + (partial ? 0.1 : 0);
        if (complaint)
        {
            Raise(order.CustomerNumber, "complaint", delivered.AddDays(1 + random.Next(5)), order.OrderId, Money(20, 60));
        }

        if (random.NextDouble() < profile.ClaimProbability + (late ? 0.05 : 0))
        {
            Raise(order.CustomerNumber, "claim", delivered.AddDays(2 + random.Next(9)), order.OrderId,
                Math.Max(1000, (long)Math.Round(value * (0.02 + (0.13 * random.NextDouble())))));
        }

        if (random.NextDouble() < profile.CreditNoteProbability + (complaint ? 0.25 : 0))
        {
            Raise(order.CustomerNumber, "credit_note", delivered.AddDays(5 + random.Next(16)), order.OrderId,
                Math.Max(500, (long)Math.Round(value * (0.03 + (0.07 * random.NextDouble())))));
        }

        if (late && profile.Traits.HasServiceLevelAgreement && random.NextDouble() < 0.6)
        {
            Raise(order.CustomerNumber, "sla_breach", delivered, order.OrderId, Money(50, 250));
        }
    }

    // The ERP change log: an order changed after it was placed and before it shipped, once or, one time in three when it
    // spent two days or more before shipping, twice on two days (two rows alike in every column would be an exact_duplicate),
    // each change a row under the ERP's own customer id (id_crosswalk.csv). A customer's share of changed orders is its
    // archetype's scaled as its expedite share is: a demanding customer both expedites and changes orders.
    private void RaiseOrderChanges(FulfilmentOrder order, DateOnly shipped)
    {
        var traits = order.Profile.Traits;
        if (changes.NextDouble() >= traits.OrderChangeProbability * order.Profile.ExpediteProbability / traits.ExpediteProbability)
        {
            return;
        }

        var days = shipped.DayNumber - order.OrderDay.DayNumber + 1;
        var twice = days >= 2 && changes.NextDouble() < 1 / 3.0;
        var first = changes.Next(days);
        WriteChange(first);
        if (twice)
        {
            var second = changes.Next(days - 1);
            WriteChange(second >= first ? second + 1 : second);
        }

        void WriteChange(int day) => events.WriteClean(new ServiceEventRow(CustomerIdentity.ErpId(order.CustomerNumber), "order_change",
            order.OrderDay.AddDays(day), order.OrderId, null));
    }

    // Claims (damage and shortfalls in transit) and SLA breaches are logged in the TMS, which knows customers only by
    // its own ids (reaching the master id through id_crosswalk.csv); the other events come from the CRM in its noisy
    // id forms. The CRM form is drawn for every event so that the random stream does not depend on the source system.
    private void Raise(long customerNumber, string eventType, DateOnly day, string orderId, long costCents)
    {
        var crmForm = CustomerIdentity.DrawForm(random);
        var customerId = IsLoggedInTms(eventType) ? CustomerIdentity.TmsId(customerNumber) : CustomerIdentity.CrmNoisy(customerNumber, crmForm);
        events.WriteClean(new ServiceEventRow(customerId, eventType, day, orderId, costCents));
    }

    private static bool IsLoggedInTms(string eventType) => eventType is "claim" or "sla_breach";

    // A cost drawn uniformly between two amounts in EUR, in cents.
    private long Money(double low, double high) => (long)Math.Round(100 * (low + (random.NextDouble() * (high - low))));

    // Tariff per shipment: a fixed charge plus a rate per kg, by mode; express and cross-border cost more.
    private static long Freight(string mode, double weightKg, bool expedited, bool crossBorder)
    {
        var cost = mode switch
        {
            "parcel" => 5.5 + (0.9 * weightKg),
            "ltl" => 45 + (0.18 * weightKg),
            _ => 600 + (0.03 * weightKg),
        };
        cost *= (expedited ? 1.8 : 1) * (crossBorder ? 1.4 : 1);
        return (long)Math.Round(cost * 100);
    }

    private string NextShipmentId() => string.Create(CultureInfo.InvariantCulture, $"SH-{++shipmentNumber:D8}");

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
