using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainSeg.Cli.Commands;
using ChainSeg.Data.Store;
using Spectre.Console.Testing;
using static ChainSeg.Cli.Tests.Commands.TinyConfig;

namespace ChainSeg.Cli.Tests.Commands;

/// <summary>A small company run one more time than the store keeps tables for, so the first run survives only in the archive.</summary>
public sealed class ArchivedRuns : IDisposable
{
    private readonly TempFolder _folder = new();

    public ArchivedRuns()
    {
        var data = Path.Combine(_folder.Path, "data");
        Out = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "60", "--order-lines", "3000", "--seed", "3", "--out", data).ExitCode);
        for (var run = 0; run <= ChainSegStore.RunsKept; run++)
        {
            Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", Out, "-q").ExitCode);
            var id = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "run_summary.json"))).RootElement.GetProperty("run_id").GetString()!;
            FirstRunId ??= id;
        }
    }

    public string Out { get; }
    public string? FirstRunId { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class ExplainCommandTests(ArchivedRuns runs) : IClassFixture<ArchivedRuns>
{
    // The generated chainseg.yaml strips the C prefix and leading zeros, as ingestion matched ids from other systems; its
    // crosswalk links ERP 700007 and TMS TMS0000007 to C-00007 (route resolved those, explain said "not in run").
    [Theory]
    [InlineData("c00007")]
    [InlineData("7")]
    [InlineData("C 7")]
    [InlineData("700007")]
    [InlineData("TMS0000007")]
    [InlineData("tms-7")]
    public void Explain_IdAsAnotherSystemWritesIt_FindsTheCustomerByItsStandardisedIdOrTheCrosswalk(string written)
    {
        var run = CliRun.Invoke("explain", written, "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.StartsWith("C-00007 in run ", run.Output.TrimStart());
    }

    // The first run's tables were dropped: the crosswalk was read from them alone, so ERP and TMS ids were "not in run"
    // there while the standardised ones were found.
    [Theory]
    [InlineData("700007")]
    [InlineData("TMS0000007")]
    [InlineData("c00007")]
    public void Explain_RunWhoseTablesWereDropped_FindsTheCustomerByItsCrosswalkIdToo(string written)
    {
        var run = CliRun.Invoke("explain", written, "--run", runs.FirstRunId!, "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.StartsWith($"C-00007 in run {runs.FirstRunId}", run.Output.TrimStart());
    }

    [Fact]
    public void Explain_RunWhoseTablesWereDropped_ShowsArchivedSegmentsAndSaysWhatIsGone()
    {
        var run = CliRun.Invoke("explain", "C-00007", "--run", runs.FirstRunId!, "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains($"in run {runs.FirstRunId}", run.Output);
        Assert.Contains("abc-xyz v1 (active)", run.Output);
        Assert.Contains("by revenue", run.Output);
        Assert.Contains($"older than the {ChainSegStore.RunsKept} runs whose tables the store keeps", run.Output);
        Assert.DoesNotContain("segments at period ends", run.Output);
    }

    [Fact]
    public void Explain_RunPrevious_IsTheCompleteRunBeforeTheCurrent()
    {
        // As compare takes them: 'previous' is the second newest complete run.
        var run = CliRun.Invoke("explain", "C-00007", "--run", "previous", "--out", runs.Out, "--json");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var current = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Out, "run_summary.json"))).RootElement.GetProperty("run_id").GetString();
        var shown = JsonDocument.Parse(run.Output).RootElement.GetProperty("run_id").GetString();
        Assert.NotEqual(current, shown);
    }

    [Fact]
    public void Explain_KeptRun_StillShowsMetrics()
    {
        var run = CliRun.Invoke("explain", "C-00007", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("orders_per_month", run.Output);
        Assert.DoesNotContain("older than", run.Output);
        // The customer master's texts, which rules compare (region == 'EU'), are among the key metrics, with their values.
        var metrics = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--out", runs.Out, "--json").Output).RootElement.GetProperty("metrics");
        Assert.Matches($"│ region +│ {metrics.GetProperty("region").GetString()} +│", run.Output);
        Assert.Matches($"│ channel +│ {metrics.GetProperty("channel").GetString()} +│", run.Output);
    }

    [Fact]
    public void Explain_AllMetrics_PrintsDatesAsIso()
    {
        // The invariant culture printed first_order_date as 01/11/2024, which a European planner reads as 1 November.
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--out", runs.Out, "--json").Output).RootElement;
        var firstOrder = json.GetProperty("metrics").GetProperty("first_order_date").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", firstOrder);

        var run = CliRun.Invoke("explain", "C-00007", "--all", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Matches($@"first_order_date\s+│\s+{firstOrder}\s", run.Output);
    }

    [Fact]
    public void Explain_KeyMetrics_NameTheirDefinitionAndReadSharesAsPercent()
    {
        // The metrics table printed "otif_rate 0.7805" and "gross_margin_pct 0.2691": a KPI without its definition id
        // (DEFINITIONS.md: every KPI carries one; the run's console says "OTIF (otif.order)") and a "pct" that is a fraction.
        // Each row now names the id metric_definitions.csv gives the column, and a share reads as a percent beside the fraction.
        var metrics = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--out", runs.Out, "--json").Output).RootElement.GetProperty("metrics");
        var run = CliRun.Invoke("explain", "C-00007", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        // price_realisation beside cost_to_serve_pct: the two axes of Shapiro's matrix (method: shapiro), of which the table showed one.
        foreach (var (column, definition) in new[] { ("otif_rate", "otif.order"), ("gross_margin_pct", "margin.gross_pct"), ("cost_to_serve_pct", "cts.abc_pct[direct=freight,service_events]"), ("price_realisation", "price.realisation") })
        {
            var share = metrics.GetProperty(column).GetDouble();
            var percent = (share * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Matches($@"{column}\s+│\s+{System.Text.RegularExpressions.Regex.Escape(share.ToString(System.Globalization.CultureInfo.InvariantCulture))} \({System.Text.RegularExpressions.Regex.Escape(percent)} %\)\s+│\s+{System.Text.RegularExpressions.Regex.Escape(definition)}\s", run.Output);
        }
        Assert.Matches(@"orders_per_month\s+│\s+[0-9.]+\s+│\s+orders\.frequency\s", run.Output);
    }

    [Fact]
    public void Explain_MetricValues_AreWrittenAsTheReasonsWriteThem()
    {
        // The rfm reason read "revenue 6,102.18" above a metrics table reading "revenue 6102.18": the same number in two
        // forms on one screen. Values now have the reasons' thousands separators (invariant), with the decimals the
        // customer_metrics.csv column holds; shares keep their fraction and percent.
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--out", runs.Out, "--json").Output).RootElement;
        var reason = json.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("reason").GetString()!).Single(r => r.Contains(" revenue ", StringComparison.Ordinal));
        var cited = Regex.Match(reason, @" revenue (?<value>[0-9,.]+)").Groups["value"].Value;
        var metrics = json.GetProperty("metrics");
        Assert.True(metrics.GetProperty("revenue").GetDouble() >= 1000, "the customer's revenue needs a thousands separator for the test to tell");
        Assert.Contains(",", cited);

        var run = CliRun.Invoke("explain", "C-00007", "--all", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        // The generated company names currency: EUR, written after each amount (the reason's text stays as it was).
        Assert.Matches($@"│ revenue +│ {Regex.Escape(cited)} EUR +│ revenue\.net", run.Output);
        foreach (var (column, unit) in new[] { ("units", ""), ("avg_order_value", " EUR"), ("tenure_days", "") })
        {
            var value = metrics.GetProperty(column).GetDouble();
            var written = value.ToString("#,0.###############", CultureInfo.InvariantCulture);
            Assert.Matches($@"│ {column} +│ {Regex.Escape(written + unit)} +│", run.Output);
        }
        var share = metrics.GetProperty("otif_rate").GetDouble();
        Assert.Matches($@"│ otif_rate +│ {Regex.Escape(share.ToString(CultureInfo.InvariantCulture))} \({Regex.Escape((share * 100).ToString("0.##", CultureInfo.InvariantCulture))} %\) +│", run.Output);
    }

    // Every run of the fixture segments with the three default models; --model shows one of them, named in any case
    // ("RFM" was refused as not in the run, though no other model is called so).
    [Theory]
    [InlineData("rfm")]
    [InlineData("RFM")]
    public void Explain_Model_ShowsThatModelAlone(string model)
    {
        var run = CliRun.Invoke("explain", "C-00007", "--model", model, "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("rfm v1", run.Output);
        Assert.Contains("segments at period ends", run.Output);
        Assert.DoesNotContain("abc-xyz", run.Output);
        Assert.DoesNotContain("behaviour", run.Output);
    }

    [Fact]
    public void Explain_ModelAsJson_EveryAssignmentPeriodAndArchivedSegmentIsThatModels()
    {
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--model", "behaviour", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(["behaviour"], json.GetProperty("assignments").EnumerateArray().Select(a => a.GetProperty("model").GetString()));
        var periods = json.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("model").GetString()).ToList();
        Assert.NotEmpty(periods);
        Assert.All(periods, m => Assert.Equal("behaviour", m));
        // One archived segment per complete run: the fixture ran RunsKept + 1 times.
        Assert.Equal(Enumerable.Repeat("behaviour", ChainSegStore.RunsKept + 1), json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("model").GetString()));
        Assert.True(json.GetProperty("metrics").TryGetProperty("revenue", out _));
    }

    [Fact]
    public void Explain_UnknownModel_OneLineNamingTheRunsModels()
    {
        var current = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Out, "run_summary.json"))).RootElement.GetProperty("run_id").GetString();

        var run = CliRun.Invoke("explain", "C-00007", "--model", "tiers", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: model 'tiers' is not in run {current}; its models are abc-xyz, behaviour, rfm: pass one of them to --model.", run.Error.Trim());
    }

    // A near miss of one of the run's models ('behavior', 'abcxyz') listed the models without saying which was meant, as
    // a mistyped command or metric is told (found by the segmentation QA pass).
    [Theory]
    [InlineData("behavior", "behaviour")]
    [InlineData("ABCXYZ", "abc-xyz")]
    public void Explain_ModelNearOneOfTheRun_SuggestsIt(string typed, string meant)
    {
        var current = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Out, "run_summary.json"))).RootElement.GetProperty("run_id").GetString();

        var run = CliRun.Invoke("explain", "C-00007", "--model", typed, "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: model '{typed}' is not in run {current} (did you mean '{meant}'?); its models are abc-xyz, behaviour, rfm: pass one of them to --model.", run.Error.Trim());
    }

    [Fact]
    public void Explain_Help_DocumentsModel()
    {
        // --help prints the options' descriptions (to the process's stdout, which CliRun does not capture).
        var command = ExplainCommand.Create(new CliContext(new TestConsole(), new StringWriter(), TimeProvider.System));

        Assert.StartsWith("Show this model alone", command.Options.Single(o => o.Name == "--model").Description);
    }

    [Fact]
    public void Explain_Help_CustomerArgumentNamesEveryIdItFinds()
    {
        // The help said "Customer id as in customer_metrics.csv", though explain also finds c00007, 7 and the crosswalk's
        // 700007 for C-00007 (Explain_IdAsAnotherSystemWritesIt above; README "explain finds a customer by …").
        var command = ExplainCommand.Create(new CliContext(new TestConsole(), new StringWriter(), TimeProvider.System));
        var description = command.Arguments.Single(a => a.Name == "customer").Description;

        Assert.Contains("in another case", description, StringComparison.Ordinal);
        Assert.Contains("crosswalk", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Help_CrosswalkExampleIdIsFound()
    {
        // The help's example was "ERP 700012", which explain refuses (not in run); the crosswalk is searched by the
        // source system's id alone, so the example explain is given must find C-00012 as printed.
        var command = ExplainCommand.Create(new CliContext(new TestConsole(), new StringWriter(), TimeProvider.System));
        var description = command.Arguments.Single(a => a.Name == "customer").Description!;
        var example = Regex.Match(description, @"crosswalk[^(]*\(([^)]*)\)").Groups[1].Value;

        var run = CliRun.Invoke("explain", example, "--out", runs.Out);

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.StartsWith("C-00012 in run ", run.Output.TrimStart());
    }

    // route, allocate and simulate name a run's folder --results, as README's "after a run" section does: explain and compare
    // --results were "Unrecognized command or argument '--results'. Unrecognized command or argument 'results'.", naming
    // no fix. Both names read the run's folder.
    [Theory]
    [InlineData("explain", "C-00007")]
    [InlineData("compare", "current", "current:rfm")]
    public void ExplainAndCompare_ResultsForTheRunsFolder_ReadAsOutDoes(params string[] command)
    {
        var results = CliRun.Invoke([.. command, "--results", runs.Out]);

        Assert.Equal(("", ChainSegApp.Ok), (results.Error, results.ExitCode));
        Assert.Equal(CliRun.Invoke([.. command, "--out", runs.Out]).Output, results.Output);
    }

    // The metrics table showed cost_to_serve_pct but not the cost itself, the net contribution (contribution.net) or the
    // pools it is made of, which cost_to_serve.csv lists: checked here against that file's rows, read apart from the store.
    [Fact]
    public void Explain_CostToServe_ShowsTheCostTheNetContributionAndEachPoolAsCostToServeCsvWritesIt()
    {
        var rows = File.ReadLines(Path.Combine(runs.Out, "cost_to_serve.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "C-00007").Select(f => (Pool: f[1], Driver: f[2], Volume: Number(f[3]), Rate: Number(f[4]), Cost: Number(f[5]))).ToList();
        Assert.True(rows.Count >= 3, "the generated company charges C-00007 several pools");
        var metrics = JsonDocument.Parse(CliRun.Invoke("explain", "C-00007", "--out", runs.Out, "--json").Output).RootElement.GetProperty("metrics");

        var run = CliRun.Invoke("explain", "C-00007", "--out", runs.Out);

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        // The generated company's amounts are in EUR (currency: EUR), named after each.
        var cost = Number(Regex.Match(run.Output, @"│ cost_to_serve +│ (?<v>[0-9,.]+) EUR +│ cts\.abc\[direct=freight,service_events\] +│").Groups["v"].Value.Replace(",", "", StringComparison.Ordinal));
        Assert.Equal(rows.Sum(r => r.Cost), cost, 0.005 + rows.Count * 1e-6);
        // As written: revenue − cost of goods − cost-to-serve, each to the cent.
        var net = metrics.GetProperty("revenue").GetDouble() - metrics.GetProperty("cost_of_goods").GetDouble() - cost;
        Assert.Matches($@"│ net_contribution +│ {Regex.Escape(Written(Math.Round(net, 2)))} EUR +│ contribution\.net\[direct=freight,service_events\] +│", run.Output);
        Assert.Contains("C-00007's cost-to-serve by cost pool", run.Output);
        foreach (var r in rows.Where(r => r.Volume != 0 || r.Cost != 0))
            Assert.Matches($@"│ {r.Pool} +│ {r.Driver} +│ {Regex.Escape(Written(r.Volume))} × {Regex.Escape(Written(r.Rate))} +│ {Regex.Escape(Written(r.Cost))} +│", run.Output);
        // A pool the customer had no volume of (0 × rate = 0) is named beneath the table, not a row of it.
        foreach (var r in rows.Where(r => r.Volume == 0 && r.Cost == 0))
            Assert.DoesNotContain($"│ {r.Pool} ", run.Output);
    }

    // A pool's line read "38,332.286 × 0.020047 │ 768.464078" on the demo: the rate was written to 6 decimals while the cost
    // is the full rate's, 16 cents apart. What the table shows multiplies out to the cost it shows, to its 1e-6.
    [Fact]
    public void Explain_CostPools_EachLineMultipliesOutToItsCost()
    {
        var run = CliRun.Invoke("explain", "C-00007", "--out", runs.Out);

        var lines = Regex.Matches(run.Output, @"│ (?<volume>[0-9,.]+) × (?<rate>[0-9,.]+) +│ (?<cost>[0-9,.]+) +│");
        Assert.True(lines.Count >= 3, "the generated company charges C-00007 several pools");
        foreach (Match line in lines)
        {
            double Read(string group) => Number(line.Groups[group].Value.Replace(",", "", StringComparison.Ordinal));
            // The cost is rounded to 1e-6: half of that, and a float's error, apart from the product.
            Assert.True(Math.Abs(Read("volume") * Read("rate") - Read("cost")) <= 5e-7 + 1e-9, $"{line.Value.Trim()} does not multiply out");
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    // A number as explain writes it: thousands separators, every decimal.
    private static string Written(double value) => value.ToString("#,0.###############", CultureInfo.InvariantCulture);
}

public sealed class ExplainRollUpTests
{
    [Fact]
    public void Explain_RollUpModel_ShowsTheAccountMetricsTheModelRead()
    {
        // P1 has no orders of its own; its children C1 and C2 ordered 10 × 30 and 5 × 40. The roll-up rule reads the
        // account's revenue (500), so explain shows it beside P1's own (0) instead of leaving the reason unexplained.
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child one,P1\nC2,Child two,P1\nC3,Other,\n");

        var shown = CliRun.Invoke("explain", "P1", "--out", runs.Out);
        Assert.Equal(ChainSegApp.Ok, shown.ExitCode);
        Assert.Contains("big: revenue 500.00 ≥ 400.00", shown.Output.ReplaceLineEndings(" "));
        Assert.Contains("account P1 (3 customers rolled up)", shown.Output.ReplaceLineEndings(" "));
        // C3, without parent or children, is an account of its own: its metrics are shown once, not again as an account of
        // one customer with the same figures.
        var alone = CliRun.Invoke("explain", "C3", "--out", runs.Out).Output.ReplaceLineEndings(" ");
        Assert.Contains("C3's metrics (an account of its own: roll-up models read the same)", alone);
        Assert.DoesNotContain("rolled up", alone);
        Assert.Single(alone.Split("│ revenue ").Skip(1));

        var json = JsonDocument.Parse(CliRun.Invoke("explain", "P1", "--out", runs.Out, "--json").Output).RootElement;
        Assert.Equal(0, json.GetProperty("metrics").GetProperty("revenue").GetDouble());
        var account = json.GetProperty("account");
        Assert.Equal(("P1", 3), (account.GetProperty("account_id").GetString(), account.GetProperty("customers").GetInt32()));
        Assert.Equal(10 * 30 + 5 * 40, account.GetProperty("metrics").GetProperty("revenue").GetDouble());
    }

    // P1, a head office without orders of its own, heads an account whose children ordered: the account's table above
    // charges cost-to-serve, so "no orders in the window: no cost pools charged" beneath it read as if the account's were none.
    [Fact]
    public void Explain_HeadOfficeWithoutOrdersUnderAModelRollUp_SaysItsUnchargedPoolsAreItsOwn()
    {
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child one,P1\nC2,Child two,P1\nC3,Other,\n",
            costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\n");

        var shown = Explained(runs, "P1");

        var text = shown.Output.ReplaceLineEndings(" ");
        Assert.Contains("account P1 (3 customers rolled up)", text);
        Assert.Contains("P1's own cost-to-serve: no orders of its own in the window, no cost pools charged (account P1's figures above are its customers' rolled up)", text);
        // C3, an account of its own, says it as before.
        Assert.Contains("C3's cost-to-serve by cost pool", CliRun.Invoke("explain", "C3", "--out", runs.Out).Output);
    }

    // C1, a customer of account P1, ordered under a model that rolls up: its pools table came beneath the account's
    // rolled-up table headed "C1's cost-to-serve by cost pool", which read as the account's figures. They are C1's own
    // (cost_to_serve.csv charges customers): one order, so order_processing's volume is 1, not the account's 2.
    // A model that does not roll up shows no account table, so the heading needs no "own".
    [Fact]
    public void Explain_AccountMemberUnderAModelRollUp_HeadsItsPoolsAsItsOwn()
    {
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true) + BigFrom("flat", 400)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child one,P1\nC2,Child two,P1\nC3,Other,\n",
            costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\n");

        var shown = Explained(runs, "C1", "--model", "accounts");
        var flat = CliRun.Invoke("explain", "C1", "--out", runs.Out, "--model", "flat");

        var text = shown.Output.ReplaceLineEndings(" ");
        Assert.Contains("account P1 (3 customers rolled up)", text);
        Assert.Contains("C1's own cost-to-serve by cost pool (cost_to_serve.csv; account P1's figures above are its customers' rolled up)", text);
        Assert.Matches(@"│ order_processing +│ orders +│ 1 × ", shown.Output);
        Assert.Contains("C1's cost-to-serve by cost pool (cost_to_serve.csv)", flat.Output.ReplaceLineEndings(" "));
    }

    // C1 ordered, but the one pool's driver, complaints, counts C2's complaint alone: beneath account P1's rolled-up table,
    // which is charged, "C1: no cost pools charged" read as the account's. The heading of a charged C1 says "own"; so does this.
    [Fact]
    public void Explain_AccountMemberUnchargedUnderAModelRollUp_SaysItsOwnPoolsAreUncharged()
    {
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child one,P1\nC2,Child two,P1\n",
            costPools: "activity,driver,annual_cost\ncomplaint_handling,complaints,365.25\n",
            serviceEvents: "customer_id,event_type,event_date\nC2,complaint,2025-03-15\n");

        var shown = Explained(runs, "C1");

        Assert.Matches(@"C1's own cost-to-serve: no cost pools charged \(none of its \d+ pools' drivers has volume in the window; account P1's figures above are its customers' rolled up\)",
            shown.Output.ReplaceLineEndings(" "));
    }

    // Under metrics.roll_up_hierarchy the run charges accounts: P1's pools are its account's, P1's order and C1's (order_processing
    // volume 2), yet they were headed "P1's cost-to-serve by cost pool", as P1's own figures, which that run does not measure.
    [Fact]
    public void Explain_AccountHeadUnderMetricsRollUp_HeadsItsPoolsAsTheAccounts()
    {
        using var runs = new TinyRuns();
        runs.Run("SO-1,P1,X,2025-03-03,10,30\nSO-2,C1,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n",
            "metrics: { roll_up_hierarchy: true }\n" + Segmentation(BigFrom("accounts", 400)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child,P1\nC3,Other,\n",
            costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\n");

        var shown = Explained(runs, "P1");

        var text = shown.Output.ReplaceLineEndings(" ");
        Assert.Contains("account P1's cost-to-serve by cost pool (cost_to_serve.csv; its customers' rolled up)", text);
        Assert.DoesNotContain("P1's cost-to-serve by cost pool (cost_to_serve.csv)", text);
        Assert.Matches(@"│ order_processing +│ orders +│ 2 × ", shown.Output);
        // C3, an account of its own, is its own figures.
        Assert.Contains("C3's cost-to-serve by cost pool (cost_to_serve.csv)", CliRun.Invoke("explain", "C3", "--out", runs.Out).Output.ReplaceLineEndings(" "));
    }

    // explain of a customer in runs' output folder, which must succeed without an error line.
    private static CliRun Explained(TinyRuns runs, params string[] args)
    {
        var shown = CliRun.Invoke(["explain", .. args, "--out", runs.Out]);
        Assert.Equal(("", ChainSegApp.Ok), (shown.Error, shown.ExitCode));
        return shown;
    }

    [Fact]
    public void Explain_CustomerTooDeepToRollUp_SaysWhyItHeadsItsOwnAccountAndTheFix()
    {
        // L00 ← L01 ← … ← L21: L21 is 21 levels below its top account, one more than a roll-up follows, so it heads its own
        // account. explain called it "an account of its own" as if it had no parent, though customers.csv names L20.
        using var runs = new TinyRuns();
        var chain = string.Concat(Enumerable.Range(0, 22).Select(i => $"L{i:00},Level {i},{(i == 0 ? "" : $"L{i - 1:00}")}\n"));
        runs.Run("SO-1,L00,X,2025-03-03,10,30\nSO-2,L21,X,2025-04-01,5,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)), "customer_id,name,parent_id\n" + chain);

        var deep = CliRun.Invoke("explain", "L21", "--out", runs.Out);

        Assert.Equal(("", ChainSegApp.Ok), (deep.Error, deep.ExitCode));
        Assert.Contains("L21 heads its own account though its parent_id names L20: it is more than 20 levels below its top account "
            + "(hierarchy_too_deep), deeper than roll_up_hierarchy follows; flatten the hierarchy to 20 levels (a parent_id nearer the top) to roll it up.",
            deep.Output.ReplaceLineEndings(""));
        // L20, exactly 20 levels down, rolls up into L00: no such line.
        Assert.DoesNotContain("hierarchy_too_deep", CliRun.Invoke("explain", "L20", "--out", runs.Out).Output);
    }

    [Fact]
    public void Explain_MetricsRollUpChild_FindsItWithTheAccountItInheritsFrom()
    {
        // metrics: { roll_up_hierarchy: true } and a model without a roll-up of its own: C1 had no assignment, so explain
        // said it was not in the run. customer_metrics holds the account P1 alone (C1's 5 × 40 and P1's 10 × 30 = 500), so
        // neither customer has metrics of its own there: explain says so instead of showing the account's as P1's own.
        using var runs = new TinyRuns();
        runs.Run("SO-1,P1,X,2025-03-03,10,30\nSO-2,C1,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n",
            "metrics: { roll_up_hierarchy: true }\n" + Segmentation(BigFrom("accounts", 400)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child,P1\nC3,Other,\n");

        var shown = CliRun.Invoke("explain", "C1", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C1", "--out", runs.Out, "--json").Output).RootElement;
        var parent = CliRun.Invoke("explain", "P1", "--out", runs.Out);

        Assert.Equal(("", ChainSegApp.Ok), (shown.Error, shown.ExitCode));
        var text = shown.Output.ReplaceLineEndings(" ");
        Assert.Contains("inherits big from parent account P1: big: revenue 500.00 ≥ 400.00", text);
        Assert.Contains("C1's own metrics: not measured, metrics.roll_up_hierarchy measures accounts", text);
        Assert.Contains("account P1 (2 customers rolled up)", text);
        var account = json.GetProperty("account");
        Assert.Equal(("P1", 2, 10 * 30 + 5 * 40.0), (account.GetProperty("account_id").GetString(), account.GetProperty("customers").GetInt32(),
            account.GetProperty("metrics").GetProperty("revenue").GetDouble()));
        Assert.Contains("P1's own metrics: not measured", parent.Output.ReplaceLineEndings(" "));
        // C3 measured as an account of its own: its row is its own lines, so it is not "not measured".
        var alone = CliRun.Invoke("explain", "C3", "--out", runs.Out).Output.ReplaceLineEndings(" ");
        Assert.Contains("C3's metrics (an account of its own: roll-up models read the same)", alone);
        Assert.DoesNotContain("not measured", alone);
        Assert.Contains("│ 40 ", alone.Split("│ revenue ")[1][..20]);
    }

    [Fact]
    public void Explain_RollUpChildFirstOrderingInTheLastQuarter_SaysNotYetAtTheEarlierPeriodEnds()
    {
        // P1 orders from November 2024, its child C1 first in June 2025: C1 was no customer at the earlier period ends, yet
        // it showed P1's segment there, as if the "not yet" of a customer were its account's.
        using var runs = new TinyRuns();
        runs.Run("SO-1,P1,X,2024-11-15,10,30\nSO-2,P1,X,2025-02-15,10,30\nSO-3,P1,X,2025-05-15,10,30\nSO-4,C1,X,2025-06-15,5,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)),
            "customer_id,name,parent_id\nP1,Parent,\nC1,Child,P1\n");

        var run = CliRun.Invoke("explain", "C1", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C1", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal("", run.Error);
        var table = ExplainText.PeriodEndsTable(run.Output);
        var accounts = Assert.Single(table.Split('\n'), l => l.Contains("│ accounts", StringComparison.Ordinal));
        Assert.Equal(2, accounts.Split("(not yet)").Length - 1);
        Assert.Equal(["2025-06-15"], json.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period_end").GetString()));
    }
}

public sealed class ExplainSmallRunsTests
{
    // A, hand-computed: 10 days of data (2025-01-01 to as_of 2025-01-10) charge order_processing 365.25 a year × 10 / 365.25
    // = 10 over 3 orders (A 2: 6.666667) and packing 730.5 a year = 20 over 21 units (A 20: 19.047619); cost-to-serve 25.71.
    // The rates 20 ÷ 21 and 10 ÷ 3 are shown to 12 significant digits, so that they multiply out to the costs.
    // Revenue 200, cost of goods 20 × 6 = 120: net contribution 200 − 120 − 25.71 = 54.29.
    [Fact]
    public void Explain_HandMadeCompany_CostToServeNetContributionAndPoolsAsComputedByHand()
    {
        using var tiny = new TinyRuns();
        tiny.Run(HandMadeLines, costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\npacking,units,730.5\n", products: "sku,unit_cost\nX,6\n");

        var run = CliRun.Invoke("explain", "A", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "A", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        // No shipment or service event: the direct costs charged by default (costs.direct, named in the ids) add nothing.
        Assert.Matches(@"│ cost_to_serve +│ 25\.71 +│ cts\.abc\[direct=freight,service_events\] +│", run.Output);
        Assert.Matches(@"│ net_contribution +│ 54\.29 +│ contribution\.net\[direct=freight,service_events\] +│", run.Output);
        // Largest first: the pool that costs the customer most leads.
        Assert.Matches(@"│ packing +│ units +│ 20 × 0\.952380952381 +│ 19\.047619 +│\s+│ order_processing +│ orders +│ 2 × 3\.33333333333 +│ 6\.666667 +│", run.Output);
        Assert.Equal([("packing", 19.047619), ("order_processing", 6.666667), ("freight", 0), ("service_events", 0)],
            json.GetProperty("cost_pools").EnumerateArray().Select(p => (p.GetProperty("pool").GetString(), p.GetProperty("cost").GetDouble())));
    }

    // A standard rate of 0.0000123456789012 a unit (12 significant digits, as cost_to_serve.csv keeps a rate) was shown to
    // 15 decimals, 0.000012345678901: its last digit gone, and 20 units × the rate shown no longer the cost. By hand: A's 20
    // units × 0.0000123456789012 = 0.000246913578024, 0.000247 to cost_to_serve.csv's 1e-6.
    [Fact]
    public void Explain_RateBelowATenThousandth_ShowsEverySignificantDigitCostToServeCsvHolds()
    {
        using var tiny = new TinyRuns();
        tiny.Run(HandMadeLines, config: "costs:\n  activity_rates: { packing: 0.0000123456789012 }\n",
            costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\npacking,units,730.5\n", products: "sku,unit_cost\nX,6\n");

        var run = CliRun.Invoke("explain", "A", "--out", tiny.Out);

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.Matches(@"│ packing +│ units +│ 20 × 0\.0000123456789012 +│ 0\.000247 +│", run.Output);
        var csv = File.ReadAllLines(Path.Combine(tiny.Out, "cost_to_serve.csv")).Single(l => l.StartsWith("A,packing,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(0.0000123456789012, double.Parse(csv[4], CultureInfo.InvariantCulture));
    }

    // Without cost pools the run computes no cost-to-serve: n/a, or a 0, would read as a customer that costs nothing to serve.
    [Fact]
    public void Explain_RunWithoutCostPools_SaysCostToServeIsNotComputed()
    {
        using var tiny = new TinyRuns();
        tiny.Run(HandMadeLines, products: "sku,unit_cost\nX,6\n");

        var run = CliRun.Invoke("explain", "A", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "A", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        foreach (var column in new[] { "cost_to_serve", "cost_to_serve_pct", "net_contribution" })
            Assert.Matches($@"│ {column} +│ not computed \(no cost_pools\) +│", run.Output);
        Assert.DoesNotContain("by cost pool", run.Output);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("cost_pools").ValueKind);
    }

    private const string HandMadeLines = "O1,A,X,2025-01-01,10,10\nO2,B,X,2025-01-05,1,10\nO3,A,X,2025-01-10,10,10\n";

    // A returns line of A's (its own row: a negative quantity) gives returns_handling a driver volume; B returned nothing and
    // C, in the master alone, ordered nothing in the window. cost_to_serve.csv holds every pool for each, at 0 where the
    // customer has no driver volume: C's table was eight rows of "0 × rate │ 0" on the demo.
    private const string ReturningLines = "O1,A,X,2025-01-01,10,10\nO2,B,X,2025-01-05,1,10\nO3,A,X,2025-01-10,-2,10\n";
    private const string ThreePools = "activity,driver,annual_cost\norder_processing,orders,365.25\npacking,units,730.5\nreturns_handling,returns,100\n";

    [Fact]
    public void Explain_CustomerWithoutOrdersInTheWindow_SaysNoPoolIsChargedInOneLine()
    {
        using var tiny = new TinyRuns();
        tiny.Run(ReturningLines, costPools: ThreePools, customers: "customer_id,name\nA,Alpha\nB,Beta\nC,Gamma\n");

        var run = CliRun.Invoke("explain", "C", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.Contains("C: no orders in the window: no cost pools charged", run.Output);
        Assert.DoesNotContain("by cost pool", run.Output);
        Assert.DoesNotContain(" × ", run.Output);
        // --json keeps every pool cost_to_serve.csv lists, each saying it charged nothing, the direct costs' rows (costs.direct) too.
        Assert.Equal([("freight", false), ("order_processing", false), ("packing", false), ("returns_handling", false), ("service_events", false)],
            json.GetProperty("cost_pools").EnumerateArray().Select(p => (p.GetProperty("pool").GetString(), p.GetProperty("charged").GetBoolean())).OrderBy(p => p.Item1));
    }

    // B, by hand: one order of one unit and no return, so order_processing and packing charge it (volume 1 each) and
    // returns_handling (A's return alone) does not: its row of 0 × rate = 0 is left out of the table and counted beneath
    // it, while --json keeps it.
    [Fact]
    public void Explain_SomePoolsUncharged_ListsTheChargedPoolsAndCountsTheRest()
    {
        using var tiny = new TinyRuns();
        tiny.Run(ReturningLines, costPools: ThreePools);

        var run = CliRun.Invoke("explain", "B", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "B", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.Contains("B's cost-to-serve by cost pool", run.Output);
        Assert.Matches(@"│ order_processing +│ orders +│ 1 × ", run.Output);
        Assert.Matches(@"│ packing +│ units +│ 1 × ", run.Output);
        Assert.DoesNotContain("│ returns_handling", run.Output);
        // Nor are freight and service events, the direct costs charged by default (costs.direct): B has neither. They have no
        // driver volume to lack (driver direct, rate 1): said as costs the window does not hold, apart from the pools.
        Assert.Contains("and 1 pool not charged (no driver volume in the window): returns_handling", run.Output.ReplaceLineEndings(" "));
        Assert.Contains("and no freight or service-event cost in the window", run.Output.ReplaceLineEndings(" "));
        Assert.Equal([("freight", false), ("order_processing", true), ("packing", true), ("returns_handling", false), ("service_events", false)],
            json.GetProperty("cost_pools").EnumerateArray().Select(p => (p.GetProperty("pool").GetString(), p.GetProperty("charged").GetBoolean())).OrderBy(p => p.Item1));
    }

    // The hand-made company of Explain_HandMadeCompany_CostToServeNetContributionAndPoolsAsComputedByHand, its amounts in pounds:
    // A's revenue 20 units × 10 = 200, cost of goods 20 × 6 = 120, gross margin 80, 100 an order over its 2 orders,
    // cost-to-serve 25.71 and net contribution 54.29, each followed by the code; counts and percentages are no money.
    [Fact]
    public void Explain_RunNamingACurrency_NamesItBesideEachAmountAndInJson()
    {
        using var tiny = new TinyRuns();
        tiny.Run(HandMadeLines, config: "currency: gbp\n", costPools: "activity,driver,annual_cost\norder_processing,orders,365.25\npacking,units,730.5\n", products: "sku,unit_cost\nX,6\n");

        var run = CliRun.Invoke("explain", "A", "--all", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "A", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        foreach (var (column, amount) in new[] { ("revenue", "200"), ("cost_of_goods", "120"), ("gross_margin", "80"), ("avg_order_value", "100"), ("cost_to_serve", "25.71"), ("net_contribution", "54.29") })
            Assert.Matches($@"│ {column} +│ {Regex.Escape(amount)} GBP +│", run.Output);
        Assert.Matches(@"│ orders +│ 2 +│", run.Output);
        Assert.Matches(@"│ cost_to_serve_pct +│ [0-9.]+ \([0-9.]+ %\) +│", run.Output);
        // The pools' rates and costs name it in their headers, as chainseg.xlsx's money columns do.
        Assert.Matches(@"│ pool +│ driver +│ driver volume × rate \(GBP\) +│ cost \(GBP\) +│", run.Output);
        Assert.Matches(@"│ packing +│ units +│ 20 × 0\.952380952381 +│ 19\.047619 +│", run.Output);
        Assert.Equal("GBP", json.GetProperty("currency").GetString());
        // The amounts stay numbers: the code is named once beside them, not written into them.
        Assert.Equal(200, json.GetProperty("metrics").GetProperty("revenue").GetDouble());
    }

    // The run explained was made under GBP and the configuration names EUR since: its amounts are pounds, as it recorded.
    [Fact]
    public void Explain_RunMadeUnderAnotherCurrency_NamesTheCurrencyThatRunRecorded()
    {
        using var tiny = new TinyRuns();
        var pounds = tiny.Run(HandMadeLines, config: "currency: GBP\n");
        tiny.Run(HandMadeLines, config: "currency: EUR\n");

        var earlier = CliRun.Invoke("explain", "A", "--run", pounds, "--out", tiny.Out);
        var current = CliRun.Invoke("explain", "A", "--out", tiny.Out);

        Assert.Matches(@"│ revenue +│ 200 GBP +│", earlier.Output);
        Assert.Matches(@"│ revenue +│ 200 EUR +│", current.Output);
        Assert.Equal("GBP", JsonDocument.Parse(CliRun.Invoke("explain", "A", "--run", pounds, "--out", tiny.Out, "--json").Output).RootElement.GetProperty("currency").GetString());
    }

    // Without currency:, or for a run made before the setting (its stored summary has no currency), amounts print as before
    // and --json says null, as run_summary.json does.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Explain_RunNamingNoCurrency_PrintsAmountsBareAndJsonNull(bool predatesTheSetting)
    {
        using var tiny = new TinyRuns();
        var id = tiny.Run(HandMadeLines, config: predatesTheSetting ? "currency: GBP\n" : null);
        if (predatesTheSetting)
            RecordNoCurrency(tiny, id);

        var run = CliRun.Invoke("explain", "A", "--out", tiny.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "A", "--out", tiny.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.Matches(@"│ revenue +│ 200 +│", run.Output);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("currency").ValueKind);
    }

    // The run as a build before currency: recorded it: neither its summary nor its chainseg.yaml names one.
    private static void RecordNoCurrency(TinyRuns tiny, string runId)
    {
        using var store = ChainSegStore.Open(Path.Combine(tiny.Out, "chainseg.duckdb"));
        using var read = store.Connection.CreateCommand();
        read.CommandText = $"SELECT summary FROM runs WHERE run_id = '{runId}'";
        var summary = System.Text.Json.Nodes.JsonNode.Parse((string)read.ExecuteScalar()!)!.AsObject();
        Assert.True(summary.Remove("currency"));
        using var write = store.Connection.CreateCommand();
        write.CommandText = $"UPDATE runs SET summary = '{summary.ToJsonString().Replace("'", "''", StringComparison.Ordinal)}', config_text = replace(config_text, 'currency: GBP', '') WHERE run_id = '{runId}'";
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Explain_BlankId_SaysTheIdIsEmpty(string id)
    {
        // explain "$CUSTOMER" with the variable unset suggested the closest ids to nothing.
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2025-03-03,10,30\n");

        var run = CliRun.Invoke("explain", id, "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: explain: the customer id is empty; pass an id as customer_metrics.csv lists it (chainseg explain C-00007).", run.Error.Trim());
    }

    [Fact]
    public void Explain_CustomerOnlyInAnEarlierRun_NamesThatRunInsteadOfOtherCustomersIds()
    {
        // C2 left the data after the first run: the current run lacks it, the archive keeps it. The message suggested
        // "closest ids: C1, …", as if the id were mistyped.
        using var runs = new TinyRuns();
        var first = runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\n");
        runs.Run("SO-1,C1,X,2025-03-03,10,30\n");

        var run = CliRun.Invoke("explain", "c2", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Contains($"but the archive has it in run {first}; pass --run {first} to explain it there.", run.Error);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("explain", "c2", "--run", first, "--out", runs.Out).ExitCode);
        // Written as another system writes it (separators, leading zeros), the archive finds it too, as the run's lookup would.
        Assert.Contains($"but the archive has it in run {first}; pass --run {first}", CliRun.Invoke("explain", "C-0002", "--out", runs.Out).Error);
    }

    [Fact]
    public void Explain_CrosswalkIdOfACustomerOnlyInADroppedRun_NamesThatRunAndFindsItThere()
    {
        // ERP 9002 is C2 in the first run's crosswalk; C2 then leaves the data, and three later runs drop the first run's
        // tables. The crosswalk went with them: 9002 was "not in run" with other customers' ids as the closest, in the
        // current run and in the first.
        using var runs = new TinyRuns();
        var first = runs.Run("SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\n", crosswalk: "source_system,source_customer_id,customer_id\nERP,9002,C2\n");
        for (var run = 0; run < ChainSegStore.RunsKept; run++)
            runs.Run("SO-1,C1,X,2025-03-03,10,30\n");

        var current = CliRun.Invoke("explain", "9002", "--out", runs.Out);
        var there = CliRun.Invoke("explain", "9002", "--run", first, "--out", runs.Out);

        Assert.Contains($"customer '9002' is not in run", current.Error);
        Assert.Contains($"but the archive has it in run {first}; pass --run {first} to explain it there.", current.Error);
        Assert.Equal("", there.Error);
        Assert.StartsWith($"C2 in run {first}", there.Output.TrimStart());
        Assert.Contains("older than the", there.Output);
    }

    [Fact]
    public void Explain_DroppedRunOfACustomerTheCurrentRunLacks_NamesTheKeptRunThatHasIt()
    {
        // C2 is in the first two runs, then leaves the data; the next runs drop the first run's tables. Explained there, the
        // note said "explain a kept run (leave out --run)", which answers "not in run" for C2: the second run, still kept, has
        // its metrics. A customer no kept run has is told so, not sent to the current run.
        using var runs = new TinyRuns();
        const string both = "SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,5,40\n";
        var first = runs.Run(both);
        var second = runs.Run(both.Replace("SO-3,C3,X,2025-04-02,5,40\n", ""));
        for (var run = 1; run < ChainSegStore.RunsKept; run++)
            runs.Run("SO-1,C1,X,2025-03-03,10,30\n");

        var kept = CliRun.Invoke("explain", "C2", "--run", first, "--out", runs.Out);
        var none = CliRun.Invoke("explain", "C3", "--run", first, "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, kept.ExitCode);
        Assert.Contains($"For metrics, explain it in a kept run: --run {second}.", Flat(kept.Output));
        Assert.DoesNotContain("leave out --run", Flat(kept.Output));
        Assert.Equal(ChainSegApp.Ok, none.ExitCode);
        Assert.Contains("No kept run has C3, so its metrics are gone with the tables.", Flat(none.Output));
    }

    // The console wraps a long line at the terminal's width: compared as one line.
    private static string Flat(string output) => Regex.Replace(output, @"\s+", " ");

    [Fact]
    public void Explain_UnknownId_SuggestsTheClosestIdsInAFixedOrder()
    {
        // C10 and C20 are equally close to C30: they are listed by id, not in whatever order the database ranked the tie, and
        // the id is compared as ingestion would store it (trimmed, 30.0 as 30).
        using var runs = new TinyRuns();
        runs.Run("SO-1,C20,X,2025-03-03,10,30\nSO-2,C10,X,2025-04-01,5,40\nSO-3,ZZZZZZ,X,2025-04-01,5,40\n");

        foreach (var written in new[] { "C30", "  C30 " })
        {
            var run = CliRun.Invoke("explain", written, "--out", runs.Out);

            Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
            Assert.EndsWith("; closest ids: C10, C20, ZZZZZZ.", run.Error.Trim());
        }
    }

    [Fact]
    public void Explain_IdAsTheExportWritesIt_FindsTheCustomerIngestionStored()
    {
        // Online Retail writes every CustomerID as a float (17850.0), which ingestion stores as 17850: the id copied from
        // the export was "not in run", with three other customers' ids as the closest.
        using var runs = new TinyRuns();
        runs.Run("536365,17850.0,X,2010-12-01,6,2.55\n536366,13047.0,X,2010-12-01,6,2.55\n");

        var run = CliRun.Invoke("explain", "17850.0", "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.StartsWith("17850 in run ", run.Output.TrimStart());
    }

    [Fact]
    public void Explain_IdStartingWithAt_FindsTheCustomer()
    {
        // System.CommandLine read an argument starting with @ as a response file to expand: explain @HOME-DEPOT failed with
        // "Response file not found 'HOME-DEPOT'", though the run had segmented the customer.
        using var runs = new TinyRuns();
        runs.Run("SO-1,@HOME-DEPOT,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\n");

        var run = CliRun.Invoke("explain", "@HOME-DEPOT", "--out", runs.Out);

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.StartsWith("@HOME-DEPOT in run ", run.Output.TrimStart());
    }

    [Fact]
    public void Explain_IdTwoCustomersShareButForCase_AsksForOneOfThemAndAnExactIdStillWins()
    {
        // Ab and aB are two customers: "ab" took the first by lower(customer_id), explaining one of them without a word.
        // A run now makes ids of one key one customer, so the archive of an earlier version's run, which kept Ab and aB
        // apart, is written here by renaming Xy.
        using var runs = new TinyRuns();
        var runId = runs.Run("SO-1,Ab,X,2025-03-03,10,30\nSO-2,Xy,X,2025-04-01,5,40\nSO-3,Cd,X,2025-04-01,5,40\n");
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"UPDATE assignment_history SET customer_id = 'aB' WHERE customer_id = 'Xy' AND run_id = '{runId}'";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        var shared = CliRun.Invoke("explain", "ab", "--out", runs.Out);
        var exact = CliRun.Invoke("explain", "Ab", "--out", runs.Out);
        var unique = CliRun.Invoke("explain", "cd", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, shared.ExitCode);
        Assert.Contains("customer 'ab' matches Ab, aB but for case; give one of them.", shared.Error);
        Assert.StartsWith("Ab in run ", exact.Output.TrimStart());
        Assert.StartsWith("Cd in run ", unique.Output.TrimStart());
    }

    [Fact]
    public void Explain_CustomerFirstOrderingInTheLastQuarter_SaysNotYetAtTheEarlierPeriodEnds()
    {
        // C2 first orders in June 2025: it was no customer at the earlier period ends, which read 'inactive' (and, without
        // a row there, the table would leave the column out).
        using var runs = new TinyRuns();
        runs.Run("SO-1,C1,X,2024-11-15,10,30\nSO-2,C1,X,2025-02-15,10,30\nSO-3,C1,X,2025-05-15,10,30\nSO-4,C2,X,2025-06-15,5,40\n");

        var run = CliRun.Invoke("explain", "C2", "--out", runs.Out);

        Assert.Equal("", run.Error);
        var table = ExplainText.PeriodEndsTable(run.Output);
        var abcXyz = Assert.Single(table.Split('\n'), l => l.Contains("│ abc-xyz", StringComparison.Ordinal));
        Assert.Equal(2, abcXyz.Split("(not yet)").Length - 1);
        Assert.DoesNotContain("inactive", abcXyz);
    }
}

public sealed class ExplainHeadingsTests
{
    [Fact]
    public void Explain_LongAccountId_NamesItInFullAboveItsNarrowTable()
    {
        // The headings were the tables' titles, cut to a metrics table's width: "ACME-INTERNATIONAL-HOLDINGS-…", so the
        // account a roll-up model read was not named.
        const string Parent = "ACME-INTERNATIONAL-HOLDINGS-GMBH-DUESSELDORF-0001", Child = "ACME-BRANCH-0002";
        using var runs = new TinyRuns();
        runs.Run($"SO-1,{Parent},X,2025-03-03,10,30\nSO-2,{Child},X,2025-04-01,5,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true)),
            $"customer_id,name,parent_id\n{Parent},Parent,\n{Child},Branch,{Parent}\n");

        var run = CliRun.Invoke("explain", Child, "--out", runs.Out);

        Assert.Equal("", run.Error);
        var text = run.Output.ReplaceLineEndings(" ");
        Assert.Contains($"{Child}'s own metrics", text);
        Assert.Contains($"account {Parent} (2 customers rolled up), as roll-up models read it", text);
    }

    [Fact]
    public void Explain_ReasonReadsAMetricOutsideTheKeyOnes_ShowsThatMetricToo()
    {
        // An order_profile customer's reason names its drivers (drop_size, deliveries_per_order, units_per_line) and a rule
        // may read any metric, but the table showed only the key metrics: the figure the reason cites was not there without
        // --all. units_per_line stands for them: B1 ordered 10 units on its one line.
        using var runs = new TinyRuns();
        runs.Run("SO-1,B1,X,2025-03-03,10,30\nSO-2,S1,X,2025-04-01,1,40\n",
            "segmentation:\n  models:\n    bulk:\n      method: rules\n      rules:\n        - { segment: bulk, when: \"units_per_line >= 5\" }\n      fallback: piece\n");

        var run = CliRun.Invoke("explain", "B1", "--out", runs.Out, "--model", "bulk");

        Assert.Equal(("", ChainSegApp.Ok), (run.Error, run.ExitCode));
        Assert.Contains("units_per_line 10 ≥ 5", run.Output.ReplaceLineEndings(" "));
        Assert.Matches(@"units_per_line\s+│\s+10(\.0)?\s+│\s+lines\.units_per_line\s", run.Output);
    }

    [Fact]
    public void Explain_ModelThatDoesNotRollUp_LeavesOutTheAccountTable()
    {
        // "accounts" rolls up, "flat" does not: explain --model flat showed the account's rolled-up metrics "as roll-up
        // models read it", though the model asked about read the customer's own.
        const string Parent = "P1", Child = "B2";
        using var runs = new TinyRuns();
        runs.Run($"SO-1,{Parent},X,2025-03-03,10,30\nSO-2,{Child},X,2025-04-01,5,40\n",
            Segmentation(BigFrom("accounts", 400, rollUp: true) + BigFrom("flat", 400)),
            $"customer_id,name,parent_id\n{Parent},Parent,\n{Child},Branch,{Parent}\n");

        var flat = CliRun.Invoke("explain", Child, "--out", runs.Out, "--model", "flat");
        var accounts = CliRun.Invoke("explain", Child, "--out", runs.Out, "--model", "accounts");

        Assert.Equal(("", ""), (flat.Error, accounts.Error));
        Assert.DoesNotContain("as roll-up models read it", flat.Output.ReplaceLineEndings(" "));
        Assert.Contains($"account {Parent} (2 customers rolled up), as roll-up models read it", accounts.Output.ReplaceLineEndings(" "));
    }

    [Fact]
    public void Explain_MorePeriodEndsThanTheConsoleFits_ListsEachEndOnItsOwnRowInFull()
    {
        // stability: { periods: 12, bucket: month } gave a column per period end: on an 80-column terminal each was cut to
        // "20…" and its segment to "sma" / "ll", so no end could be read. C1 orders 1 unit at 30 a month from July 2024
        // and 100 from January 2025; without a window its revenue is cumulative: 6 × 30 = 180 at 2024-12-31 (small),
        // 180 + 3,000 at 2025-01-31 (big). as_of 2025-06-15 keeps 2025-05-31 (15 of June's 30 days is half the period).
        var lines = string.Concat(Enumerable.Range(0, 12).Select(m =>
        {
            var month = new DateOnly(2024, 7, 15).AddMonths(m);
            return $"SO-{m},C1,X,{month:yyyy-MM-dd},{(month.Year == 2024 ? 1 : 100)},30\n";
        }));
        using var runs = new TinyRuns();
        runs.Run(lines, Segmentation(BigFrom("tiers", 3000), stability: "{ periods: 12, bucket: month }"));

        var run = CliRun.InvokeAt(80, "explain", "C1", "--out", runs.Out);

        Assert.Equal("", run.Error);
        var table = ExplainText.PeriodEndsTable(run.Output).Split('\n');
        string[] small = ["2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31"];
        string[] big = ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31", "2025-06-15"];
        foreach (var (end, segment) in small.Select(e => (e, "small")).Concat(big.Select(e => (e, "big"))))
            Assert.Contains($"│ {segment} ", Assert.Single(table, l => l.Contains(end, StringComparison.Ordinal)));
    }
}

public sealed class CompareSmallRunsTests
{
    private const string Lines = "SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\nSO-3,C3,X,2025-04-02,1,40\n";

    private static string Tiers(int version, int threshold) => Segmentation(BigFrom("tiers", threshold, version: version));

    [Theory]
    // Version 2 raises the threshold, so C2 (revenue 200) moves from big to small with the same data: the comparison
    // printed "changed segment: 33.3 %" as if C2 had changed.
    [InlineData(250, "33.3 %")]
    // Version 2 keeps version 1's rules (bumped for an assumption, or for a window changed beside the model): the two
    // definitions hash alike, so compare printed no note and --json said model_changed: false, though README promises
    // a note when the version differs and the text output names no version at all.
    [InlineData(100, "0.0 %")]
    public void Compare_TwoVersionsOfTheModel_SaysTheVersionsDifferBesideTheCustomersWhoMoved(int secondThreshold, string changed)
    {
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(2, secondThreshold));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.Contains($"changed segment: {changed}", text.Output);
        Assert.Contains("different model versions (v1 → v2)", text.Output.ReplaceLineEndings(" "));
        Assert.Equal((1, 2, true), (json.GetProperty("from_version").GetInt32(), json.GetProperty("to_version").GetInt32(), json.GetProperty("model_changed").GetBoolean()));
    }

    [Theory]
    [InlineData("current", "current")]
    [InlineData("previous", "previous")]
    [InlineData("current", "{current}")]
    [InlineData("{current}:tiers", "current")]
    public void Compare_ASegmentationWithItself_RefusedNamingWhatToCompareItWith(string from, string to)
    {
        // compare current current printed a diagonal table, "changed segment: 0.0 %" and an adjusted Rand index of 1.000:
        // a segmentation agrees with itself, which says nothing about its customers, and the usual slip is one side's run.
        using var runs = new TinyRuns();
        var previous = runs.Run(Lines, Tiers(1, 100));
        var current = runs.Run(Lines, Tiers(1, 100));
        string Side(string side) => side.Replace("{current}", current, StringComparison.Ordinal);
        var run = from == "previous" ? previous : current;

        var refused = CliRun.Invoke("compare", Side(from), Side(to), "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, refused.ExitCode);
        Assert.Equal($"error: {Side(from)} and {Side(to)} are the same segmentation ({run}:tiers); compare it with another run (previous, current or a run id) or another model of the run (RUN:MODEL).",
            refused.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("compare", "previous", "current", "--out", runs.Out).ExitCode);
    }

    // "current:" (the model left out after the colon) was told "model '' is not in run …", as if a model were named, and
    // ":tiers" (the run left out before it) "run '' is not a complete run", with the store's run ids. {0}: the current run id.
    [Theory]
    [InlineData("current:", "'current:' names no model after ':'; write RUN:MODEL, as {0}:tiers, or the run alone, as current, for its active model.")]
    [InlineData("current: ", "'current: ' names no model after ':'; write RUN:MODEL, as {0}:tiers, or the run alone, as current, for its active model.")]
    [InlineData(":tiers", "':tiers' names no run before ':'; write RUN:MODEL, as current:tiers or previous:tiers (or a run id).")]
    [InlineData(" :tiers", "' :tiers' names no run before ':'; write RUN:MODEL, as current:tiers or previous:tiers (or a run id).")]
    public void Compare_NoRunOrNoModelAroundTheColon_SaysWhichIsMissingAndHowToWriteIt(string side, string message)
    {
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        var current = runs.Run(Lines, Tiers(1, 250));

        var run = CliRun.Invoke("compare", side, "previous", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: " + string.Format(CultureInfo.InvariantCulture, message, current), run.Error.Trim());
    }

    [Fact]
    public void Compare_ModelNamedInAnotherCaseOrNotInTheRun_ReadsAsExplainsModelDoes()
    {
        // explain --model RFM finds rfm (README: the name in any case, unless two models differ by case alone), while
        // compare current:TIERS said "run … has no archived model 'TIERS'; it has: tiers.", and a model the run lacks was
        // named without saying how to name one it has.
        using var runs = new TinyRuns();
        var previous = runs.Run(Lines, Tiers(1, 100));
        var current = runs.Run(Lines, Tiers(1, 250));

        var cased = CliRun.Invoke("compare", "previous:Tiers", "current:TIERS", "--out", runs.Out, "--json");
        var missing = CliRun.Invoke("compare", "previous", "current:rfm", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, cased.ExitCode);
        var json = JsonDocument.Parse(cased.Output).RootElement;
        Assert.Equal(($"{previous}:tiers", $"{current}:tiers"), (json.GetProperty("from").GetString(), json.GetProperty("to").GetString()));
        Assert.Equal(ChainSegApp.UsageError, missing.ExitCode);
        Assert.Equal($"error: model 'rfm' is not in run {current}; its model is tiers: name it after the run, as {current}:tiers.", missing.Error.Trim());
    }

    // The config dropped a model: explain --model old listed the current run's models alone, though the history the
    // analyst asked for is in the run before (as a customer missing from the run names the runs that have it). So did a
    // near miss of it ('olds'), which is no model of the current run nor near one.
    [Theory]
    [InlineData("OLD", "old")]
    [InlineData("olds", "olds")]
    public void ExplainAndCompare_ModelOnlyInAnEarlierRun_NameTheRunThatHasIt(string explained, string compared)
    {
        using var runs = new TinyRuns();
        var earlier = runs.Run(Lines, Segmentation(BigFrom("old", 100) + BigFrom("tiers", 100)));
        var current = runs.Run(Lines, Tiers(1, 100));

        var explain = CliRun.Invoke("explain", "C2", "--model", explained, "--out", runs.Out);
        var compare = CliRun.Invoke("compare", "previous", $"current:{compared}", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, explain.ExitCode);
        Assert.Equal($"error: model '{explained}' is not in run {current}; its model is tiers: pass it to --model, "
            + $"or explain the archived run that has old: --run {earlier} --model old.", explain.Error.Trim());
        Assert.Equal(ChainSegApp.UsageError, compare.ExitCode);
        Assert.Equal($"error: model '{compared}' is not in run {current}; its model is tiers: name it after the run, as {current}:tiers, "
            + $"or the archived run that has old: {earlier}:old.", compare.Error.Trim());
    }

    [Fact]
    public void Compare_ModelDroppedThenRestored_NamesTheRunBeforeNotTheOtherSide()
    {
        // old was dropped from the configuration for one run and then restored: compare previous:old current:old named
        // current:old as the archived run that has old, the other side itself, which compare then refuses; the run of the
        // model before the one asked for is the comparison the analyst means.
        using var runs = new TinyRuns();
        var first = runs.Run(Lines, Segmentation(BigFrom("old", 100) + BigFrom("tiers", 100)));
        var dropped = runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Segmentation(BigFrom("old", 100) + BigFrom("tiers", 100)));

        var compare = CliRun.Invoke("compare", "previous:old", "current:old", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, compare.ExitCode);
        Assert.Equal($"error: model 'old' is not in run {dropped}; its model is tiers: name it after the run, as {dropped}:tiers, "
            + $"or the archived run that has old: {first}:old.", compare.Error.Trim());
    }

    [Fact]
    public void Explain_ModelTypedWithACombiningAccent_FindsTheModelTheConfigNamed()
    {
        // chainseg.yaml's model names are read in NFC, so the archive holds Café (é as one character) however the file
        // typed it; --model typed as e + combining accent (as some terminals and scripts pass it) was "not in run".
        using var runs = new TinyRuns();
        runs.Run(Lines, Segmentation(BigFrom("\"Cafe\u0301\"", 100)));

        var explained = CliRun.Invoke("explain", "C1", "--model", "Cafe\u0301", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, explained.ExitCode);
        Assert.Contains("Caf\u00e9", explained.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cafe\u0301", explained.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_RunGivenAsCompareWritesIt_RefusedNamingRunAndModelOptions()
    {
        // compare takes RUN:MODEL; explain --run current:tiers was read as a run id and answered with the run ids
        // closest to 'current:tiers', and a run of one model was told to "pass one of them to --model".
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        var current = runs.Run(Lines, Tiers(1, 250));

        var combined = CliRun.Invoke("explain", "C1", "--run", "current:tiers", "--out", runs.Out);
        var missing = CliRun.Invoke("explain", "C1", "--model", "rfm", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, combined.ExitCode);
        Assert.Equal("error: --run takes a run alone ('current:tiers' names a model too); pass --run current --model tiers.", combined.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("explain", "C1", "--run", "current", "--model", "tiers", "--out", runs.Out).ExitCode);
        Assert.Equal($"error: model 'rfm' is not in run {current}; its model is tiers: pass it to --model.", missing.Error.Trim());
        // Nothing after the colon named "--model ." with no model.
        var colon = CliRun.Invoke("explain", "C1", "--run", "current:", "--out", runs.Out);
        Assert.Equal((ChainSegApp.UsageError, "error: --run takes a run alone; pass --run current, and --model MODEL for one model's segments."),
            (colon.ExitCode, colon.Error.Trim()));
    }

    [Fact]
    public void Compare_LaterRunAsOfAnEarlierDate_SaysTheTableReadsBackInTime()
    {
        // A run --as-of an earlier date after a run of the latest data: previous → current read as customers moving forward,
        // from 2025-04-02's segments to 2025-03-31's, and neither the text nor --json named either side's as_of.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, "as_of: 2025-03-31\n" + Tiers(1, 100));

        var back = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var forward = CliRun.Invoke("compare", "current", "previous", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal((ChainSegApp.Ok, ChainSegApp.Ok), (back.ExitCode, forward.ExitCode));
        Assert.Contains("note: the second side is as of 2025-03-31, before the first (as of 2025-04-02), so the table reads back in time; swap the two sides to follow customers forward.",
            back.Output.ReplaceLineEndings(" "));
        Assert.DoesNotContain("back in time", forward.Output.ReplaceLineEndings(" "));
        Assert.Equal(("2025-04-02", "2025-03-31"), (json.GetProperty("from_as_of").GetString(), json.GetProperty("to_as_of").GetString()));
    }

    [Fact]
    public void Compare_RunsWithoutACommonCustomer_SaysSoBesideTheEmptyTable()
    {
        // Another region's exports run into the same folder: no customer is on both sides, and the all-zero table with
        // "customers in both: 0" read as nobody having changed segment.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run("SO-7,D1,X,2025-03-03,10,30\nSO-8,D2,X,2025-04-01,5,40\n", Tiers(1, 100));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.Contains("customers in both: 0", text.Output);
        Assert.Contains("no customer is in both sides", text.Output.ReplaceLineEndings(" "));
    }

    // A model of the run's chainseg.yaml, and the built-in models (no segmentation: section), whose definitions only the
    // store keeps.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compare_SameModelArchivedByAnOlderBuild_IsNotCalledChanged(bool configured)
    {
        // A later chainseg can serialise the same settings differently (an option added with its default), so the hash the
        // first run archived differs from the second's though nobody touched the model: compare said "changed without a
        // version bump" (the demo's runs of the morning and evening builds of 2026-12-01). Simulated by giving the first
        // run's rows another hash, as the older build would have.
        using var runs = new TinyRuns();
        var config = configured ? Tiers(1, 100) : null;
        var first = runs.Run(Lines, config);
        runs.Run(Lines, config);
        ArchiveHash(runs, first, "0123456789abcdef");

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.DoesNotContain("note:", text.Output);
        Assert.False(json.GetProperty("model_changed").GetBoolean());
    }

    [Fact]
    public void Explain_HistoryOfAModelEditedWithoutAVersionBump_MarksTheRunWhereItChanged()
    {
        // C2 (revenue 200) is big under the threshold 100 and small under 250, version 1 throughout: the history read
        // "tiers v1 big" then "tiers v1 small" as if C2 had changed. The unchanged rerun and the first run are not marked.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(1, 250));

        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C2", "--out", runs.Out, "--json").Output).RootElement;
        var text = CliRun.Invoke("explain", "C2", "--out", runs.Out);

        var history = json.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("segment").GetString(), h.GetProperty("definition_changed").GetBoolean())).ToList();
        Assert.Equal([("big", false), ("big", false), ("small", true)], history);
        Assert.Single(Regex.Matches(text.Output, @"tiers v1 \(changed without a version bump\)"));
    }

    [Fact]
    public void Explain_HistoryAcrossRunsMeasuredDifferently_NotesTheSettingsThatDiffer()
    {
        // The model untouched, the third run measured by quarter and charged picking at finance's standard rate: C2's
        // history read three runs alike, though compare of the last two notes both settings. The rerun is not marked.
        const string pools = "activity,driver,annual_cost\npicking,lines,1000\n";
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100), costPools: pools);
        runs.Run(Lines, Tiers(1, 100), costPools: pools);
        var third = runs.Run(Lines, "periods: quarter\ncosts: { activity_rates: { picking: 0.35 } }\n" + Tiers(1, 100), costPools: pools);

        var json = JsonDocument.Parse(CliRun.Invoke("explain", "C2", "--out", runs.Out, "--json").Output).RootElement;
        var text = CliRun.Invoke("explain", "C2", "--out", runs.Out);

        string[] changed = ["periods: month → quarter", "cost_to_serve: cts.abc[direct=freight,service_events] → cts.abc[standard_rates=picking;direct=freight,service_events]", "costs.activity_rates: none → picking=0.35"];
        Assert.Equal(new[] { Array.Empty<string>(), [], changed },
            json.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("settings_changed").EnumerateArray().Select(e => e.GetString()!).ToArray()));
        Assert.Equal(changed, SettingsChanged(runs));
        var history = text.Output[text.Output.IndexOf("archived runs", StringComparison.Ordinal)..].ReplaceLineEndings(" ");
        Assert.Single(Regex.Matches(history, @"\(measured differently\)"));
        Assert.Contains($"{third} measured differently from the run before: {string.Join("; ", changed)}", Regex.Replace(history, " +", " "));
    }

    [Fact]
    public void Explain_HistoryOnEightyColumns_PrintsEachRunIdWhole()
    {
        // The run id is what --run and compare take: on 80 columns the history cut it across two lines
        // ("20261203T205611Z-1b864" over "0") once a "(changed without a version bump)" model widened the table.
        // Segment names as long as k-means writes them ("low-ticket single-line") leave no room to shrink the other columns.
        static string Named(int threshold) => Tiers(1, threshold).Replace("segment: big", "segment: frequent big-ticket buyers", StringComparison.Ordinal)
            .Replace("fallback: small", "fallback: occasional low-ticket buyers", StringComparison.Ordinal);
        using var runs = new TinyRuns();
        var ids = new[] { runs.Run(Lines, Named(100)), runs.Run(Lines, Named(250)) };

        var run = CliRun.InvokeAt(80, "explain", "C2", "--out", runs.Out);

        Assert.Equal("", run.Error);
        var history = run.Output[run.Output.IndexOf("archived runs", StringComparison.Ordinal)..];
        Assert.Contains("(changed", history);
        foreach (var id in ids)
            Assert.Contains($"│ {id} │", history);
    }

    [Fact]
    public void Compare_ModelEditedWithoutAVersionBump_IsStillCalledChanged()
    {
        // The recorded chainseg.yaml files differ in the threshold (100 → 250), version 1 on both: a change the user made.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(1, 250));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);

        Assert.Contains("the model's definition differs between the two sides (version 1 on both: changed without a version bump)", text.Output.ReplaceLineEndings(" "));
    }

    [Fact]
    public void Compare_RunsMeasuredDifferently_NamesTheSettingsThatDiffer()
    {
        // The same model on the same data, once with monthly and once with quarterly demand periods and stability ends
        // (and a 12-month window against the whole history): segments and demand classes move with the bucket, yet
        // compare printed no note and --json said model_changed: false, as if the customers alone had moved.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, "window: 12 months\nperiods: quarter\n" + Tiers(1, 100).Replace("segmentation:\n", "segmentation:\n  stability: { periods: 2, bucket: month }\n", StringComparison.Ordinal));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.Contains("the two runs measured differently (window: all → 12 months; periods: month → quarter; segmentation.stability: 4 quarter ends → 2 month ends)",
            text.Output.ReplaceLineEndings(" "));
        Assert.Equal(["window: all → 12 months", "periods: month → quarter", "segmentation.stability: 4 quarter ends → 2 month ends"],
            json.GetProperty("settings_changed").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void Compare_RunsMeasuredAlike_NoSettingsNote()
    {
        // Settings written differently but meaning the same (the default bucket spelt out, "Monthly"; a year as 12 months)
        // are no change.
        using var runs = new TinyRuns();
        runs.Run(Lines, "window: 12 months\n" + Tiers(1, 100));
        runs.Run(Lines, "window: 1 Year\nperiods: Monthly\n" + Tiers(1, 100));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.DoesNotContain("note:", text.Output);
        Assert.Empty(json.GetProperty("settings_changed").EnumerateArray());
    }

    [Fact]
    public void Compare_RunsUnderOtherMetricDefinitions_NamesBothDefinitionIds()
    {
        // DEFINITIONS.md: KPIs under different definition ids are not compared. compare shows no KPI, only segments, and
        // segments read from an OTIF counted per line are still segments; the reader must know the two runs' OTIF and
        // demand series were not one definition, by both ids.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, "metrics:\n  otif: { level: line }\n  demand_measure: revenue\n" + Tiers(1, 100));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.Contains("the two runs measured differently (metrics.demand_measure: units → revenue; metrics.otif: otif.order → otif.line)", text.Output.ReplaceLineEndings(" "));
        Assert.Equal(["metrics.demand_measure: units → revenue", "metrics.otif: otif.order → otif.line"], SettingsChanged(runs));
    }

    [Fact]
    public void Compare_RunsUnderOtherFillOrderBases_NamesTheSetting()
    {
        // fill_rate_orders first-time against after backorders is two definitions (DEFINITIONS.md fill.order); a rules model
        // on it moves customers with no change of theirs, so compare names the setting as it does OTIF's, from the recorded
        // configuration and, for a run without one, from the definition id its summary stored.
        using var runs = new TinyRuns();
        var before = runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, "metrics:\n  fill: { order: after_backorders }\n" + Tiers(1, 100));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);

        Assert.Contains("the two runs measured differently (metrics.fill.order: fill.order[first_time] → fill.order[after_backorders])", text.Output.ReplaceLineEndings(" "));
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
            store.Connection.Execute($"UPDATE runs SET config_text = NULL, config_directory = NULL WHERE run_id = '{before}'");
        Assert.Equal(["metrics.fill.order: fill.order[first_time] → fill.order[after_backorders]"], SettingsChanged(runs));
    }

    [Fact]
    public void Compare_RunsUnderOtherReportingCurrencies_NamesTheSetting()
    {
        // Amounts are not converted (README: currency names them), so a run in GBP after one in EUR ranks revenue
        // from other numbers: compare names the setting, from the recorded configuration and, without one, from the summary.
        // A run that named no currency proves nothing either way, as for every setting one side did not record.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        var before = runs.Run(Lines, "currency: eur\n" + Tiers(1, 100));
        Assert.Empty(SettingsChanged(runs));
        runs.Run(Lines, "currency: GBP\n" + Tiers(1, 100));

        Assert.Equal(["currency: EUR → GBP"], SettingsChanged(runs));
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
            store.Connection.Execute($"UPDATE runs SET config_text = NULL, config_directory = NULL WHERE run_id = '{before}'");
        Assert.Equal(["currency: EUR → GBP"], SettingsChanged(runs));
    }

    // A run made before costs.direct charged neither freight nor service events (its summary stored cts.abc), yet its
    // recorded chainseg.yaml, without the key, reads under this build as charging both: compare took the two runs' costs as
    // one definition. What a run charged is the id it stored.
    [Fact]
    public void Compare_RunMadeBeforeDirectCosts_NamesTheCostToServeItStored()
    {
        const string pools = "activity,driver,annual_cost\npicking,lines,1000\n";
        using var runs = new TinyRuns();
        var before = runs.Run(Lines, Tiers(1, 100), costPools: pools);
        runs.Run(Lines, Tiers(1, 100), costPools: pools);
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
            store.Connection.Execute($"UPDATE runs SET summary = replace(summary, 'cts.abc[direct=freight,service_events]', 'cts.abc') WHERE run_id = '{before}'");

        Assert.Equal(["cost_to_serve: cts.abc → cts.abc[direct=freight,service_events]"], SettingsChanged(runs));
    }

    [Fact]
    public void Compare_RunWithoutRecordedConfiguration_ReadsItsDefinitionsFromItsSummary()
    {
        // A run made before runs recorded their chainseg.yaml still stored its bucket and definition ids in its summary
        // (DEFINITIONS.md: stored with every run so a number can be traced); compare said nothing of them.
        using var runs = new TinyRuns();
        var before = runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, "periods: quarter\nmetrics:\n  otif: { level: line }\n" + Tiers(1, 100));
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
            store.Connection.Execute($"UPDATE runs SET config_text = NULL, config_directory = NULL WHERE run_id = '{before}'");

        Assert.Equal(["periods: month → quarter", "metrics.otif: otif.order → otif.line"], SettingsChanged(runs));
    }

    [Theory]
    // Finance's standard rate for picking raised from 0.35 to 0.50 a line: cost_to_serve's definition id names the same
    // pools (cts.abc[standard_rates=picking]) on both runs, so the change, which moves every shapiro customer's cost-to-serve,
    // was invisible.
    [InlineData("costs: { activity_rates: { picking: 0.35 } }\n", "costs: { activity_rates: { picking: 0.5 } }\n",
        new[] { "costs.activity_rates: picking=0.35 → picking=0.5" })]
    // Standard rates against the pools' averages: the definition ids differ, which DEFINITIONS.md says are never read as one.
    [InlineData("", "costs: { activity_rates: { picking: 0.35 } }\n",
        new[] { "cost_to_serve: cts.abc[direct=freight,service_events] → cts.abc[standard_rates=picking;direct=freight,service_events]", "costs.activity_rates: none → picking=0.35" })]
    // A time equation's minutes changed for the same pool keep cost_to_serve's id (cts.abc[time_driven=order_processing]),
    // yet move every customer's cost of it: the equations themselves are compared.
    [InlineData("costs: { time_equations: { order_processing: { practical_capacity_minutes: 1000, minutes: { orders: 4 } } } }\n",
        "costs: { time_equations: { order_processing: { practical_capacity_minutes: 1000, minutes: { orders: 4, lines: 0.5 } } } }\n",
        new[] { "costs.time_equations: order_processing=1000 min/year: orders×4 → order_processing=1000 min/year: lines×0.5+orders×4" })]
    // The direct costs dropped (costs.direct: []): cost-to-serve without freight and service events is another definition.
    [InlineData("costs: { direct: [] }\n", "", new[] { "cost_to_serve: cts.abc → cts.abc[direct=freight,service_events]" })]
    // Holding cost and ordering cost size stock, not a customer's measures: no note.
    [InlineData("costs: { activity_rates: { picking: 0.35 } }\n", "costs: { holding_cost_rate: 0.3, ordering_cost: 50, activity_rates: { picking: 0.350 } }\n",
        new string[0])]
    public void Compare_RunsUnderOtherActivityRates_NamesTheCostsSettings(string before, string after, string[] changed)
    {
        const string pools = "activity,driver,annual_cost\npicking,lines,1000\norder_processing,orders,500\n";
        using var runs = new TinyRuns();
        runs.Run(Lines, before + Tiers(1, 100), costPools: pools);
        runs.Run(Lines, after + Tiers(1, 100), costPools: pools);

        Assert.Equal(changed, SettingsChanged(runs));
    }

    // compare previous current --json's settings_changed.
    private static string[] SettingsChanged(TinyRuns runs) =>
        JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement.GetProperty("settings_changed").EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static void ArchiveHash(TinyRuns runs, string runId, string hash)
    {
        using var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb"));
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"UPDATE assignment_history SET definition_hash = '{hash}' WHERE run_id = '{runId}'";
        Assert.True(command.ExecuteNonQuery() > 0);
    }

    [Fact]
    public void Compare_RunsWhoseActiveModelsDiffer_SaysTheSidesAreDifferentModels()
    {
        // The second run's only model is another one: each side's active model was compared without a word, and the JSON
        // said model_changed: false, so a table of two models read as customers' moves.
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(1, 100).Replace("tiers:", "bands:", StringComparison.Ordinal));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(("", ChainSegApp.Ok), (text.Error, text.ExitCode));
        Assert.Contains("note: the two sides are different models (tiers → bands), so the table shows how one model's segments fall into the other's, "
            + "not customers changing segment; name the same model on both sides (RUN:MODEL) to follow customers between runs.", System.Text.RegularExpressions.Regex.Replace(text.Output, @"\s+", " "));
        Assert.Equal(("tiers", "bands"), (json.GetProperty("from_model").GetString(), json.GetProperty("to_model").GetString()));
        // A segment name of one model is no segment of the other, so no share "changed segment" between them.
        Assert.Contains("changed segment: n/a (two models); adjusted Rand index: 1.000", text.Output.ReplaceLineEndings(" "));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("changed_share").ValueKind);
    }

    [Fact]
    public void Compare_SameModelOfTwoRuns_NoNote()
    {
        using var runs = new TinyRuns();
        runs.Run(Lines, Tiers(1, 100));
        runs.Run(Lines, Tiers(1, 100));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.DoesNotContain("note:", text.Output);
        Assert.Equal(("tiers", "tiers"), (json.GetProperty("from_model").GetString(), json.GetProperty("to_model").GetString()));
    }

    // 200 columns print the matrix, 30 the pairs.
    [Theory]
    [InlineData(200)]
    [InlineData(30)]
    public void Compare_SmallTable_NamesBothSidesInFull(int width)
    {
        // RUN:MODEL → RUN:MODEL was the table's title, cut to the width of a two-segment table ("20261201T195402Z-48a04…",
        // no model named), and read as markup: a model named tiers[eu] failed with "Could not find color or style 'eu'".
        using var runs = new TinyRuns();
        var config = Tiers(1, 100).Replace("tiers:", "\"tiers[eu]\":", StringComparison.Ordinal);
        var previous = runs.Run(Lines, config);
        var id = runs.Run(Lines, config);

        var run = CliRun.InvokeAt(width, "compare", "previous", "current", "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.Contains($"{previous}:tiers[eu] → {id}:tiers[eu]", run.Output.ReplaceLineEndings(""));
    }

    [Fact]
    public void Compare_RunsWithoutACommonCustomer_ChangedShareIsNotApplicable()
    {
        // Two data sets with no customer in common: "changed segment: 0.0 %" read as a perfectly stable segmentation.
        using var runs = new TinyRuns();
        runs.Run(Lines);
        runs.Run(Lines.Replace(",C", ",D", StringComparison.Ordinal));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Contains("customers in both: 0; changed segment: n/a; adjusted Rand index: n/a", text.Output.ReplaceLineEndings(" "));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("changed_share").ValueKind);
    }
}

public sealed class RunIdTests
{
    private const string Lines = "SO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-04-01,5,40\n";

    [Fact]
    public void Compare_MistypedIdOfAnOldRun_SuggestsThatRunFirst()
    {
        // The message listed the five newest runs, so a typo in the id of the sixth newest suggested every run but the one meant.
        using var runs = new TinyRuns();
        var ids = Enumerable.Range(0, 6).Select(_ => runs.Run(Lines)).ToList();
        var typo = ids[0][..^1] + (ids[0][^1] == '0' ? '1' : '0');

        var run = CliRun.Invoke("compare", typo, "current", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: run '{typo}' is not a complete run in {Path.Combine(runs.Out, "chainseg.duckdb")}; closest complete runs: {ids[0]}, ", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void ExplainAndCompare_UniqueStartOfARunId_NameThatRun()
    {
        // Run ids are 23 characters of timestamp and hash: the timestamp alone (20261203T205630Z), as an analyst copies it
        // from the history, was "not a complete run", and the closest runs listed first one it is not the start of.
        using var runs = new TinyRuns();
        var first = runs.Run(Lines);
        var start = first[..(first.IndexOf('Z', StringComparison.Ordinal) + 1)];
        // Two runs started within one second share the timestamp, which then names both: start the second in the next second.
        var stamp = DateTime.ParseExact(start, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        while (DateTime.UtcNow < stamp.AddSeconds(1))
        {
            Thread.Sleep(50);
        }

        var second = runs.Run(Lines);

        var explain = CliRun.Invoke("explain", "C1", "--run", start, "--out", runs.Out, "--json");
        var compare = CliRun.Invoke("compare", start, "current", "--out", runs.Out, "--json");

        Assert.Equal("", explain.Error + compare.Error);
        Assert.Equal(first, JsonDocument.Parse(explain.Output).RootElement.GetProperty("run_id").GetString());
        Assert.Equal($"{first}:abc-xyz", JsonDocument.Parse(compare.Output).RootElement.GetProperty("from").GetString());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Explain_StartOfSeveralRunIds_OneLineNamingThem()
    {
        using var runs = new TinyRuns();
        var ids = new[] { runs.Run(Lines), runs.Run(Lines) };

        var run = CliRun.Invoke("explain", "C1", "--run", "20", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: run '20' is the start of 2 run ids in {Path.Combine(runs.Out, "chainseg.duckdb")}: {ids[1]}, {ids[0]}; pass more of the id.", run.Error.Trim());
    }

    [Theory]
    [InlineData("CURRENT", 1)]
    [InlineData(" current ", 1)]
    [InlineData("Previous", 0)]
    public void Explain_RunKeywordInAnotherCaseOrWithSpaces_NamesThatRun(string written, int index)
    {
        // Model names are read in any case; 'Previous' was "not a complete run" and listed run ids that are no keyword.
        using var runs = new TinyRuns();
        var ids = new[] { runs.Run(Lines), runs.Run(Lines) };

        var run = CliRun.Invoke("explain", "C1", "--run", written, "--out", runs.Out, "--json");

        Assert.Equal("", run.Error);
        Assert.Equal(ids[index], JsonDocument.Parse(run.Output).RootElement.GetProperty("run_id").GetString());
    }

    [Fact]
    public void Explain_RunThatFailed_SaysItFailedAndWhy()
    {
        // A failed run's id read as unknown ("is not a complete run"), as if mistyped.
        using var runs = new TinyRuns();
        var good = runs.Run(Lines);
        Assert.Equal(ChainSegApp.UsageError, CliRun.Invoke("run", "--data", Path.Combine(Path.GetDirectoryName(runs.Out)!, "data"), "--out", runs.Out, "--as-of", "2024-01-01", "-q").ExitCode);
        string failed;
        using (var store = ChainSegStore.OpenReadOnly(Path.Combine(runs.Out, "chainseg.duckdb")))
            failed = store.Runs().Single(r => r.Status == RunStatus.Failed).RunId;

        var run = CliRun.Invoke("explain", "C1", "--run", failed, "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: run '{failed}' is not a complete run in {Path.Combine(runs.Out, "chainseg.duckdb")}: it failed (as_of 2024-01-01 is before the first order line (2025-03-03), "
            + $"so no customer has an order to measure; set as_of (or --as-of) between 2025-03-03 and 2025-04-01), so it has no segments; closest complete runs: {good}.", run.Error.Trim());
    }

    [Fact]
    public void Compare_PreviousWithOneRun_SaysSoAndHowToGetOne()
    {
        using var runs = new TinyRuns();
        var only = runs.Run(Lines);

        var run = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: there is no previous complete run in {Path.Combine(runs.Out, "chainseg.duckdb")}, only the current one ({only}); "
            + "another `chainseg run` makes this one the previous.", run.Error.Trim());
    }
}

public sealed class CompareCommandTests(ArchivedRuns runs) : IClassFixture<ArchivedRuns>
{
    [Fact]
    public void Compare_RunWhoseTablesWereDroppedWithCurrent_UsesTheArchive()
    {
        using (var store = ChainSegStore.Open(Path.Combine(runs.Out, "chainseg.duckdb")))
            Assert.True(store.GetRun(runs.FirstRunId!)!.DataDropped);

        var run = CliRun.Invoke("compare", runs.FirstRunId!, "current", "--out", runs.Out);

        Assert.Equal("", run.Error);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains($"{runs.FirstRunId}:abc-xyz →", run.Output);
        // Same data and configuration every run: nobody changes segment, and the model is the same.
        Assert.Contains("adjusted Rand index: 1.000", run.Output);
        Assert.DoesNotContain("note:", run.Output);
    }
}
