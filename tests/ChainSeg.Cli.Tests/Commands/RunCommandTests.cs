namespace ChainSeg.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static void AssertOneLineError(CliRun run, string expectedStart)
    {
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Run_Help_NamesSegmentationAndPolicies()
    {
        // chainseg --help said run would "ingest and check the exports, compute customer metrics, write outputs": nothing of
        // the segments, policies and simulation every run writes (README "Where outputs go").
        var description = ChainSeg.Cli.Commands.RunCommand.Create(new CliContext(new Spectre.Console.Testing.TestConsole(), new StringWriter(), TimeProvider.System)).Description;

        Assert.Contains("segment customers", description, StringComparison.Ordinal);
        Assert.Contains("policies", description, StringComparison.Ordinal);
    }

    // A rules or RFM reason begins with its segment ("frequent: orders_per_month 6.3429 ≥ 1"), which the example line
    // printed after the segment again: "Example: 14646 is frequent: frequent: …" (found on Online Retail).
    [Theory]
    [InlineData("frequent", "frequent: orders_per_month 6.3429 ≥ 1", "Example: 14646 is frequent: orders_per_month 6.3429 ≥ 1")]
    [InlineData("Champions", "Champions: R 5, F 5, M 5 (cell 555)", "Example: 14646 is Champions: R 5, F 5, M 5 (cell 555)")]
    [InlineData("AY", "A by revenue: top 3.4 % cumulative (cut-off 80 %)", "Example: 14646 is AY: A by revenue: top 3.4 % cumulative (cut-off 80 %)")]
    [InlineData("core", "held in core: raw strategic for 1 of 2 consecutive periods", "Example: 14646 is core: held in core: raw strategic for 1 of 2 consecutive periods")]
    public void ExampleLine_SaysTheSegmentOnce(string segment, string reason, string expected) =>
        Assert.Equal(expected, ChainSeg.Cli.Commands.RunCommand.ExampleLine("14646", segment, reason));

    [Theory]
    [InlineData("", "OTIF (otif.order)")]
    [InlineData("metrics:\n  otif: { level: line }\n", "OTIF (otif.line)")]
    [InlineData("metrics:\n  otif: { in_full_tolerance: 0.05 }\n", "OTIF (otif.order[late=0,early=any,tol=0.05])")]
    public void Run_SegmentsTable_NamesTheRunsOtifDefinition(string config, string heading)
    {
        // The segments table headed its OTIF column "OTIF (otif.order)" whatever metrics.otif configured, beside a
        // metric_definitions.csv that named otif.line or a tolerance.
        var run = RunShipped("O1,A,X,2025-05-05,10,1\nO2,B,X,2025-05-06,10,1\n", "H1,O1,X,10,2025-05-08,2025-05-07\n", config);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains(heading, run.Output, StringComparison.Ordinal);
    }

    // Runs order lines and shipments (rows after their headers) under a chainseg.yaml.
    private CliRun RunShipped(string orderLines, string shipments, string config)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + orderLines);
        File.WriteAllText(Path.Combine(data, "shipments.csv"), "shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date\n" + shipments);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), config);
        return CliRun.Invoke("run", "--data", data, "--out", Path.Combine(_folder.Path, "out"));
    }

    // The summary names the alerts a run raised, by severity, in one line; without alerts: it says nothing is watched. A's
    // OTIF is 1 of 1, B's 0 of 1 (late): B's segment misses 0.95 by 95 points, a critical alert.
    [Theory]
    [InlineData("", "Alerts: none watched (no alerts: targets or drift limits in chainseg.yaml); KPIs by segment and period end in kpis_by_segment.csv")]
    [InlineData("alerts:\n  targets:\n    otif_rate: { target: 0.95, tolerance: 0.02 }\n", "Alerts: 1 (1 critical, 0 warning, 0 info) in alerts.csv; KPIs by segment in kpis_by_segment.csv")]
    public void Run_Summary_CountsTheAlertsInOneLine(string alerts, string expected)
    {
        var run = RunShipped("O1,A,X,2025-05-05,10,100\nO2,B,X,2025-05-06,10,1\n", "H1,O1,X,10,2025-05-08,2025-05-07\nH2,O2,X,10,2025-05-08,2025-05-09\n",
            TinyConfig.Segmentation(TinyConfig.BigFrom("tiers", 500)) + alerts);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains(expected, run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    // DEFINITIONS.md cost-to-serve: time-driven ABC reports unused capacity as its own line, never spread over customers.
    // Kaplan & Anderson 2004's customer service department: 121,400 of 700,000 minutes unused, $97,120 at $0.80 a minute.
    [Fact]
    public void UnusedCapacityLine_NamesEachTimeDrivenPoolsUnusedMinutesAndCost()
    {
        var line = ChainSeg.Cli.Commands.RunCommand.UnusedCapacityLine([new ChainSeg.Data.Metrics.PoolCapacity("customer_service", 560_000, 700_000, 578_600)]);

        Assert.Equal("Unused capacity (time-driven ABC, carried by no customer): customer_service 121,400 of 700,000 minutes (17.3 %), 97,120 at 0.80 a minute; run_summary.json unused_capacity", line);
        Assert.Null(ChainSeg.Cli.Commands.RunCommand.UnusedCapacityLine([]));
    }

    // The rate a minute to two significant digits at least: the demo's customer service, 0.0584 EUR a minute, read 0.06,
    // 3 % off, and a pool's rate below half a cent read 0.00.
    [Theory]
    [InlineData(326_566.85, 5_588_501.03, "0.058 EUR a minute")]
    [InlineData(1_000, 3_000_000, "0.00033 EUR a minute")]
    [InlineData(560_000, 700_000, "0.80 EUR a minute")]
    public void UnusedCapacityLine_RateBelowACent_ShowsItsSignificantDigits(double cost, double practical, string rate)
    {
        var line = ChainSeg.Cli.Commands.RunCommand.UnusedCapacityLine([new ChainSeg.Data.Metrics.PoolCapacity("customer_service", cost, practical, practical / 2)], "EUR");

        Assert.Contains($" at {rate};", line, StringComparison.Ordinal);
    }

    // currency: names the money on the console as in the files: each amount of the whale curve and unused capacity lines.
    [Fact]
    public void MoneyLines_CurrencySet_NameItBesideEachAmount()
    {
        var whale = new ChainSeg.Data.Finance.WhaleCurveSummary(2, 0, 51.02, 60.01, 1.1762, 1, 0.5, 1, 0.5, 8.99, 0.1762) { Definition = "whale.net_contribution[direct=freight,service_events]" };

        Assert.Equal("Whale curve (net contribution): peaks at 117.6 % of the total 51 GBP with the top 50.0 % of customers; the 50.0 % loss-making give back 9 GBP (17.6 % of the total); whale_curve.csv, segment_pnl.csv",
            ChainSeg.Cli.Commands.RunCommand.WhaleCurveLine(whale, "GBP"));
        Assert.Equal("Unused capacity (time-driven ABC, carried by no customer): customer_service 121,400 of 700,000 minutes (17.3 %), 97,120 USD at 0.80 USD a minute; run_summary.json unused_capacity",
            ChainSeg.Cli.Commands.RunCommand.UnusedCapacityLine([new ChainSeg.Data.Metrics.PoolCapacity("customer_service", 560_000, 700_000, 578_600)], "USD"));
    }

    // The run prints the configured code, capitals whatever case chainseg.yaml wrote it in.
    [Fact]
    public void Run_CurrencySet_TheWhaleCurveLineNamesIt()
    {
        var data = Path.Combine(_folder.Path, "costed");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount\nO1,A,X,2025-01-01,10,10,40\nO2,B,X,2025-01-01,1,10,1\n");
        File.WriteAllText(Path.Combine(data, "cost_pools.csv"), "activity,driver,annual_cost\norder_processing,orders,30\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "currency: gbp\n");

        var run = CliRun.Invoke("run", "--data", data, "--out", Path.Combine(_folder.Path, "costed-out"));

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Matches(@"Whale curve \(net contribution\): peaks at [0-9.]+ % of the total [0-9,-]+ GBP ", run.Output.ReplaceLineEndings(" "));
    }

    // net_contribution needs cost pools and costs of goods: the line said both were needed whatever the data held, so a run
    // with margin_amount and no cost_pools.csv pointed at unit_cost too. It names what is missing, as metric_without_values does.
    [Theory]
    [InlineData(",40", ",1", false, "Whale curve: not measured: net_contribution needs cost_pools; none is in the data")]
    [InlineData(",", ",", true, "Whale curve: not measured: net_contribution needs products.unit_cost or order_lines.margin_amount; neither is in the data")]
    [InlineData(",", ",", false, "Whale curve: not measured: net_contribution needs cost_pools and a cost of goods (products.unit_cost or order_lines.margin_amount); none is in the data")]
    [InlineData(",40", ",", true, "Whale curve: not measured: no customer has a net_contribution: each has an order line without a cost (products.unit_cost or order_lines.margin_amount)")]
    public void Run_WhaleCurveNotMeasured_NamesOnlyWhatIsMissing(string marginA, string marginB, bool pools, string expected)
    {
        var data = Path.Combine(_folder.Path, "uncosted");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount\n"
            + $"O1,A,X,2025-01-01,10,10{marginA}\nO2,B,X,2025-01-01,1,10{marginB}\nO3,A,X,2025-01-02,1,10,\n");
        if (pools)
            File.WriteAllText(Path.Combine(data, "cost_pools.csv"), "activity,driver,annual_cost\norder_processing,orders,30\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "");

        var run = CliRun.Invoke("run", "--data", data, "--out", Path.Combine(_folder.Path, "uncosted-out"));

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains(expected, run.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownFlag_OneLineAndExitCode2()
    {
        var run = CliRun.Invoke("run", "--out", _folder.Path, "--colour");
        AssertOneLineError(run, "error: Unrecognized command or argument '--colour'.");
        Assert.EndsWith("See 'chainseg run --help'.", run.Error.Trim());
    }

    [Fact]
    public void Run_MissingRequiredOut_OneLineAndExitCode2() =>
        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path), "error: Option '--out' is required.");

    // An empty path (an unset shell variable: --out "$OUT") said "Cannot parse argument '' for option '--out' as expected
    // type 'System.IO.DirectoryInfo'": a .NET type, where the flag wants a folder or a file.
    [Theory]
    [InlineData("--out", "error: --out is empty; pass a folder. See 'chainseg run --help'.")]
    [InlineData("--data", "error: --data is empty; pass a folder. See 'chainseg run --help'.")]
    [InlineData("--config", "error: --config is empty; pass a file. See 'chainseg run --help'.")]
    public void Run_EmptyPath_OneLineNamingTheFlagWithoutDotNetTypes(string flag, string expected)
    {
        string[] args = ["run", "--out", _folder.Path, "--data", _folder.Path, "--config", Path.Combine(_folder.Path, "chainseg.yaml")];
        args[Array.IndexOf(args, flag) + 1] = "";
        var run = CliRun.Invoke(args);
        AssertOneLineError(run, expected);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingDataFolder_OneLineAndExitCode2() =>
        AssertOneLineError(CliRun.Invoke("run", "--data", Path.Combine(_folder.Path, "nope"), "--out", _folder.Path, "-q"), "error: data folder not found:");

    [Fact]
    public void Run_MissingConfigFile_OneLineAndExitCode2() =>
        AssertOneLineError(CliRun.Invoke("run", "--config", Path.Combine(_folder.Path, "nope.yaml"), "--out", _folder.Path, "-q"), "error: config file not found:");

    // A path of the wrong kind was reported as missing ("data folder not found: …/customers.csv", "config file not found:
    // …/data"), or in DuckDB's words for a store that is a folder ("IO Error: Could not read from file …: Is a directory").
    [Theory]
    [InlineData("--data", "data/order_lines.csv", "error: --data {0}/data/order_lines.csv is a file; pass the folder that holds the exports ({0}/data), or a chainseg.yaml with --config.")]
    [InlineData("--config", "data", "error: --config {0}/data is a folder; pass the chainseg.yaml in it ({0}/data/chainseg.yaml), or the folder of exports with --data.")]
    [InlineData("--store", "data", "error: cannot open store {0}/data: it is a folder; pass the store file in it (--store duckdb:{0}/data/chainseg.duckdb).")]
    [InlineData("sources", "data", "error: sources.order_lines: path data is a folder; name the export in it (path: data/order_lines.csv), or all of them with a pattern (*.csv).")]
    public void Run_PathOfTheWrongKind_OneLineNamingWhatItIs(string flag, string value, string expected)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var config = Path.Combine(_folder.Path, "chainseg.yaml");
        File.WriteAllText(config, "sources:\n  order_lines:\n    path: data\n");
        var path = Path.Combine(_folder.Path, value);
        string[] args = flag switch
        {
            "--data" => ["--data", path],
            "--config" => ["--config", path],
            "--store" => ["--data", data, "--store", "duckdb:" + path],
            _ => ["--config", config],
        };

        AssertOneLineError(CliRun.Invoke(["run", .. args, "--out", Path.Combine(_folder.Path, "out"), "-q"]), string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, _folder.Path));
    }

    [Fact]
    public void Run_MappingNamesUnknownColumn_OneLineNamingColumnAndFile()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "x.csv"), "a,b,c,d,e,f\n");
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"),
            "sources:\n  order_lines:\n    path: x.csv\n    columns: { order_id: a, customer_id: b, sku: c, order_date: d, quantity: e, unit_price: price }\n");
        AssertOneLineError(CliRun.Invoke("run", "--config", Path.Combine(_folder.Path, "chainseg.yaml"), "--out", Path.Combine(_folder.Path, "out"), "-q"),
            "error: sources.order_lines.columns.unit_price: column 'price' not found in x.csv");
    }

    [Fact]
    public void Run_SourceFileMissing_OneLineNamingTableAndPath()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), "sources:\n  order_lines:\n    path: exports/orders-2025.csv\n");
        var output = Path.Combine(_folder.Path, "out");
        AssertOneLineError(CliRun.Invoke("run", "--config", Path.Combine(_folder.Path, "chainseg.yaml"), "--out", output, "-q"),
            $"error: sources.order_lines: file not found: exports/orders-2025.csv (looked in {_folder.Path}). Fix the path.");
        Assert.False(Directory.Exists(output));
    }

    // --data OUT/quarantine with --out OUT (here written OUT/quarantine/..): the run replaced the exports with its
    // quarantine files of the same names and said nothing (exit 0). Refused in one line naming both folders.
    [Fact]
    public void Run_OutHoldsTheDataFolderWhereItPublishes_OneLineAndTheExportsKept()
    {
        var output = Path.Combine(_folder.Path, "results");
        var data = Path.Combine(output, "quarantine");
        Directory.CreateDirectory(data);
        const string orders = "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n";
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), orders);

        AssertOneLineError(CliRun.Invoke("run", "--data", data, "--out", Path.Combine(data, ".."), "-q"),
            $"error: --out {output} would replace the input {Path.Combine(data, "order_lines.csv")} with the run's quarantine/order_lines.csv when it publishes; pass an --out apart from the data folder {data} (neither it nor a folder that holds it).");

        Assert.Equal(orders, File.ReadAllText(Path.Combine(data, "order_lines.csv")));
    }

    // --store OUT/assignments with --out OUT: the store's log would be named assignments.csv, so publishing kept that output
    // out of the folder and failed, once the run had done all its work, with its internal "output paths must be relative
    // paths inside the output folder". Refused before the run in one line naming the store, the output and the fix.
    [Fact]
    public void Run_StoreNamedAsAnOutputInOut_OneLineBeforeTheRunAndNoStore()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "results");
        Directory.CreateDirectory(output);
        var store = Path.Combine(output, "assignments");

        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "--store", "duckdb:" + store, "-q"),
            $"error: --store {store} collides with the run's output assignments.csv in --out {output}; name the store otherwise (e.g. chainseg.duckdb) or place it outside --out.");

        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    // --as-of "" (an unset shell variable: --as-of "$AS_OF") ran as of the latest order date without a word, as if left
    // out, where an empty --store or --config is refused: which date was meant is unknown.
    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Run_EmptyAsOf_OneLineAndNothingWritten(string asOf)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");

        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "--as-of", asOf, "-q"),
            "error: --as-of is empty; write a date as yyyy-MM-dd, or leave --as-of out for the latest order date.");

        Assert.False(Directory.Exists(output));
    }

    // A run refused after it had made its --out folder (and the parents it lacked) left them behind, empty: an --as-of before
    // the first order is found once the lines are read into a store kept elsewhere. A folder that was there stays.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_RefusedAfterMakingItsOutFolder_RemovesTheFoldersItMadeOnly(bool outExisted)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var parent = Path.Combine(_folder.Path, "results");
        var output = Path.Combine(parent, "2025", "q1");
        if (outExisted)
            Directory.CreateDirectory(output);

        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "--store", "duckdb:" + Path.Combine(_folder.Path, "store", "chainseg.duckdb"),
            "--as-of", "2020-01-01", "-q"), "error: as_of 2020-01-01 is before the first order line (2025-01-01)");

        Assert.Equal(outExisted, Directory.Exists(output));
        Assert.Equal(outExisted, Directory.Exists(parent));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "store", "chainseg.duckdb")));
    }

    // A window without orders (a gap in the data under a short window:, or --as-of past the last order) was refused in
    // the name of whichever model failed first ("segmentation.models.abc-xyz: no customer has an order …"), though the
    // cause is window: and as_of, the same for every model.
    [Theory]
    [InlineData("2025-01-06", "2025-01-05")]
    [InlineData("2025-03-31", "2025-03-30")]
    public void Run_WindowWithoutOrders_OneLineNamingTheWindowAndAsOfWithoutAModel(string asOf, string windowStart)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\nSO-2,C2,X,2025-01-10,3,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), "window: 2 days\n");

        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--config", Path.Combine(_folder.Path, "chainseg.yaml"), "--out", Path.Combine(_folder.Path, "out"),
            "--as-of", asOf, "-q"), $"error: no customer has an order in the window from {windowStart} to as_of {asOf}, so there is nothing to segment; " +
            "widen window: or set as_of (or --as-of) to a date with orders in the window before it.");
    }

    // A run refused once its store holds the run (here at metrics, after ingestion) keeps a new --out folder the store lies
    // in, as it keeps the default store chainseg.duckdb there: the store records the refused run as failed, with the
    // message, and a folder with that record in it is not one the command left empty. (Refusals before the store is
    // opened remove the folder: Run_SourceFileMissing_OneLineNamingTableAndPath.)
    [Theory]
    [InlineData("store")]
    [InlineData(null)]
    public void Run_RefusedWithItsStoreInsideANewOutFolder_KeepsTheFolderWhoseStoreRecordsTheFailedRun(string? storeFolder)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "results", "q1");
        var storePath = storeFolder is null ? Path.Combine(output, "chainseg.duckdb") : Path.Combine(output, storeFolder, "s.duckdb");
        string[] store = storeFolder is null ? [] : ["--store", "duckdb:" + storePath];

        AssertOneLineError(CliRun.Invoke(["run", "--data", _folder.Path, "--out", output, .. store, "--as-of", "2020-01-01", "-q"]),
            "error: as_of 2020-01-01 is before the first order line (2025-01-01)");

        using var opened = ChainSeg.Data.Store.ChainSegStore.OpenReadOnly(storePath);
        var run = Assert.Single(opened.Runs());
        Assert.Equal("failed", run.Status);
        Assert.StartsWith("as_of 2020-01-01 is before the first order line", run.Error, StringComparison.Ordinal);
        Assert.Null(opened.CurrentRun());
    }

    [Fact]
    public void Run_OutIsAFile_OneLineNamingTheFlagAndTheFileIsKept()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var file = Path.Combine(_folder.Path, "results");
        File.WriteAllText(file, "keep me\n");
        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", file, "-q"), $"error: --out {file} is a file; pass a folder (it is created when missing).");
        Assert.Equal("keep me\n", File.ReadAllText(file));
    }

    // European exports are often ';'-separated, others tab-separated: read with the default ',' the header is one column,
    // and the message says which delimiter to configure; configured as it says, the run goes through.
    [Theory]
    [InlineData(";", "';'", "delimiter: ';'")]
    [InlineData("\t", "tabs", "delimiter: \"\\t\"")]
    public void Run_HeaderSeparatedOtherwise_NamesTheDelimiterToConfigure(string separator, string named, string yaml)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            string.Join(separator, "order_id", "customer_id", "sku", "order_date", "quantity", "unit_price") + "\n" + string.Join(separator, "SO-1", "C1", "X", "2025-01-01", "2", "5") + "\n");
        var output = Path.Combine(_folder.Path, "out");
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");
        AssertOneLineError(run, "error: sources.order_lines: required column 'order_id' is not mapped");
        Assert.EndsWith($"The header looks separated by {named}: in chainseg.yaml give sources.order_lines path: order_lines.csv and {yaml}.", run.Error.Trim());

        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), $"sources:\n  order_lines:\n    path: order_lines.csv\n    {yaml}\n");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q").ExitCode);
        Assert.Contains("C1,", File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
    }

    // Exports under their own names and headers: the run names inspect, and the config it drafts runs.
    [Fact]
    public void Run_ExportsUnderOtherNames_PointsToInspectWhoseDraftRuns()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "sales.csv"), "Invoice,Customer,Item,Date,Qty,Price\nSO-1,C1,X,2025-01-01,2,5\nSO-2,C2,X,2025-01-02,1,5\n");
        var output = Path.Combine(_folder.Path, "out");
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");
        AssertOneLineError(run, $"error: no order_lines source in {_folder.Path} (the folder has: sales.csv)");
        Assert.EndsWith($"(chainseg inspect {_folder.Path} drafts it from the exports).", run.Error.Trim());

        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), CliRun.Invoke("inspect", _folder.Path).Output);
        var drafted = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");
        Assert.Equal((ChainSegApp.Ok, ""), (drafted.ExitCode, drafted.Error));
        Assert.Contains("\"rows_accepted\": 2", File.ReadAllText(Path.Combine(output, "quality.json")));
    }

    // An ERP list export: a title, an export date and a blank line above the header, Windows line ends. The header is
    // found below them, rows are numbered from it, and a rejected line is quarantined as written.
    [Fact]
    public void Run_DataWithinOneQuarter_SaysStabilityIsNotMeasured()
    {
        // Orders from 2025-11-10 on leave no quarter end before as_of (2025-12-20) to compare with: the run printed no
        // stability line at all, and stability_summary.csv was empty without a word.
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-11-10,1,5\nSO-2,C2,X,2025-12-01,2,5\nSO-3,C1,X,2025-12-20,1,5\n");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"));

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("Stability: not measured: one period end (2025-12-20); it needs segmentation.stability.periods of 2 or more and orders before the previous period end", run.Output.ReplaceLineEndings(" "));
    }

    [Fact]
    public void Run_CsvWithTitleLinesAndCrlf_ReadsBelowTheTitleAndNumbersRowsFromTheHeader()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), string.Join("\r\n",
            "Sales report 2025", "Exported: 2025-03-01", "", "order_id,customer_id,sku,order_date,quantity,unit_price",
            "SO-1,C1,X,2025-01-01,1,5", "SO-2,C2,Y,2025-01-01,1,5,extra", "SO-3,C3,Z,2025-02-30,1,5", "SO-4,C3,Z,2025-01-03,1,5", ""));
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var quality = File.ReadAllText(Path.Combine(output, "quality.json"));
        Assert.Contains("\"rows_read\": 4", quality);
        Assert.Contains("\"rows_accepted\": 2", quality);
        var quarantine = File.ReadAllLines(Path.Combine(output, "quarantine", "order_lines.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal([("2", "malformed_row"), ("3", "unparseable")], quarantine.Select(q => (q[1], q[2])));
        Assert.EndsWith(",\"SO-2,C2,Y,2025-01-01,1,5,extra\"", File.ReadAllLines(Path.Combine(output, "quarantine", "order_lines.csv"))[1]);
        // inspect names the header's line, which the run found by itself, so the draft reads the same rows.
        Assert.Contains("  order_lines:\n    path: 'order_lines.csv'\n    header_row: 4\n    columns:\n      order_id: 'order_id'\n",
            CliRun.Invoke("inspect", Path.Combine(_folder.Path, "order_lines.csv")).Output.ReplaceLineEndings("\n"));
    }

    // An export with its header alone: order lines said "check that it is the export you meant", and customers or products
    // (which every order line must reference) failed the run as "no order line was accepted (3 read; quarantined as
    // unknown_reference:customer_id 3)" while validate passed them. Both now say which file is empty and what to do.
    [Theory]
    [InlineData("order_lines.csv", "so there is nothing to measure; export at least one order line into it, or point sources.order_lines.path at the export that holds them.")]
    [InlineData("customers.csv", "so every order line's customer_id is unknown (quarantined as unknown_reference); export the customers into it, or leave it out (order lines are then not checked against it).")]
    [InlineData("products.csv", "so every order line's sku is unknown (quarantined as unknown_reference); export the products into it, or leave it out (order lines are then not checked against it).")]
    public void RunAndValidate_ExportWithItsHeaderAlone_OneLineNamingTheFileAndTheFix(string empty, string consequenceAndFix)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,2,5\nSO-2,C2,X,2025-02-03,1,5\nSO-3,C1,Y,2025-03-03,1,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "customers.csv"), "customer_id,name\nC1,Acme\nC2,Brill\n");
        File.WriteAllText(Path.Combine(_folder.Path, "products.csv"), "sku,description\nX,Bolt\nY,Nut\n");
        File.WriteAllText(Path.Combine(_folder.Path, empty), File.ReadLines(Path.Combine(_folder.Path, empty)).First() + "\n");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "-q");
        var validate = CliRun.Invoke("validate", "--data", _folder.Path, "-q");

        var expected = $"error: {empty} has a header but no rows, {consequenceAndFix}";
        Assert.Equal((ChainSegApp.UsageError, expected), (run.ExitCode, run.Error.Trim()));
        Assert.Equal((ChainSegApp.UsageError, expected), (validate.ExitCode, validate.Error.Trim()));
    }

    // metrics.fill.order picks DEFINITIONS.md fill.order's variant; a value ChainSeg does not read would measure one the user
    // did not ask for, so run and validate refuse it before any data is read, with the value meant.
    [Theory]
    [InlineData("after_backorder", " (did you mean 'after_backorders'?)")]
    [InlineData("first", " (did you mean 'first_time'?)")]
    [InlineData("complete", "")]
    public void RunAndValidate_FillOrderNotUnderstood_OneLineWithTheValueMeantAndExitCode2(string value, string hint)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,2,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), $"metrics:\n  fill: {{ order: {value} }}\n");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "-q");
        var validate = CliRun.Invoke("validate", "--data", _folder.Path, "-q");

        var expected = $"error: metrics.fill.order '{value}' is not understood{hint}; use first_time (the default: filled by the first ship date's shipments) or after_backorders (by every shipment known by the period end).";
        Assert.Equal((ChainSegApp.UsageError, expected), (run.ExitCode, run.Error.Trim()));
        Assert.Equal((ChainSegApp.UsageError, expected), (validate.ExitCode, validate.Error.Trim()));
    }

    [Fact]
    public void Run_BinaryFileAsOrderLines_ShortReadableLine()
    {
        var bytes = new byte[4000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(_folder.Path, "order_lines.csv"), bytes);
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "-q");
        // Read as text, its bytes made a header of garbage, and the message asked to map a column named by it.
        AssertOneLineError(run, "error: sources.order_lines: order_lines.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.");
        Assert.DoesNotContain(run.Error.Trim(), c => char.IsControl(c) || c == '\uFFFD');
    }

    // Day-first dates in an export read without formats: most lines are quarantined as unparseable, and the run says which
    // setting reads them (quality.json keeps the same advice); configured as it says, every line is accepted.
    [Fact]
    public void Run_MostDatesInAnUndeclaredLayout_WarnsWithTheSettingAndASample()
    {
        var rows = Enumerable.Range(1, 20).Select(i => $"SO-{i},C{i % 5},X,{i % 28 + 1:00}/03/2025,2,5").Prepend("SO-0,C1,X,2025-03-01,1,1");
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", rows) + "\n");
        var (run, runQuality, configured, output) = RunThenConfigure("formats: { order_date: dd/MM/yyyy }");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("warning: order_lines: 20 of 21 rows (95.2 %) have an unparseable order_date, such as '02/03/2025'; they read as dates "
            + "laid out dd/MM/yyyy: name it under sources.order_lines.formats (order_date: dd/MM/yyyy).", run.Error.Trim());
        Assert.Contains("such as '02/03/2025'", runQuality);
        Assert.Equal(ChainSegApp.Ok, configured.ExitCode);
        Assert.Equal("", configured.Error);
        Assert.Contains("\"rows_accepted\": 20", File.ReadAllText(Path.Combine(output, "quality.json")));
    }

    // ARCHITECTURE.md §5: --quiet prints only errors; the advice stays in quality.json.
    [Fact]
    public void Run_QuietWithAdvice_PrintsNothingAndKeepsTheAdviceInQuality()
    {
        var rows = Enumerable.Range(1, 20).Select(i => $"SO-{i},C{i % 5},X,{i % 28 + 1:00}/03/2025,2,5").Prepend("SO-0,C1,X,2025-03-01,1,1");
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", rows) + "\n");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "--quiet");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("", run.Output + run.Error);
        Assert.Contains("name it under sources.order_lines.formats (order_date: dd/MM/yyyy)", File.ReadAllText(Path.Combine(output, "quality.json")));
    }

    // The backup a run of another store left when it died while publishing (its previous outputs and the manifest of what
    // it had placed) stayed hidden in --out, unsaid: the run now names it on the error stream, as run_summary.json lists it,
    // and leaves it as it is; --quiet prints it not.
    [Fact]
    public void Run_OutHoldsTheBackupOfARunAnotherStoreRecorded_WarnsNamingTheFolderAndKeepsIt()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");
        var backup = Path.Combine(output, ".backup-20250101T000000Z-abcdef");
        Directory.CreateDirectory(backup);
        File.WriteAllText(Path.Combine(backup, "customer_metrics.csv"), "the previous outputs");
        File.WriteAllText(Path.Combine(backup, ".published"), "customer_metrics.csv\nrun_summary.json\n");
        WriteCostedProduct();

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output);
        var quiet = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal($"warning: backup_of_another_store: {backup} holds the outputs {output} had before run 20250101T000000Z-abcdef began to publish; "
            + $"that run is not in the store {Path.Combine(output, "chainseg.duckdb")} (it was made with another --store, and died while publishing or is publishing now), "
            + $"so this run leaves the folder alone. To restore or clear it, run again into {output} with that run's --store; to keep those outputs without that store, "
            + $"move its files elsewhere by hand (moved back into {output} they would replace this run's), then delete the folder.", run.Error.Trim());
        Assert.Equal((ChainSegApp.Ok, ""), (quiet.ExitCode, quiet.Output + quiet.Error));
        Assert.Equal("the previous outputs", File.ReadAllText(Path.Combine(backup, "customer_metrics.csv")));
        Assert.True(File.Exists(Path.Combine(backup, ".published")));
    }

    // DEFINITIONS.md: "Warn when a policy set has no product axis". Order lines alone give no cost of goods, so no SKU's
    // margin can be judged: the run says so on the error stream, naming what to add; --quiet prints it not.
    [Fact]
    public void Run_NoProductCost_WarnsThatTheProductAxisHasNoMargins()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output);
        var quiet = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("warning: no_product_axis: no products source is given and order_lines has no margin_amount, so no SKU's gross margin can be judged "
            + "and Fisher's product axis (functional or innovative, product_classes.csv) rests on forecast error and life alone; "
            + "add a products source with unit_cost, or map margin_amount on order_lines.", run.Error.Trim().Split('\n')[0]);
        // Without a unit cost the stock's carrying cost is unknown too: segment_pnl says so in its own warning.
        Assert.StartsWith("warning: carrying_cost_unknown:", run.Error.Trim().Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(2, run.Error.Trim().Split('\n').Length);
        Assert.Equal((ChainSegApp.Ok, ""), (quiet.ExitCode, quiet.Output + quiet.Error));
    }

    [Fact]
    public void Run_MetricsRolledUp_CountsCustomersAndTheAccountsTheyRollInto()
    {
        // Four customers: P (head office, no orders of its own) with branches B1 and B2 (B2 a branch of B1), and S on its
        // own. metrics.roll_up_hierarchy measures the two accounts P and S (customer_metrics.csv has those two rows), but the
        // run said "2 customers measured" and run_summary.json "customers": 2, with nothing saying the rows were accounts.
        File.WriteAllText(Path.Combine(_folder.Path, "customers.csv"), "customer_id,parent_id\nP,\nB1,P\nB2,B1\nS,\n");
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,B1,X,2025-03-03,1,5\nSO-2,B2,X,2025-03-04,2,5\nSO-3,S,X,2025-03-05,1,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), "metrics: { roll_up_hierarchy: true }\n");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal(["P", "S"], File.ReadLines(Path.Combine(output, "customer_metrics.csv")).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("4 customers measured as 2 accounts (metrics.roll_up_hierarchy).", run.Output.ReplaceLineEndings(" "));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run_summary.json")));
        Assert.Equal((4, 2), (summary.RootElement.GetProperty("customers").GetInt32(), summary.RootElement.GetProperty("accounts").GetInt32()));
    }

    [Fact]
    public void Run_PricesWithThousandsSeparators_NamesTheCultureThatReadsThem()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,\"1,234.50\"\nSO-2,C1,X,2025-01-02,2,\"2,000.00\"\nSO-3,C1,X,2025-01-02,1,1\n");
        var (run, _, configured, output) = RunThenConfigure("culture: en-US");

        Assert.EndsWith("they read as numbers in en-US: name it under sources.order_lines (culture: en-US).", run.Error.Trim());
        Assert.Equal("", configured.Error);
        Assert.Contains("C1,,,,,,6470.0,", File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
    }

    // A Latin-1 export read as UTF-8 loses exactly the rows with accents (Müller): one is enough for the warning.
    [Fact]
    public void Run_Latin1ExportReadAsUtf8_WarnsAndTheEncodingSettingKeepsTheRow()
    {
        File.WriteAllBytes(Path.Combine(_folder.Path, "order_lines.csv"), System.Text.Encoding.Latin1.GetBytes(
            "order_id,customer_id,sku,order_date,quantity,unit_price,channel\nSO-1,C1,X,2025-01-01,2,5,Müller\nSO-2,C2,X,2025-01-02,1,5,web\n"));
        var (run, _, configured, output) = RunThenConfigure("encoding: latin-1");

        Assert.Equal("warning: order_lines: 1 row is not valid utf-8 text, quarantined as malformed; if the export is in another encoding, "
            + "name it under sources.order_lines (for example encoding: latin-1).", run.Error.Trim());
        Assert.Equal("", configured.Error);
        Assert.Contains("\"rows_accepted\": 2", File.ReadAllText(Path.Combine(output, "quality.json")));
    }

    // With no line accepted the run fails before publishing anything, so the one line itself says what became of them.
    [Fact]
    public void Run_NoLineAccepted_OneLineWithTheReasonsAndTheAdvice()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-01,1,abc\nSO-2,C1,X,2025-03-02,1,1.234,5\n");
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "-q");
        AssertOneLineError(run, "error: no order line was accepted (2 read; quarantined as ");
        Assert.Contains("unparseable:unit_price", run.Error);
        Assert.Contains("if the export writes numbers another way, name how under sources.order_lines (for example culture: de-DE)", run.Error);
    }

    [Fact]
    public void Run_DataIsARunsOutputFolder_SaysSoAndWhereTheInputsAreListed()
    {
        // --data and --out swapped, or the results folder passed as data: the message listed the outputs as if they were
        // exports and suggested drafting a configuration from them with inspect.
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var results = Path.Combine(_folder.Path, "results");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", _folder.Path, "--out", results, "-q").ExitCode);

        var run = CliRun.Invoke("run", "--data", results, "--out", Path.Combine(_folder.Path, "other"), "-q");

        AssertOneLineError(run, $"error: no order_lines source in {results}: it is the output folder of a run (it has run_summary.json), not a folder of exports; "
            + $"pass --data with the exports the run read (inputs in {Path.Combine(results, "run_summary.json")}).");
    }

    [Fact]
    public void Run_BadAsOf_OneLineAndExitCode2() =>
        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", _folder.Path, "--as-of", "31/12/2025", "-q"), "error: --as-of '31/12/2025' is not a date");

    // An --as-of after tomorrow segmented a future no order has reached (every customer's recency grew by the gap), exit 0.
    // Dates relative to the clock the run reads; tomorrow is allowed, as ingestion allows an order dated tomorrow.
    [Fact]
    public void Run_AsOfAfterTomorrow_OneLineNamingTheFixAndExitCode2()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var future = today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");

        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "--as-of", future, "-q"),
            $"error: --as-of {future} is in the future (today is {today:yyyy-MM-dd}), so no order has reached it; give a date up to tomorrow, or leave --as-of out for the latest order date.");
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_AsOfTomorrow_Runs()
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "--as-of", tomorrow, "-q");

        Assert.True(run.ExitCode == ChainSegApp.Ok, run.Error);
    }

    [Fact]
    public void Run_AsOfYear9999_OneLineNamingTheRangeAndExitCode2() =>
        AssertOneLineError(CliRun.Invoke("run", "--data", _folder.Path, "--out", _folder.Path, "--as-of", "9999-12-31", "-q"),
            "error: --as-of 9999-12-31 is outside the dates ChainSeg reads (1900-01-01 to 2199-12-31)");

    [Theory]
    // 5 customers, 2 clusters at least: min_share 0.45 resolves to ⌈0.45·5⌉ = 3 members, 2 × 3 = 6 > 5; ⌊5/2⌋ = 2 members fit,
    // a share of 2/5 = 0.4. The message said "lower the minimum or the number of clusters" and named max_segments as that
    // number, whose lowering could not help: the fewest clusters tried are min_segments.
    [InlineData("size: { min_share: 0.45 }", "2 clusters × minimum 3 (share 0.45) = 6 members, but there are only 5 points; lower the minimum to 2 (share 0.4 or less) or the number of clusters "
        + "(points are the customers clustered; size.min_share and size.max_share set the minimum and maximum per cluster, min_segments and max_segments the range of cluster counts).")]
    // 5 customers, 3 distinct revenues, so k ≤ 3 although max_segments is 4 (4 × 0.3 ≥ 1 passes the settings check): max_share
    // 0.3 resolves to ⌊0.3·5⌋ = 1 member, 3 × 1 = 3 < 5; ⌈5/3⌉ = 2 members are needed, a share of 2/5 = 0.4.
    [InlineData("size: { max_share: 0.3 }", "3 clusters × maximum 1 (share 0.3) = 3 members, fewer than the 5 points; raise the maximum to 2 (share 0.4 or more): the 5 points hold only 3 distinct profiles")]
    public void Run_KMeansSizeLimitsTheCustomersCannotMeet_OneLineWithTheValueThatFits(string size, string expected)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + "O1,C1,X,2026-03-20,1,10\nO2,C2,X,2026-03-20,1,10\nO3,C3,X,2026-03-20,1,50\nO4,C4,X,2026-03-20,1,200\nO5,C5,X,2026-03-20,1,200\n");
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"),
            $"segmentation:\n  models:\n    b:\n      method: kmeans\n      dimensions: [revenue]\n      min_segments: 2\n      max_segments: 4\n      {size}\n");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", Path.Combine(_folder.Path, "out"), "-q");

        AssertOneLineError(run, "error: segmentation.models.b: cluster size limits cannot be met: ");
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CanonicalFolder_PrintsQualityTableAndWritesOutputs()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\nSO-2,,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("order_lines", run.Output);
        Assert.Contains("missing_required:customer_id 1", run.Output);
        Assert.Contains("1 customer measured", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "customer_metrics.csv")));
    }

    // Runs the folder's order_lines.csv as it is, then again with the one setting the first run advised (a chainseg.yaml
    // naming the file and the setting); the first run's quality.json is kept for the test to read.
    // Without --quiet, which prints only errors: the advice is a warning.
    private (CliRun Run, string RunQuality, CliRun Configured, string Output) RunThenConfigure(string setting)
    {
        var output = Path.Combine(_folder.Path, "out");
        WriteCostedProduct();
        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output);
        var quality = File.ReadAllText(Path.Combine(output, "quality.json"));
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), $"sources:\n  products:\n    path: products.csv\n  order_lines:\n    path: order_lines.csv\n    {setting}\n");
        return (run, quality, CliRun.Invoke("run", "--data", _folder.Path, "--out", output), output);
    }

    // SKU X with a unit cost, so a run's only warning is the one under test: without a cost to judge margins by, every run
    // also warns no_product_axis (Run_NoProductCost_WarnsThatTheProductAxisHasNoMargins).
    private void WriteCostedProduct() => File.WriteAllText(Path.Combine(_folder.Path, "products.csv"), "sku,unit_cost\nX,3\n");

    public void Dispose() => _folder.Dispose();
}
