using MathNet.Numerics.Distributions;

namespace ChainSeg.Data.Generation;

/// <summary>
/// Turns the calibrated order skeleton into order_lines.csv, shipments.csv and service_events.csv in one
/// pass in order-date order: which SKUs from the customer's basket, how many units, at what price, from
/// which DC, through which source system and id form. Return details are remembered only until the
/// return is written, so memory stays O(customers + products).
/// </summary>
internal sealed class OrderStreamWriter
{
    private const long ProgressEvery = 100_000;
    private const double ErpShare = 0.3;
    private const double OwnChannelShare = 0.95;
    private const double BasketSkew = 2.2;
    private const int PickAttempts = 12;

    private readonly CustomerBase customers;
    private readonly ProductCatalog catalog;
    private readonly Random random;
    private readonly OrderLineFile lines;
    private readonly Fulfilment fulfilment;
    private readonly DemandLedger demand;
    private readonly ActivityVolumes volumes;
    private readonly OrderNumbers orderNumbers;
    private readonly string[] skuLabels;
    private readonly Dictionary<long, PendingReturn> pendingReturns = [];
    private readonly List<OrderLineRow> buffer = [];
    private readonly List<FulfilmentLine> fulfilmentLines = [];
    private readonly List<int> chosen = [];
    private readonly BusinessCalendar calendar = BusinessCalendar.Horizon;

    public OrderStreamWriter(CustomerBase customers, ProductCatalog catalog, int seed, OrderLineFile lines, OrderNumbers orderNumbers,
        Fulfilment fulfilment, DemandLedger demand, ActivityVolumes volumes)
    {
        this.customers = customers;
        this.catalog = catalog;
        this.lines = lines;
        this.orderNumbers = orderNumbers;
        this.fulfilment = fulfilment;
        this.demand = demand;
        this.volumes = volumes;
        random = new Random(StableHash.StreamSeed(seed, RandomStream.Lines));
        skuLabels = Enumerable.Range(1, catalog.Count).Select(n => ProductCatalog.Sku(n)).ToArray();
    }

    public void Write(OrderSchedule schedule, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var nextProgress = ProgressEvery;
        while (schedule.TryNext(out var order))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (order.IsReturn)
            {
                WriteReturn(order);
            }
            else
            {
                WriteSalesOrder(order);
            }

            if (lines.Rows >= nextProgress)
            {
                progress?.Report(lines.Rows);
                nextProgress = ((lines.Rows / ProgressEvery) + 1) * ProgressEvery;
            }
        }

