using System.Globalization;
using ChainSeg.Data.Generation;

namespace ChainSeg.Data.Tests.Metrics;

// perfect_order on a generated company, checked with LINQ over the ingested order lines, shipments and service events (not
// the metrics SQL). The check keeps the customers every order of which is settled (each shipment promised, delivered,
// weighed and naming its SKU; an order short of in full only once its rest is past due), where OTIF needs no open-order
// or unknown-quantity rule: an order is OTIF when every shipment came by its promise and every SKU at least its quantity,
// and perfect when, besides, no claim of its customer names it. All history is the window (no window:).
public sealed class PerfectOrderGeneratedTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly GeneratedCompanyFolder _company = new(new GeneratorOptions(250, 20_000, Seed: 7));

    private sealed record Shipment(string Order, string? Sku, DateOnly? Promised, DateOnly? Delivered, double? Shipped);

    private static DateOnly? Day(string? text) => text is null ? null : DateOnly.FromDateTime(DateTime.Parse(text, Invariant));

    [Fact]
    public void Run_GeneratedCompany_PerfectOrdersAreOtifOrdersWithoutAClaimAsLinqOverTheIngestedTables()
    {
        var output = _company.Run("");
        var lines = output.Canonical("order_lines", "order_id", "customer_id", "sku", "quantity", "order_date", "requested_date")
            .Select(r => (Order: r[0]!, Customer: r[1]!, Sku: r[2]!, Quantity: double.Parse(r[3]!, Invariant), Day: Day(r[4])!.Value, Requested: Day(r[5])))
            .Where(l => l.Quantity > 0).ToList();
        var asOf = lines.Max(l => l.Day);
        var shipments = output.Canonical("shipments", "order_id", "sku", "promised_date", "delivered_date", "quantity_shipped")
            .Select(r => new Shipment(r[0]!, r[1], Day(r[2]), Day(r[3]), r[4] is null ? null : double.Parse(r[4]!, Invariant)))
            .ToLookup(s => s.Order);
        var claims = output.Canonical("service_events", "customer_id", "event_type", "order_id")
            .Where(e => e[1] == "claim" && e[2] is not null).Select(e => (Customer: e[0]!, Order: e[2]!)).ToHashSet();
        var owners = lines.GroupBy(l => l.Order).Where(g => g.Select(l => l.Customer).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().Customer);

        // Per customer: timed, OTIF and perfect orders, or null when some order is not settled.
        (int Timed, int Otif, int Perfect)? Oracle(IEnumerable<IGrouping<string, (string Order, string Customer, string Sku, double Quantity, DateOnly Day, DateOnly? Requested)>> orders)
        {
            int timed = 0, otif = 0, perfect = 0;
            foreach (var order in orders)
            {
                var mine = shipments[order.Key].ToList();
                if (mine.Count == 0)
                    continue;
                if (!owners.ContainsKey(order.Key) || mine.Any(s => s.Sku is null || s.Promised is null || s.Delivered is null || s.Shipped is null))
                    return null;
                var inFull = order.GroupBy(l => l.Sku).All(g => mine.Where(s => s.Sku == g.Key).Sum(s => s.Shipped!.Value) >= g.Sum(l => l.Quantity));
                var restDue = order.Max(l => l.Requested) ?? mine.Max(s => s.Promised!.Value);
                if (!inFull && restDue >= asOf)
                    return null;
                var onTime = mine.All(s => s.Delivered <= s.Promised);
                timed++;
                if (onTime && inFull)
                {
                    otif++;
                    if (!claims.Contains((order.First().Customer, order.Key)))
                        perfect++;
                }
            }
            return (timed, otif, perfect);
        }

        var expected = lines.GroupBy(l => l.Customer).Select(c => (Customer: c.Key, Figures: Oracle(c.GroupBy(l => l.Order))))
            .Where(c => c.Figures is not null).ToDictionary(c => c.Customer, c => c.Figures!.Value);
        var metrics = output.MetricsByCustomer();

        Assert.True(expected.Count > 100, $"only {expected.Count} customers settled");
        Assert.True(expected.Values.Sum(e => e.Otif - e.Perfect) > 10, "too few claimed OTIF orders to check");
        foreach (var (customer, figures) in expected)
        {
            var m = metrics[customer];
            Assert.Equal((customer, figures.Timed.ToString(Invariant), figures.Otif.ToString(Invariant), figures.Perfect.ToString(Invariant)),
                (customer, m["orders_timed"], m["orders_otif"], m["perfect_orders"]));
            var rate = figures.Timed == 0 ? "" : Math.Round((double)figures.Perfect / figures.Timed, 4, MidpointRounding.AwayFromZero).ToString("0.0###", Invariant);
            Assert.Equal((customer, rate), (customer, m["perfect_order_rate"]));
        }
    }

    public void Dispose() => _company.Dispose();
}
