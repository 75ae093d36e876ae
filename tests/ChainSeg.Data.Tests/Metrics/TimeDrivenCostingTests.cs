using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md cost-to-serve, time-driven ABC (Kaplan & Anderson 2004, "Time-Driven Activity-Based Costing", HBR Nov 2004):
// capacity cost rate = cost of capacity supplied ÷ practical capacity; a customer's minutes = Σ bᵢ × its driver volume; its
// cost = minutes × rate; unused capacity = (practical − used) × rate is its own line, never spread over customers.
// The article's customer service department: $560,000 a quarter, 28 people, practical capacity 700,000 minutes → $0.80 a
// minute; process an order 8 min, handle an inquiry 44 min, perform a credit check 50 min. Expected values worked by hand.
public sealed class TimeDrivenCostingTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // The article's quarter as a year (× 4), so the rate stays $0.80 a minute: 2,240,000 a year over 2,800,000 minutes.
    // Inquiries are complaints (service events), credit checks one a customer served (driver customers).
    private const string CustomerService = "costs:\n  time_equations:\n    customer_service:\n      practical_capacity_minutes: 2800000\n"
        + "      minutes: { orders: 8, complaints: 44, customers: 50 }\n";

    // TwoCustomerOrders: A has orders O1 and O3 and one inquiry, B has O2; 81 days, 81 / 365.25 years.
    private HandMadeCompany Company(string name, string config)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", TwoCustomerOrders.Lines);
        company.File("service_events.csv", "customer_id,event_type,event_date\nA,complaint,2025-02-01\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\ncustomer_service,orders,2240000\npicking,lines,1000\n");
        company.File("chainseg.yaml", config);
        return company;
    }

    private const double Years = TwoCustomerOrders.Years;

    // The article's exhibit: 49,000 orders, 1,400 inquiries and 2,500 credit checks use 578,600 of the 700,000 minutes,
    // $462,880 of the $560,000; 121,400 minutes, $97,120, are unused.
    [Fact]
    public void Capacity_KaplanAndAnderson2004CustomerService_ReproducesTheArticlesFigures()
    {
        var equation = new TimeEquation(700_000, new Dictionary<string, double> { ["orders"] = 8, ["complaints"] = 44, ["customers"] = 50 });
        var used = equation.MinutesFor(new Dictionary<string, double> { ["orders"] = 49_000, ["complaints"] = 1_400, ["customers"] = 2_500 });

        var capacity = new PoolCapacity("customer_service", 560_000, 700_000, used);

        Assert.Equal(578_600, used, 9);
        Assert.Equal(0.80, capacity.RatePerMinute, 12);
        Assert.Equal(462_880, capacity.UsedCost, 6);
        Assert.Equal(121_400, capacity.UnusedMinutes, 6);
        Assert.Equal(97_120, capacity.UnusedCost, 6);
        Assert.Null(capacity.Warning());
    }

    // run_summary.json's rate a minute to the 12 significant digits cost_to_serve.csv writes it to, not 6 decimals: the
    // demo's customer service, 326,566.85 over 5,588,501.03 minutes, read 0.058435, and used minutes × that rate missed
    // used_cost by 2.06; a rate below 1e-6 read 0. Rates worked by hand: 163,619.40 ÷ 2,800,000 and 0.4 ÷ 3,000,000.
    [Theory]
    [InlineData(163_619.40, 2_800_000, 2_110_452, 0.0584355)]
    [InlineData(0.4, 3_000_000, 1_000_000, 1.33333333333e-7)]
    public void Summary_RatePerMinute_IsWrittenToTheSignificantDigitsCostToServeCsvHolds(double cost, double practical, double used, double rate)
    {
        var summary = JsonSerializer.SerializeToElement(new PoolCapacity("customer_service", cost, practical, used).Summary());

        Assert.Equal(rate, summary.GetProperty("rate_per_minute").GetDouble());
        Assert.Equal(summary.GetProperty("used_cost").GetDouble(), Math.Round(used * summary.GetProperty("rate_per_minute").GetDouble(), 2));
    }

    [Fact]
    public void Run_TimeEquation_ChargesEachCustomersMinutesAtTheCapacityCostRate()
    {
        var output = Company("tdabc", CustomerService).Run();

        var breakdown = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")).ToDictionary(r => (r["customer_id"], r["pool"]));
        // A: 2 orders × 8 + 1 inquiry × 44 + 1 credit check × 50 = 110 min, $88.00; B: 8 + 50 = 58 min, $46.40.
        Assert.Equal(("minutes", 110.0, 0.8, 88.0), Row(breakdown[("A", "customer_service")]));
        Assert.Equal(("minutes", 58.0, 0.8, 46.4), Row(breakdown[("B", "customer_service")]));
        // picking keeps activity-based costing: 1000 × years ÷ 4 lines, A 3 lines, B 1.
        var metrics = output.MetricsByCustomer();
        Assert.Equal(Math.Round(88 + 1000 * Years * 3 / 4, 2), double.Parse(metrics["A"]["cost_to_serve"], Invariant));
        Assert.Equal(Math.Round(46.4 + 1000 * Years / 4, 2), double.Parse(metrics["B"]["cost_to_serve"], Invariant));
    }

    private static (string, double, double, double) Row(IReadOnlyDictionary<string, string> r) =>
        (r["driver"], double.Parse(r["driver_volume"], Invariant), double.Parse(r["rate"], Invariant), double.Parse(r["cost"], Invariant));

    [Fact]
    public void Run_TheoreticalCapacity_IsTakenAtItsPracticalShare()
    {
        // 3,500,000 theoretical minutes × the default 0.8 = 2,800,000 practical: the same $0.80 a minute.
        var output = Company("theoretical", "costs:\n  time_equations:\n    customer_service:\n      theoretical_capacity_minutes: 3500000\n"
            + "      minutes: { orders: 8, complaints: 44, customers: 50 }\n").Run();

        var breakdown = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")).ToDictionary(r => (r["customer_id"], r["pool"]));
        Assert.Equal(0.8, double.Parse(breakdown[("A", "customer_service")]["rate"], Invariant), 12);
    }

    [Fact]
    public void Run_TimeEquation_ReportsUnusedCapacityOnItsOwnLineNotOverCustomers()
    {
        var output = Company("unused", CustomerService).Run();

        // Supplied for the window: 2,800,000 × 81 / 365.25 minutes costing 2,240,000 × 81 / 365.25; 168 of them used.
        var practical = 2_800_000 * Years;
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json"))).RootElement;
        var pool = Assert.Single(summary.GetProperty("unused_capacity").EnumerateArray());
        Assert.Equal("customer_service", pool.GetProperty("activity").GetString());
        Assert.Equal(Math.Round(practical, 2), pool.GetProperty("practical_minutes").GetDouble());
        Assert.Equal(168, pool.GetProperty("used_minutes").GetDouble());
        Assert.Equal(Math.Round(practical - 168, 2), pool.GetProperty("unused_minutes").GetDouble());
        Assert.Equal(Math.Round((practical - 168) * 0.8, 2), pool.GetProperty("unused_cost").GetDouble());
        // Σ customers' cost of the pool + unused = the pool's cost for the window: nothing of the unused is on a customer.
        var absorbed = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv"))
            .Where(r => r["pool"] == "customer_service").Sum(r => double.Parse(r["cost"], Invariant));
        Assert.Equal(134.40, absorbed, 6);
        Assert.Equal(Math.Round(2_240_000 * Years, 2), Math.Round(absorbed + pool.GetProperty("unused_cost").GetDouble(), 2));
        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("capacity_overrun", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_UsedBeyondPracticalCapacity_WarnsTheOverrun()
    {
        // 500 minutes a year supply 500 × 81 / 365.25 = 110.88 for the window; 168 used, 51.5 % over.
        var output = Company("overrun", "costs:\n  time_equations:\n    customer_service:\n      practical_capacity_minutes: 500\n"
            + "      minutes: { orders: 8, complaints: 44, customers: 50 }\n").Run();

        var supplied = 500 * Years;
        var overrun = (168 / supplied - 1) * 100;
        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("capacity_overrun: ", StringComparison.Ordinal));
        Assert.Equal(string.Create(Invariant, $"capacity_overrun: pool 'customer_service' used 168 minutes against a practical capacity of {supplied:N0} for the window, {overrun:F1} % over, ")
            + "so its customers carry more than the pool's cost; raise costs.time_equations.customer_service's capacity or check its minutes.", warning);
    }

    // A time-driven pool is charged by its minutes, so cost_pools' driver says nothing of it: left empty, it was quarantined
    // (missing_required:driver) and the pool dropped from every customer. A pool priced by its driver still needs one.
    [Fact]
    public void Run_TimeDrivenPoolWithoutADriver_IsPricedByItsEquationWhileAnAverageRatePoolWithoutOneIsQuarantined()
    {
        var company = Company("nodriver", CustomerService);
        company.File("cost_pools.csv", "activity,driver,annual_cost\ncustomer_service,,2240000\npicking,,1000\n");

        var output = company.Run();

        var breakdown = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")).ToDictionary(r => (r["customer_id"], r["pool"]));
        Assert.Equal(("minutes", 110.0, 0.8, 88.0), Row(breakdown[("A", "customer_service")]));
        Assert.Equal(("minutes", 58.0, 0.8, 46.4), Row(breakdown[("B", "customer_service")]));
        Assert.DoesNotContain(breakdown.Keys, k => k.Item2 == "picking");
        var pools = output.Result.Quality["cost_pools"];
        Assert.Equal((2L, 1L, 1L), (pools.RowsRead, pools.RowsAccepted, pools.RowsQuarantined));
        Assert.Equal(1, pools.Reasons["missing_required:driver"]);
        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("cost_pool_driver_ignored", StringComparison.Ordinal));
    }

    // A driver the equation does not use reads as if the pool were charged by it: said once, the pool still by its minutes.
    [Theory]
    [InlineData("lines", "cost_pool_driver_ignored: cost_pools gives pool 'customer_service' the driver lines, which its time equation does not use "
        + "(costs.time_equations.customer_service.minutes: complaints, customers, orders); the pool is charged by its minutes, so leave the driver empty, "
        + "or add lines to the minutes if it takes time.")]
    [InlineData("orders", null)]
    // No cost driver at all (a helpdesk's "calls"): the row was quarantined invalid_value:driver, and the run then refused
    // the equation as naming no pool of cost_pools, though the file held it.
    [InlineData("calls", "cost_pool_driver_ignored: cost_pools gives pool 'customer_service' the driver calls, which is no cost driver "
        + "(costs.time_equations.customer_service.minutes: complaints, customers, orders); the pool is charged by its minutes, so leave the driver empty.")]
    public void Run_TimeDrivenPoolsDriverOutsideItsEquation_WarnsItIsIgnored(string driver, string? warning)
    {
        var company = Company("driver-" + driver, CustomerService);
        company.File("cost_pools.csv", $"activity,driver,annual_cost\ncustomer_service,{driver},2240000\npicking,lines,1000\n");

        var output = company.Run();

        Assert.Equal(warning, output.Result.Warnings.SingleOrDefault(w => w.StartsWith("cost_pool_driver_ignored", StringComparison.Ordinal)));
        Assert.Equal(0, output.Result.Quality["cost_pools"].RowsQuarantined);
        var breakdown = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")).ToDictionary(r => (r["customer_id"], r["pool"]));
        Assert.Equal(("minutes", 110.0, 0.8, 88.0), Row(breakdown[("A", "customer_service")]));
    }

    // DEFINITIONS.md: a KPI names its definition; time-driven pools are another cost-to-serve than the average rates.
    [Fact]
    public void Run_TimeEquation_NamesTheTimeDrivenPoolsInTheCostToServeDefinition()
    {
        var output = Company("ids", CustomerService + "  activity_rates: { picking: 0.35 }\n").Run();

        var ids = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"], r => r["definition_id"]);
        // The direct costs charged by default (costs.direct) are named last.
        Assert.Equal("cts.abc[standard_rates=picking;time_driven=customer_service;direct=freight,service_events]", ids["cost_to_serve"]);
        Assert.Equal("cts.abc_pct[standard_rates=picking;time_driven=customer_service;direct=freight,service_events]", ids["cost_to_serve_pct"]);
        Assert.Contains("\"cost_to_serve\": \"cts.abc[standard_rates=picking;time_driven=customer_service;direct=freight,service_events]\"",
            File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")), StringComparison.Ordinal);
        Assert.Equal("cts.abc[time_driven=customer_service]", new MetricsOptions(DateOnly.MinValue, DateOnly.MinValue)
        {
            DirectCosts = DirectCosts.None,
            TimeEquations = new Dictionary<string, TimeEquation> { ["customer_service"] = new(1, new Dictionary<string, double> { ["orders"] = 1 }) },
        }.CostToServeId);
    }

    [Theory]
    [InlineData("costs: { time_equations: { customer_servce: { practical_capacity_minutes: 100, minutes: { orders: 8 } } } }\n",
        "costs.time_equations: 'customer_servce' is not an activity in cost_pools (did you mean 'customer_service'?); its activities: customer_service, picking. "
        + "A time equation prices a pool's capacity, so fix the name or add the pool to cost_pools.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 100, minutes: { complaint: 44 } } } }\n",
        "costs.time_equations.customer_service.minutes: 'complaint' is not a cost driver (did you mean 'complaints'?); use one of orders, lines, units, shipments, returns, "
        + "expedites, complaints, order_changes, weight_kg, freight, customers, revenue.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 100, minutes: { orders: -8 } } } }\n",
        "costs.time_equations.customer_service.minutes.orders must be a number ≥ 0 (minutes per unit of the driver, e.g. 8 an order); got -8.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 0, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service.practical_capacity_minutes must be > 0 (the minutes a year the activity's people and equipment can work); got 0.")]
    [InlineData("costs: { time_equations: { customer_service: { theoretical_capacity_minutes: -5, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service.theoretical_capacity_minutes must be > 0 (the minutes a year the activity's people and equipment can work); got -5.")]
    [InlineData("costs: { time_equations: { customer_service: { theoretical_capacity_minutes: 100, practical_share: 85, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service.practical_share must be above 0 and at most 1 (the share of theoretical capacity people and equipment can work, such as 0.85 for 85 %); got 85.")]
    // 1.2 is most likely 120 %, more minutes than paid, not 1.2 %: the example is a plausible share, not 0.012.
    [InlineData("costs: { time_equations: { customer_service: { theoretical_capacity_minutes: 100, practical_share: 1.2, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service.practical_share must be above 0 and at most 1 (the share of theoretical capacity people and equipment can work, such as 0.8 for 80 %); got 1.2.")]
    [InlineData("costs: { time_equations: { customer_service: { theoretical_capacity_minutes: 100, practical_share: 0, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service.practical_share must be above 0 and at most 1 (the share of theoretical capacity people and equipment can work, such as 0.8 for 80 %); got 0.")]
    [InlineData("costs: { time_equations: { customer_service: { minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service needs practical_capacity_minutes (or theoretical_capacity_minutes and practical_share, 0.8 by default): the minutes a year the activity can work.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 100, theoretical_capacity_minutes: 120, minutes: { orders: 8 } } } }\n",
        "costs.time_equations.customer_service sets both practical_capacity_minutes and theoretical_capacity_minutes; keep one.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 100 } } }\n",
        "costs.time_equations.customer_service.minutes is empty; write the minutes per unit of each driver, e.g. { orders: 8, complaints: 44 }.")]
    [InlineData("costs: { activity_rates: { customer_service: 0.8 }, time_equations: { customer_service: { practical_capacity_minutes: 100, minutes: { orders: 8 } } } }\n",
        "costs: 'customer_service' has both an activity rate and a time equation; keep one (costs.activity_rates or costs.time_equations).")]
    public void Run_InvalidTimeEquation_IsOneLineNamingTheFix(string config, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => Company("invalid", config).Run());

        Assert.Equal(message, e.Message);
    }

    // A time-driven pool may leave its driver empty, but only once its name in costs.time_equations is right: misspelt, the
    // pool is no time-driven one, its row is quarantined for the empty driver, and the run named neither it nor the
    // nearest pool, where validate, reading every row of cost_pools, named both.
    [Fact]
    public void Run_MisspeltTimeDrivenPoolWithoutADriver_NamesTheNearestPoolAsValidateDoes()
    {
        var company = Company("misspelt-nodriver", "costs: { time_equations: { customer_servce: { practical_capacity_minutes: 100, minutes: { orders: 8 } } } }\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\ncustomer_service,,2240000\npicking,lines,1000\n");

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.time_equations: 'customer_servce' is not an activity in cost_pools (did you mean 'customer_service'?); its activities: customer_service, picking. "
            + "A time equation prices a pool's capacity, so fix the name or add the pool to cost_pools.", e.Message);
    }

    // A pool whose cost_pools row is quarantined (a negative annual cost) is in the file: the run said it was not an
    // activity in cost_pools and listed the others, and validate passed. The row, its reason and its value as written: the
    // message pointed at quarantine/cost_pools.csv, which a run refused here never writes.
    [Fact]
    public void Run_TimeDrivenPoolsRowQuarantined_NamesTheRowItsReasonAndValue()
    {
        var company = Company("quarantined-pool", CustomerService);
        company.File("cost_pools.csv", "activity,driver,annual_cost\npicking,lines,1000\ncustomer_service,orders,-5\n");

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.time_equations: the cost_pools row of 'customer_service' (row 2) was quarantined as invalid_value:annual_cost ('-5'), "
            + "so the pool has no cost to price; correct the row in the export.", e.Message);
        Assert.False(File.Exists(Path.Combine(company.Data, "out", "quarantine", "cost_pools.csv")));
    }

    public void Dispose() => _folder.Dispose();
}