        lines.Complete();
        progress?.Report(lines.Rows);
    }

    private void WriteSalesOrder(ScheduledOrder order)
    {
        var customer = order.Customer;
        var number = customer + 1L;
        var month = calendar.MonthOf(order.Position);
        var profile = customers.ProfileIn(customer, month);
        var orderDate = calendar.TimestampAt(order.Position);
        var orderDay = DateOnly.FromDateTime(orderDate);
        var orderId = orderNumbers.Next(isReturn: false);
        var (customerId, source) = SourceId(number);
        var central = random.NextDouble() < profile.CentralShare;
        var distributionCentre = central ? 0 : 1 + customers.Region(customer);
        var locationId = SupplyNetwork.DistributionCentres[distributionCentre];
        var channel = OrderChannel(customer);
        var expedited = fulfilment.DrawExpedite(profile);
        var requestedLead = expedited ? 1 : profile.RequestedLeadDays;
        var requested = orderDay.AddDays(requestedLead);
        var priceFactor = 1 - profile.Discount;

        PickProducts(customer, profile, month, order.Lines);
        buffer.Clear();
        fulfilmentLines.Clear();
        foreach (var product in chosen)
        {
            var quantity = DrawQuantity(profile, product);
            var unitPrice = Math.Max(1, (long)Math.Round(catalog.UnitPriceCents(product) * priceFactor));
            var net = quantity * unitPrice;
            var row = new OrderLineRow(orderId, buffer.Count + 1, customerId, skuLabels[product], orderDate, quantity,
                unitPrice, net, net - (quantity * catalog.UnitCostCents(product)), requested, locationId, channel, source);
            buffer.Add(row);
            fulfilmentLines.Add(new FulfilmentLine(row.Sku, quantity, catalog.WeightKg(product), net));
            demand.Add(product, month, distributionCentre, quantity);
            volumes.Units += quantity;
        }

        if (order.ReturnToken >= 0)
        {
            var returned = random.Next(buffer.Count);
            var line = buffer[returned];
            var quantity = customers.Profile(customer).Archetype == CustomerArchetype.EcommerceSmall
                ? line.Quantity
                : 1 + random.NextInt64(line.Quantity);
            pendingReturns.Add(order.ReturnToken, new PendingReturn(chosen[returned], quantity, line.UnitPriceCents, orderId, locationId, channel));
        }

        foreach (var row in buffer)
        {
            lines.WriteClean(row);
        }

        volumes.Orders++;
        volumes.Lines += buffer.Count;
        var crossBorder = !customers.Domestic(customer);
        fulfilment.Ship(new FulfilmentOrder(orderId, number, profile, orderDay, requestedLead, expedited, locationId, crossBorder, fulfilmentLines));
    }

    private void WriteReturn(ScheduledOrder order)
    {
        if (!pendingReturns.Remove(order.ReturnToken, out var pending))
        {
            throw new InvalidOperationException($"Return {order.ReturnToken} has no original order.");
        }

        var number = order.Customer + 1L;
        var returnDate = calendar.TimestampAt(order.Position);
        var (customerId, source) = SourceId(number);
        var net = -pending.Quantity * pending.UnitPriceCents;
        var margin = net + (pending.Quantity * catalog.UnitCostCents(pending.Product));
        lines.WriteClean(new OrderLineRow(orderNumbers.Next(isReturn: true), 1, customerId, skuLabels[pending.Product], returnDate,
            -pending.Quantity, pending.UnitPriceCents, net, margin, DateOnly.FromDateTime(returnDate), pending.LocationId, pending.Channel, source));
        volumes.Lines++;
        fulfilment.RecordReturn(number, DateOnly.FromDateTime(returnDate), pending.OriginalOrderId, net);
    }

    // ERP lines carry the ERP number; CRM lines the master id in one of its noisy forms.
    private (string CustomerId, string SourceSystem) SourceId(long number) => random.NextDouble() < ErpShare
        ? (CustomerIdentity.ErpId(number), CustomerIdentity.Erp)
        : (CustomerIdentity.CrmNoisy(number, CustomerIdentity.DrawForm(random)), CustomerIdentity.Crm);

    private string OrderChannel(int customer)
    {
        if (random.NextDouble() < OwnChannelShare)
        {
            return customers.Channel(customer);
        }

        return random.NextDouble() < 0.5 ? "email" : "phone";
    }

    // Distinct products from the customer's basket, favouring its first positions (its staples), and
    // accepting innovative products in proportion to where they are in their life cycle.
    private void PickProducts(int customer, CustomerProfile profile, int month, int count)
    {
        chosen.Clear();
        var basket = profile.BasketSize;
        var functionalOnly = profile.Archetype == CustomerArchetype.BulkDistributor;
        while (chosen.Count < count)
        {
            var product = -1;
            for (var attempt = 0; attempt < PickAttempts && product < 0; attempt++)
            {
                var candidate = catalog.BasketItem(customer, (int)(basket * Math.Pow(random.NextDouble(), BasketSkew)), functionalOnly);
                if (!chosen.Contains(candidate) && random.NextDouble() < catalog.Availability(candidate, month))
                {
                    product = candidate;
                }
            }

            for (var position = 0; position < basket && product < 0; position++)
            {
                var candidate = catalog.BasketItem(customer, position, functionalOnly);
                product = chosen.Contains(candidate) ? -1 : candidate;
            }

            // A basket with fewer distinct products than lines repeats its favourite.
            chosen.Add(product >= 0 ? product : catalog.BasketItem(customer, 0, functionalOnly));
        }
    }

    private long DrawQuantity(CustomerProfile profile, int product)
    {
        var sigma = profile.Traits.UnitsSpread;
        var units = profile.UnitsPerLine * catalog.QuantityFactor(product) * LogNormal.Sample(random, -sigma * sigma / 2, sigma);
        return Math.Max(1, (long)Math.Round(units));
    }

    private readonly record struct PendingReturn(int Product, long Quantity, long UnitPriceCents, string OriginalOrderId, string LocationId, string Channel);
}
