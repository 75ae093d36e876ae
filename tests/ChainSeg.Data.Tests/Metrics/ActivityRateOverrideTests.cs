using System.Globalization;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Tests.Metrics;

// ARCHITECTURE.md §4: costs: holds "activity rates override". Finance often has a standard rate per driver unit (picking
// 0.35 a line) rather than a pool's annual cost: costs.activity_rates charges each customer rate × its driver volume for
// that pool, the others keep their average rate (DEFINITIONS.md cost-to-serve). Expected values are worked by hand below.
public sealed class ActivityRateOverrideTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // TwoCustomerOrders: orders A 2, B 1; lines A 3, B 1; 81 days, 81 / 365.25 years.
    private HandMadeCompany Company(string name, string config)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", TwoCustomerOrders.Lines);
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3650\npicking,lines,1000\n");
        company.File("chainseg.yaml", config);
        return company;
    }

    private const double Years = TwoCustomerOrders.Years;

    [Fact]
    public void Run_OverriddenPool_ChargesTheConfiguredRateTimesEachCustomersVolume()
    {
        var output = Company("override", "costs: { activity_rates: { picking: 0.35 } }\n").Run();

        var breakdown = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv"))
            .ToDictionary(r => (r["customer_id"], r["pool"]));
        // picking at 0.35 a line: A 3 lines 1.05, B 1 line 0.35; order processing keeps its average rate, 3650 × years ÷ 3 orders.
        Assert.Equal(0.35, double.Parse(breakdown[("A", "picking")]["rate"], Invariant));
        Assert.Equal(0.35, double.Parse(breakdown[("B", "picking")]["rate"], Invariant));
        Assert.Equal(1.05, double.Parse(breakdown[("A", "picking")]["cost"], Invariant), 1e-6);
        Assert.Equal(0.35, double.Parse(breakdown[("B", "picking")]["cost"], Invariant), 1e-6);
        var orderRate = 3650 * Years / 3;
        Assert.Equal(orderRate, double.Parse(breakdown[("A", "order_processing")]["rate"], Invariant), 1e-6);
        var metrics = output.MetricsByCustomer();
        Assert.Equal(Math.Round(2 * orderRate + 1.05, 2), double.Parse(metrics["A"]["cost_to_serve"], Invariant));
        Assert.Equal(Math.Round(orderRate + 0.35, 2), double.Parse(metrics["B"]["cost_to_serve"], Invariant));
    }

    [Fact]
    public void Run_OverriddenPool_WarnsTheVarianceBetweenAbsorbedAndThePoolsCost()
    {
        var output = Company("variance", "costs: { activity_rates: { picking: 0.35 } }\n").Run();

        // Customers absorb 4 lines × 0.35 = 1.40 of picking's 1000 × 81 / 365.25 = 221.77 for the window.
        var pool = Math.Round(1000 * Years, 2);
        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("cost_pool_rate_variance: ", StringComparison.Ordinal));
        Assert.Equal("cost_pool_rate_variance: pool 'picking' (driver lines) is charged at its configured rate (costs.activity_rates: 0.35 a unit of lines), "
            + $"so customers absorb 1.40 for the window against the pool's {pool.ToString("N2", Invariant)} (1,000.00 a year): "
            + $"{(pool - 1.40).ToString("N2", Invariant)} under-absorbed, by which Σ cost_to_serve falls short of the pools.", warning);
        Assert.DoesNotContain(output.Result.Warnings, w => w.Contains("'order_processing'", StringComparison.Ordinal));
    }

    // DEFINITIONS.md: every KPI names its definition, so two numbers computed differently are never compared silently.
    // Standard rates are another cost-to-serve than the pools' average rates: the id says which pools were overridden.
    [Fact]
    public void Run_OverriddenPools_NameStandardRatesInTheCostToServeDefinition()
    {
        var overridden = Company("ids", "costs: { activity_rates: { picking: 0.35, order_processing: 4.2 } }\n").Run();
        var plain = Company("ids-plain", "window: all\n").Run();

        static Dictionary<string, string> Ids(PipelineOutput output) =>
            CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"], r => r["definition_id"]);
        // Both also charge the direct costs (costs.direct, freight and service events by default), which the id names last.
        Assert.Equal(("cts.abc[standard_rates=order_processing,picking;direct=freight,service_events]", "cts.abc_pct[standard_rates=order_processing,picking;direct=freight,service_events]"),
            (Ids(overridden)["cost_to_serve"], Ids(overridden)["cost_to_serve_pct"]));
        Assert.Equal(("cts.abc[direct=freight,service_events]", "cts.abc_pct[direct=freight,service_events]"), (Ids(plain)["cost_to_serve"], Ids(plain)["cost_to_serve_pct"]));
        Assert.Contains("\"cost_to_serve\": \"cts.abc[standard_rates=order_processing,picking;direct=freight,service_events]\"",
            File.ReadAllText(Path.Combine(overridden.Result.OutDirectory, "run_summary.json")), StringComparison.Ordinal);
    }

    // Net contribution is revenue − cost of goods − that cost-to-serve, so it is another figure under standard rates too:
    // its id stayed contribution.net in metric_definitions.csv, kpis_by_segment.csv and segment_pnl.csv, where a figure
    // at the pools' average rates has the same id.
    [Fact]
    public void Run_OverriddenPools_NameStandardRatesInTheNetContributionDefinition()
    {
        var overridden = Company("net-ids", "costs: { activity_rates: { picking: 0.35, order_processing: 4.2 } }\n").Run();
        var plain = Company("net-ids-plain", "window: all\n").Run();

        static string[] Ids(PipelineOutput output)
        {
            string File(string name) => Path.Combine(output.Result.OutDirectory, name);
            return
            [
                CsvFile.ReadRecords(File("metric_definitions.csv")).Single(r => r["column"] == "net_contribution")["definition_id"],
                .. CsvFile.ReadRecords(File("kpis_by_segment.csv")).Where(r => r["kpi"] == "net_contribution").Select(r => r["definition"]).Distinct(),
                .. CsvFile.ReadRecords(File("segment_pnl.csv")).Select(r => r["net_contribution_definition"]).Distinct(),
            ];
        }
        // Both charge the direct costs too (costs.direct by default), named last.
        const string StandardRates = "contribution.net[standard_rates=order_processing,picking;direct=freight,service_events]";
        const string Plain = "contribution.net[direct=freight,service_events]";
        Assert.Equal([StandardRates, StandardRates, StandardRates], Ids(overridden));
        Assert.Equal([Plain, Plain, Plain], Ids(plain));
    }

    [Fact]
    public void Run_WithoutOverrides_HasNoVarianceWarning()
    {
        var output = Company("plain", "window: all\n").Run();

        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("cost_pool_rate_variance", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_RateForAnActivityNotInCostPools_IsOneLineNamingThePools()
    {
        var company = Company("unknown", "costs: { activity_rates: { pickng: 0.35 } }\n");

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.activity_rates: 'pickng' is not an activity in cost_pools (did you mean 'picking'?); its activities: order_processing, picking. "
            + "A rate overrides a pool's and charges by its driver, so fix the name or add the pool to cost_pools.", e.Message);
    }

    [Fact]
    public void Run_RateWithoutAnyCostPools_AsksForThePool()
    {
        var company = Company("no-pools", "costs: { activity_rates: { picking: 0.35 } }\n");
        File.Delete(Path.Combine(company.Data, "cost_pools.csv"));

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.activity_rates sets a rate for 'picking', but the run has no cost_pools; a rate overrides a pool's and charges by its driver, "
            + "so add the pool to cost_pools (activity, driver, annual_cost) or remove the rate.", e.Message);
    }

    [Fact]
    public void Run_NegativeRate_IsRefused()
    {
        var company = Company("negative", "costs: { activity_rates: { picking: -0.35 } }\n");

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.activity_rates.picking must be a number ≥ 0 (a cost per unit of the pool's driver, e.g. 0.35 a line); got -0.35.", e.Message);
    }

    public void Dispose() => _folder.Dispose();
}
