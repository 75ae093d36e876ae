using ChainSeg.Cli.Commands;
using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class RouteCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>A run whose chainseg.yaml sends every segment by cross-dock in 5 business days for a flat 25.</summary>
    private string RunWithCrossDockPolicy()
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,2,5\nSO-2,C1,X,2025-02-03,1,5\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"),
            "policies:\n  default: { csl: 0.9, route: cross_dock, lead_time_days: 5, cutoff: \"12:00\", surcharge: \"25\" }\n");
        var output = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,C1,2025-03-03 09:00\n");
        return output;
    }

    private string[] Route(string results, params string[] extra)
    {
        var routed = Path.Combine(_folder.Path, "routed-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        var run = CliRun.Invoke(["route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results, .. extra]);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var lines = File.ReadAllLines(routed);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        return [row[Array.IndexOf(header, "route")], row[Array.IndexOf(header, "promised_date")], row[Array.IndexOf(header, "surcharge")]];
    }

    // route makes the folder of its --out file, then reads the orders: refused for them, it left that folder behind, empty.
    [Fact]
    public void Route_OrdersRefusedAfterMakingTheOutFolder_RemovesIt()
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id\nN-1,C1\n");
        var folder = Path.Combine(_folder.Path, "routing", "march");

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(folder, "routed.csv"), "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: orders.csv", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "routing")));
    }

    // The guard compared paths as written: a symbolic link to the orders file or to a run's output, the store reached through
    // a linked folder, or --orders given through a link, were overwritten all the same, exit 0. The ../ spelling passed already.
    [Theory]
    [InlineData("alias.csv", "orders.csv", "orders.csv", "alias.csv", "orders.csv", "the --orders file")]
    [InlineData("elsewhere/assignments.csv", "out/assignments.csv", "orders.csv", "elsewhere/assignments.csv", "out/assignments.csv", "an output of the run in ")]
    [InlineData("outlink", "out", "orders.csv", "outlink/chainseg.duckdb", "out/chainseg.duckdb", "the run's store")]
    [InlineData("orders-link.csv", "orders.csv", "orders-link.csv", "orders.csv", "orders.csv", "the --orders file")]
    [InlineData(null, null, "orders.csv", "out/../orders.csv", "orders.csv", "the --orders file")]
    public void Route_OutIsALinkOrOtherSpellingOfAFileItMustKeep_Refused(string? link, string? linkTarget, string orders, string output, string kept, string what)
    {
        var results = RunWithCrossDockPolicy();
        if (link is not null)
        {
            var (at, to) = (Path.Combine(_folder.Path, link), Path.Combine(_folder.Path, linkTarget!));
            Directory.CreateDirectory(Path.GetDirectoryName(at)!);
            _ = Directory.Exists(to) ? Directory.CreateSymbolicLink(at, to) : File.CreateSymbolicLink(at, to);
        }
        var before = File.ReadAllBytes(Path.Combine(_folder.Path, kept));

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, orders), "--out", Path.Combine(_folder.Path, output), "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: --out {Path.GetFullPath(Path.Combine(_folder.Path, output))} is {what}", run.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_folder.Path, kept)));
    }

    [Fact]
    public void Route_WithoutConfig_AppliesThePoliciesTheRunWasMadeWith()
    {
        var results = RunWithCrossDockPolicy();

        // Monday 09:00 is before the 12:00 cut-off: day 0 is that Monday, + 5 business days = next Monday.
        Assert.Equal(["cross_dock", "2025-03-10", "25.00"], Route(results));
    }

    [Fact]
    public void Route_ExplicitConfig_OverridesTheRunsPolicies()
    {
        var results = RunWithCrossDockPolicy();
        var other = Path.Combine(_folder.Path, "other.yaml");
        File.WriteAllText(other, "policies:\n  default: { csl: 0.9, route: drop_ship, lead_time_days: 2 }\n");

        var decision = Route(results, "--config", other);

        Assert.Equal("drop_ship", decision[0]);
        Assert.Equal("2025-03-05", decision[1]);
    }

    // A service policy or product class cell for a segment nobody is in (a misspelt AXX) routed every order on the fallback
    // policy without a word, exit 0, while allocate warned of the same configuration. route warns of the settings it reads;
    // a shortage rule is read by allocate alone, which warns of it.
    [Fact]
    public void Route_PolicyForASegmentNobodyIsIn_WarnsNamingTheSettingAndTheRunsSegments()
    {
        var results = RunWithCrossDockPolicy();
        var config = Path.Combine(_folder.Path, "typo.yaml");
        File.WriteAllText(config, "policies:\n  segments:\n    AXX: { csl: 0.98, lead_time_days: 1, priority: 1 }\n" +
            "  product_classes:\n    innovative:\n      segments:\n        QQ: { lead_time_days: 9 }\n  shortage:\n    BZZ: { tier: 1 }\n");

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results, "--config", config);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith("warning: policy_without_customers: policies.segments.AXX applies to nobody: no customer of the active model is in segment 'AXX' this run (its segments: ", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("warning: policy_without_customers: policies.product_classes.innovative.segments.QQ applies to nobody", warnings[1], StringComparison.Ordinal);
    }

    // An order without order_value under a percentage surcharge was charged "0.00", explained as "surcharge 2 % of 0.00 = 0.00",
    // as if the order were worth nothing; the amount is unknown, so the cell is empty and the rule says why. A flat surcharge
    // needs no value and is charged as before.
    [Fact]
    public void Route_PercentageSurchargeWithoutOrderValue_LeavesTheAmountEmptyAndSaysTheValueIsUnknown()
    {
        var results = RunWithCrossDockPolicy();
        var percent = Path.Combine(_folder.Path, "percent.yaml");
        File.WriteAllText(percent, "policies:\n  default: { csl: 0.9, route: cross_dock, lead_time_days: 5, surcharge: \"2%\" }\n");
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time,order_value\nN-1,C1,2025-03-03 09:00,\nN-2,C1,2025-03-03 09:00,1250\n");
        var routed = Path.Combine(_folder.Path, "routed-percent.csv");

        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results, "--config", percent).ExitCode);

        // The fields before the rule hold no comma; the rule, last and quoted, is read from the line.
        var decisions = CsvRows(routed);
        var lines = File.ReadAllLines(routed);
        Assert.Equal(("", "25.00"), (decisions[0]["surcharge"], decisions[1]["surcharge"]));
        Assert.EndsWith("; surcharge 2 % of order value: order_value unknown\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("; surcharge 2 % of 1,250.00 = 25.00\"", lines[2], StringComparison.Ordinal);
        Assert.Equal("25.00", Route(results)[2]);
    }

    // Input problems of route and allocate: one line naming the file and the fix, exit 2, never a SQL or .NET message.
    [Theory]
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time\nN-1,,2025-03-03 09:00\n", null, "error: orders.csv: row 1 has no customer_id; every row needs one.")]
    // The message named no row ("a row has no customer_id"), to be searched for in a file of thousands; rows are numbered as
    // a row with too many fields is, from 1 after the header, blank lines not counted.
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time\nN-1,C1,2025-03-03 09:00\n\nN-2,,2025-03-03 09:00\n", null, "error: orders.csv: row 2 has no customer_id; every row needs one.")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,5\n", "sku,quantity\nX,5\n\nY,\n", "error: supply.csv: row 2 has no quantity; every row needs one.")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,,5\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no sku; every row needs one.")]
    // A placeholder SKU is a missing one, as ingestion reads it (it was the SKU "N/A", allocated nothing).
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,N/A,5\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no sku; every row needs one.")]
    // A quantity of a tab alone is missing, as ingestion reads it (it was "quantity '<tab>' is not a number").
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,\"\t\"\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no quantity; every row needs one.")]
    // Without a line_id column the line id is order_id/line_no: a missing or placeholder order_id names order_id, the column
    // the file has (it named line_id, which the file does not have).
    [InlineData("allocate", "open.csv", "order_id,customer_id,sku,quantity\nN/A,C1,X,1\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no order_id; every row needs one.")]
    [InlineData("allocate", "open.csv", "order_id,customer_id,sku,quantity\n,C1,X,1\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no order_id; every row needs one.")]
    [InlineData("allocate", "open.csv", "line_id,order_id,customer_id,sku,quantity\n,O1,C1,X,1\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has no line_id; every row needs one.")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,5\n", "sku,quantity\nX,-5\n", "error: cannot allocate: Supply of SKU 'X' must be a finite number ≥ 0; got -5. Fix the supply or orders file.")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity,line_id\nC1,X,5,L1\nC1,X,2,L1\n", "sku,quantity\nX,5\n", "error: cannot allocate: Order line 'L1' appears more than once.")]
    [InlineData("allocate", "open.csv", "line_id,customer_id,sku,quantity\nL1,C1,X,5\n", "sku,quantity,location_id\nX,5,DC-A\nX,5,DC-B\n", "error: open.csv: line L1 (X) has no location_id, while supply.csv gives X's supply by location;")]
    // One row with an extra field made DuckDB's sniffer take it for the header ("column 'order_id' is missing; the file has:
    // O4, C-00013, …"), and an empty file read as a header "column0".
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time\nN-1,C1,2025-03-03 09:00\nN-2,C1,2025-03-03 09:00,extra\n", null, "error: orders.csv: row 2 has 4 fields, the header 3; quote a field that holds a comma")]
    [InlineData("route", "orders.csv", "", null, "error: orders.csv is empty; it needs a header row: order_id, customer_id, order_time")]
    // An order on the last days of the calendar has no business day for its promise: AddDays threw an unhandled
    // ArgumentOutOfRangeException. Lead time (5 business days from Monday 9999-12-27), cut-off passed on 9999-12-31, and both.
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time\nN-1,C1,2025-03-03 09:00\nN-2,C1,9999-12-27 09:00\n", null, "error: orders.csv: order N-2: no delivery date can be promised for order_time '9999-12-27 09:00': no business day follows 9999-12-31, the last date there is; correct the order's dates.")]
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time\nN-1,C1,9999-12-31 13:00\n", null, "error: orders.csv: order N-1: no delivery date can be promised for order_time '9999-12-31 13:00': no business day follows 9999-12-31, the last date there is; correct the order's dates.")]
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time,requested_date\nN-1,C1,9999-12-31 09:00,9999-12-31\n", null, "error: orders.csv: order N-1: no delivery date can be promised for order_time '9999-12-31 09:00' and requested_date '9999-12-31': no business day follows 9999-12-31, the last date there is; correct the order's dates.")]
    // The order is promised by its lines' latest requested_date; the message named the first line's (or none when it had none).
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time,requested_date\nN-1,C1,9999-12-31 09:00,2025-03-10\nN-1,C1,9999-12-31 09:00,9999-12-31\n", null, "error: orders.csv: order N-1: no delivery date can be promised for order_time '9999-12-31 09:00' and requested_date '9999-12-31' (its lines' latest): no business day follows 9999-12-31, the last date there is; correct the order's dates.")]
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time,requested_date\nN-1,C1,9999-12-31 09:00,\nN-1,C1,9999-12-31 09:00,9999-12-31\n", null, "error: orders.csv: order N-1: no delivery date can be promised for order_time '9999-12-31 09:00' and requested_date '9999-12-31': no business day follows 9999-12-31, the last date there is; correct the order's dates.")]
    // An infinite quantity (Infinity, or 1e400 beyond a double) passed the check for a positive one and failed in Core:
    // "Order line quantity must be a finite number > 0; got Infinity. (run again with --verbose for the stack trace)", exit 1.
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time,sku,quantity\nN-1,C1,2025-03-03 09:00,X,Infinity\n", null, "error: orders.csv: order N-1: quantity 'Infinity' for X is not a positive number.")]
    [InlineData("route", "orders.csv", "order_id,customer_id,order_time,sku,quantity\nN-1,C1,2025-03-03 09:00,X,1e400\n", null, "error: orders.csv: order N-1: quantity '1e400' for X is not a positive number.")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,5\n\nC1,X\n", "sku,quantity\nX,5\n", "error: open.csv: row 2 has 2 fields, the header 3;")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,\"X,5\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has a quote that is never closed;")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X 5\" pipe,5\nC2,Y,1\n", "sku,quantity\nX,5\n", "error: open.csv: row 1 has a quote inside an unquoted field;")]
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,5\n", null, "error: supply.csv is empty; it needs a header row: sku, quantity, optional location_id.")]
    // A supply file with its header alone (an export cut short) allocated nothing to every line, exit 0, as if all stock were
    // gone; a SKU out of stock is listed with quantity 0.
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\nC1,X,5\n", "sku,quantity\n", "error: supply.csv has a header but no rows: list the supply of every SKU to allocate (sku, quantity, optional location_id), with quantity 0 for one out of stock.")]
    // Open order lines with their header alone reached the shortage rules with no segment: "policies.shortage: Shortage rules
    // need at least one segment.", blaming a configuration that was fine.
    [InlineData("allocate", "open.csv", "customer_id,sku,quantity\n", "sku,quantity\nX,5\n", "error: open.csv has a header but no rows: list at least one open order line to allocate (customer_id, sku, quantity, optional line_id")]
    public void RouteAndAllocate_BadInputRow_OneLineAndExitCode2(string command, string file, string orders, string? supply, string expectedStart)
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, file), orders);
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), supply ?? "");
        string[] args = command == "route"
            ? ["route", "--orders", Path.Combine(_folder.Path, file), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results]
            : ["allocate", "--orders", Path.Combine(_folder.Path, file), "--supply", Path.Combine(_folder.Path, "supply.csv"), "--out", Path.Combine(_folder.Path, "alloc"), "--results", results];

        var run = CliRun.Invoke(args);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    // A binary file given as the orders or supply CSV was read as text and failed on its "rows" ("row 1 has a quote inside an
    // unquoted field; quote the whole field…"), a fix for a CSV it never was. route and allocate read CSV text alone, so the
    // fix is to export it as such, whatever the bytes are.
    [Theory]
    [InlineData("route", "--orders", "gzip", "error: orders.csv is gzip-compressed, not CSV text: export it as CSV text.")]
    [InlineData("route", "--orders", "png", "error: orders.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("allocate", "--orders", "random", "error: orders.csv looks binary (NUL bytes in the first 8 KiB), not CSV text: export it as CSV text.")]
    [InlineData("allocate", "--supply", "zip", "error: supply.csv is a zip archive (an .xlsx workbook is one), not CSV text: export it as CSV text.")]
    public void RouteAndAllocate_BinaryInput_OneLineSayingItIsNotCsvText(string command, string flag, string kind, string expected)
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,5\n");
        if (command == "allocate")
            File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "customer_id,sku,quantity\nC1,X,5\n");
        File.WriteAllBytes(Path.Combine(_folder.Path, flag == "--supply" ? "supply.csv" : "orders.csv"), InspectCommandTests.BinaryBytes(kind));
        string[] args = command == "route"
            ? ["route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results]
            : ["allocate", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"), "--out", Path.Combine(_folder.Path, "alloc"), "--results", results];

        var run = CliRun.Invoke(args);

        Assert.Equal((ChainSegApp.UsageError, expected), (run.ExitCode, run.Error.Trim()));
    }

    [Fact]
    public void Route_OutIsAFolder_AsksForTheFileName()
    {
        var results = RunWithCrossDockPolicy();
        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", _folder.Path, "--results", results);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {_folder.Path} is a folder; name the CSV to write, e.g. {Path.Combine(_folder.Path, "routing.csv")}.", run.Error.Trim());
    }

    // --out naming a file route reads or a run keeps was overwritten with the routing, exit 0: the orders file, the store
    // (every run's history gone: the next command said "not a DuckDB database"), or one of the run's outputs.
    [Theory]
    [InlineData("orders.csv", "the --orders file")]
    [InlineData("out/chainseg.duckdb", "the run's store")]
    [InlineData("out/assignments.csv", "an output of the run in ")]
    public void Route_OutIsAFileItReadsOrARunKeeps_RefusedAndTheFileKept(string name, string what)
    {
        var results = RunWithCrossDockPolicy();
        var target = Path.Combine(_folder.Path, name);
        var before = File.ReadAllBytes(target);

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", target, "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: --out {target} is {what}", run.Error.Trim(), StringComparison.Ordinal);
        Assert.EndsWith($", which route would overwrite; name another CSV, e.g. {Path.Combine(Path.GetDirectoryName(target)!, "routing.csv")}.", run.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(target));
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("explain", "C1", "--out", results, "-q").ExitCode);
    }

    // An input flag naming a folder was "file not found" (route) or that with no fix at all (allocate: "file not found: …/in.").
    [Theory]
    [InlineData("route", "--orders", "error: --orders {0} is a folder; pass the CSV of orders in it.")]
    [InlineData("allocate", "--supply", "error: --supply {0} is a folder; pass the CSV in it (sku, quantity, optional location_id).")]
    [InlineData("allocate", "--orders", "error: --orders {0} is a folder; pass the CSV in it (customer_id, sku, quantity,")]
    [InlineData("allocate", "missing", "error: file not found: {0}/supply.csv. Pass an existing CSV with --supply (sku, quantity, optional location_id).")]
    public void RouteAndAllocate_InputIsAFolderOrMissing_OneLineNamingTheFlag(string command, string flag, string expectedStart)
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "customer_id,sku,quantity\nC1,X,2\n");
        var folder = Path.Combine(_folder.Path, "inputs");
        Directory.CreateDirectory(folder);
        string[] args = (command, flag) switch
        {
            ("route", _) => ["route", "--orders", folder, "--out", Path.Combine(_folder.Path, "r.csv")],
            (_, "--supply") => ["allocate", "--supply", folder, "--orders", Path.Combine(_folder.Path, "open.csv"), "--out", Path.Combine(_folder.Path, "a")],
            (_, "--orders") => ["allocate", "--supply", Path.Combine(_folder.Path, "open.csv"), "--orders", folder, "--out", Path.Combine(_folder.Path, "a")],
            _ => ["allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(_folder.Path, "open.csv"), "--out", Path.Combine(_folder.Path, "a")],
        };

        var run = CliRun.Invoke([.. args, "--results", results, "-q"]);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expectedStart, folder), Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    // Outputs into an existing folder that takes no files: one line naming it, before any work, not .NET's "Access denied".
    [Theory]
    [InlineData("route", "--out", "r.csv")]
    [InlineData("allocate", "--out", "")]
    [InlineData("allocate", "--capacity", "")]
    [InlineData("simulate", "--days", "10")]
    public void Commands_OutNotWritable_OneLineNamingTheFolderAndExitCode2(string command, string flag, string value)
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "customer_id,sku,quantity\nC1,X,2\n");
        string[] args = command switch
        {
            "route" => ["route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(TempFolder.Unwritable, value)],
            "allocate" when flag == "--capacity" => ["allocate", "--capacity", "--out", TempFolder.Unwritable],
            "allocate" => ["allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"), "--out", TempFolder.Unwritable],
            _ => [command, flag, value, "--out", TempFolder.Unwritable],
        };

        var run = CliRun.Invoke([.. args, "--results", results, "-q"]);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(command == "route"
            ? $"error: the folder {TempFolder.Unwritable} of --out {Path.Combine(TempFolder.Unwritable, value)} cannot be written to (permission denied); pass a file in a folder you can write to."
            : $"error: --out {TempFolder.Unwritable} cannot be written to (permission denied); pass a folder you can write to.", run.Error.Trim());
    }

    // README: a re-simulation leaves the published run's results untouched, and the run's folder holds files of its names.
    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public void Simulate_OutIsTheRunsFolder_RefusedAndTheRunsFilesKept(string suffix)
    {
        var results = RunWithCrossDockPolicy();
        var published = File.ReadAllText(Path.Combine(results, "simulation.csv"));

        var run = CliRun.Invoke("simulate", "--out", results + suffix, "--results", results, "--days", "30", "--seed", "7", "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {results + suffix} is a run's output folder, whose simulation.csv, simulation_sku_locations.csv, tradeoff_curve.csv simulate would overwrite; pass another folder.", run.Error.Trim());
        Assert.Equal(published, File.ReadAllText(Path.Combine(results, "simulation.csv")));
    }

    // The store's folder was refused only as written: a run with --store in a folder of its own, then simulate --out that
    // folder through a symbolic link (or a linked parent), or --store through a link with --out the folder itself, wrote the
    // simulation files beside the store, exit 0. The trailing-slash and ../ spellings were refused already and stay cases.
    [Theory]
    [InlineData(null, null, "store", "store/runs.duckdb")]
    [InlineData(null, null, "store/", "store/runs.duckdb")]
    [InlineData(null, null, "out/../store", "store/runs.duckdb")]
    [InlineData("store-link", "store", "store-link", "store/runs.duckdb")]
    [InlineData("root-link", ".", "root-link/store", "store/runs.duckdb")]
    [InlineData("store-link", "store", "store", "store-link/runs.duckdb")]
    public void Simulate_OutIsTheStoresFolderByAnotherPath_Refused(string? link, string? linkTarget, string output, string storeGiven)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,2,5\n");
        var results = Path.Combine(_folder.Path, "out");
        var store = Path.Combine(_folder.Path, "store", "runs.duckdb");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", results, "--store", "duckdb:" + store, "-q").ExitCode);
        if (link is not null)
            Directory.CreateSymbolicLink(Path.Combine(_folder.Path, link), Path.GetFullPath(Path.Combine(_folder.Path, linkTarget!)));
        var folder = Path.Combine(_folder.Path, output);

        var run = CliRun.Invoke("simulate", "--out", folder, "--store", "duckdb:" + Path.Combine(_folder.Path, storeGiven), "--days", "30", "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: --out {new DirectoryInfo(folder).FullName} is a run's output folder", run.Error.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "store", "simulation.csv")));
    }

    // --replications 2147483647 failed on .NET's "Array dimensions exceeded supported range" (exit 1) and 100,000,000 ran on
    // for minutes; a flag below 1 was "--sku-locations, --days and --replications must be at least 1", the wrong one unnamed.
    [Theory]
    [InlineData("--replications", "2147483647", "error: --replications must be at most 1,000; got 2,147,483,647. More days (up to 3,653) or SKU-locations narrow the figures too.")]
    [InlineData("--replications", "0", "error: --replications must be at least 1; got 0.")]
    [InlineData("--days", "0", "error: --days must be at least 1; got 0.")]
    [InlineData("--sku-locations", "-3", "error: --sku-locations must be at least 1; got -3.")]
    [InlineData("--seed", "-1", "error: --seed must be in [0, 2147483647]; got -1.")]
    public void Simulate_FlagOutOfRange_OneLineNamingIt(string flag, string value, string expected)
    {
        var results = RunWithCrossDockPolicy();
        var run = CliRun.Invoke("simulate", flag, value, "--out", Path.Combine(_folder.Path, "sim"), "--results", results);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    [Fact]
    public void Simulate_OutHoldsAnotherRunsSummary_Refused()
    {
        var results = RunWithCrossDockPolicy();
        var other = Path.Combine(_folder.Path, "other-run");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "run_summary.json"), "{}");

        var run = CliRun.Invoke("simulate", "--out", other, "--results", results, "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: --out {other} is a run's output folder", run.Error.Trim(), StringComparison.Ordinal);
    }

    // NaN slipped through the (0, 10] check and failed inside the LP (exit 1); the flag is parsed as calc's numbers are.
    [Theory]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void Allocate_CapacityShareNotANumber_OneLineAndExitCode2(string share)
    {
        var results = RunWithCrossDockPolicy();
        var run = CliRun.Invoke("allocate", "--capacity", "--capacity-share", share, "--out", Path.Combine(_folder.Path, "plan"), "--results", results);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: --capacity-share '{share}' is not a finite number; write it like 1300 or 0.225", run.Error.Trim(), StringComparison.Ordinal);
    }

    // "--capacity-share 85" said "must be in (0, 10]; got 85" where share_of_need: 85 names the fraction it stands for.
    [Fact]
    public void Allocate_CapacityShareAsAPercent_NamesTheFractionItStandsFor()
    {
        var results = RunWithCrossDockPolicy();
        var run = CliRun.Invoke("allocate", "--capacity", "--capacity-share", "85", "--out", Path.Combine(_folder.Path, "plan"), "--results", results);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: --capacity-share must be in (0, 10] (capacity as a share of the peak period's need, such as 0.85 for 85 %); got 85.", run.Error.Trim());
    }

    // Fair shares of 10 units over three lines of 5 are 3⅓ each: written to six decimals, not as 3.3333333333333335, and
    // summing to the 10 units (the first line, of equal remainders, takes the millionth left by rounding down).
    [Fact]
    public void Allocate_FractionalShares_WrittenToSixDecimals()
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "line_id,customer_id,sku,quantity\nL1,C1,X,5\nL2,C1,X,5\nL3,C1,X,5\n");
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,10\n");
        var folder = Path.Combine(_folder.Path, "alloc");

        var run = CliRun.Invoke("allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", folder, "--results", results, "-q");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(folder, "allocation_lines.csv"));
        var allocated = Array.IndexOf(lines[0].Split(','), "allocated");
        Assert.Equal(["3.333334", "3.333333", "3.333333"], lines.Skip(1).Select(l => l.Split(',')[allocated]));
    }

    [Fact]
    public void Allocate_CapacityShareWithoutCapacity_RefusedNotDropped()
    {
        // --capacity-share beside --supply and --orders allocated the shortage with exit 0 and the share unread.
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "customer_id,sku,quantity\nC1,X,2\n");
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,5\n");
        var folder = Path.Combine(_folder.Path, "alloc");

        var run = CliRun.Invoke("allocate", "--capacity-share", "0.5", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", folder, "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: --capacity-share sizes a capacity plan and a shortage allocation reads none; add --capacity for a capacity plan, or drop --capacity-share.", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "allocation_lines.csv")));
    }

    [Fact]
    public void Allocate_CapacityWithSupplyFiles_RefusesTheMix()
    {
        var results = RunWithCrossDockPolicy();
        var run = CliRun.Invoke("allocate", "--capacity", "--supply", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "plan"), "--results", results);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: --capacity plans capacity from the run's own demand and reads no --supply or --orders", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_IntegerUnitsWithCapacity_RefusedNotDropped()
    {
        // --integer-units beside --capacity planned fractional volumes with exit 0 and the flag unread.
        var results = RunWithCrossDockPolicy();
        var folder = Path.Combine(_folder.Path, "plan");

        var run = CliRun.Invoke("allocate", "--capacity", "--integer-units", "--out", folder, "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: --integer-units rounds a shortage allocation to whole units and a capacity plan reads none; drop --integer-units, or give --supply and --orders for a shortage allocation.", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "capacity_plan.csv")));
    }

    [Fact]
    public void Allocate_CapacityBelowTheCommittedMinimums_NamesTheShareThatFitsAndWhereMinimumsComeFrom()
    {
        // The error named the shortfall alone; the user could not tell which setting to raise, nor that a segment without a
        // policies.shortage rule commits by its priority (3 here: 50 % of the peak's 3 units).
        var results = RunWithCrossDockPolicy();

        var run = CliRun.Invoke("allocate", "--capacity", "--capacity-share", "0.1", "--out", Path.Combine(_folder.Path, "plan"), "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        var error = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.EndsWith("; raise --capacity-share to at least 0.5, or lower the committed minimums: policies.shortage.SEGMENT.min_fill "
            + "(a segment without one commits 95 %, 80 % or 50 % of its demand at priority 1, 2 or 3).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_Help_CapacityShareIsOfThePeakPeriodConfigured()
    {
        // The help said "the peak month's need" while policies.capacity.period plans a week or a quarter too (--help prints to
        // the process's stdout, which CliRun does not capture).
        var command = AllocateCommand.Create(new CliContext(new TestConsole(), new StringWriter(), TimeProvider.System));

        Assert.EndsWith("capacity as a share of the peak period's need (policies.capacity.period; default 0.85).",
            command.Options.Single(o => o.Name == "--capacity-share").Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C2,2025-03-03 09:00,", "customer_id", "'C1' and 'C2'")]
    [InlineData("C1,2025-03-04 09:00,", "order_time", "'2025-03-03 09:00' and '2025-03-04 09:00'")]
    public void Route_LinesOfAnOrderDisagreeOnItsHeader_RefusedNamingTheOrderAndBothValues(string secondLine, string column, string values)
    {
        // The first line's customer and time were routed and the second line's silently dropped.
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"),
            $"order_id,customer_id,order_time,requested_date,sku,quantity\nN-1,C1,2025-03-03 09:00,2025-03-10,X,1\nN-1,{secondLine},X,2\n");

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: orders.csv: order N-1: its lines give {column} {values}; an order has one, so give every line of it the same {column} "
            + "or the lines another order_id.", run.Error.Trim());
    }

    [Fact]
    public void Route_LinesRequestingDifferentDates_PromisedByTheLatest()
    {
        // Lines may request different dates (as in the run's OTIF, which judges an order by its lines' latest): the first
        // line's date was taken and a later one of another line dropped, promising the order before that line was wanted.
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"),
            "order_id,customer_id,order_time,requested_date,sku,quantity\nN-1,C1,2025-03-03 09:00,2025-03-10,X,1\nN-1,C1,2025-03-03 09:00,2025-03-20,X,2\nN-1,C1,2025-03-03 09:00,,X,3\n");

        Assert.Equal("2025-03-20", Route(results)[1]);
    }

    [Fact]
    public void RouteAndAllocate_IdWrittenAsAnotherSystemDoes_GetTheCustomersSegment()
    {
        // The run matched "c00007" and "7" to C-00007 under identifiers: (prefix C, leading zeros); route and allocate find
        // the same customer, not the fallback policy or the 'unassigned' tier.
        var data = Path.Combine(_folder.Path, "ids");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n",
            Enumerable.Range(1, 30).Select(i => $"SO-{i},C-{i % 10:00000},X,2025-0{i % 9 + 1}-0{i % 7 + 1},{i},5")) + "\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "identifiers:\n  customer_id:\n    strip_prefixes: [C]\n");
        var results = Path.Combine(_folder.Path, "ids-out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", results, "-q").ExitCode);
        var segment = File.ReadAllLines(Path.Combine(results, "assignments.csv")).Select(l => l.Split(',')).Single(f => f[0] == "C-00007" && f[2] == "abc-xyz")[1];

        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,C-00007,2025-03-03 09:00\nN-2,c00007,2025-03-03 09:00\nN-3,7,2025-03-03 09:00\n");
        var routed = Path.Combine(_folder.Path, "routed-ids.csv");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results).ExitCode);
        Assert.Equal([segment, segment, segment], File.ReadAllLines(routed).Skip(1).Select(l => l.Split(',')[2]));

        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "line_id,customer_id,sku,quantity\nL1,C-00007,X,2\nL2,7,X,2\n");
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,10\n");
        var allocated = Path.Combine(_folder.Path, "alloc-ids");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", allocated, "--results", results, "-q").ExitCode);
        Assert.Equal([segment, segment], File.ReadAllLines(Path.Combine(allocated, "allocation_lines.csv")).Skip(1).Select(l => l.Split(',')[2]));
    }

    [Fact]
    public void RouteAndAllocate_IdAsTheExportWritesIt_GetTheCustomersSegment()
    {
        // Online Retail writes CustomerID 17850 as 17850.0, which the run stores as 17850 and explain finds; route and
        // allocate looked the id up as written, its key 178500 (the '.' dropped as a separator), and gave the fallback policy
        // and the 'unassigned' tier. A tab beside the id (a pasted cell) missed it too, as ingestion now trims it.
        var data = Path.Combine(_folder.Path, "float-ids");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" +
            "536365,17850.0,X,2010-12-01,6,2.55\n536366,13047.0,X,2011-02-01,60,2.55\n536367,178500,X,2011-03-01,100,2.55\n");
        var results = Path.Combine(_folder.Path, "float-ids-out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", results, "-q").ExitCode);
        var segments = File.ReadAllLines(Path.Combine(results, "assignments.csv")).Select(l => l.Split(',')).Where(f => f[2] == "abc-xyz").ToDictionary(f => f[0], f => f[1]);
        Assert.NotEqual(segments["17850"], segments["178500"]);

        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,17850.0,2011-03-03 09:00\nN-2,\"\t17850\",2011-03-03 09:00\n");
        var routed = Path.Combine(_folder.Path, "routed-float.csv");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results).ExitCode);
        Assert.Equal([segments["17850"], segments["17850"]], File.ReadAllLines(routed).Skip(1).Select(l => l.Split(',')[2]));

        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "line_id,customer_id,sku,quantity\nL1,17850.0,X,2\n");
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,10\n");
        var allocated = Path.Combine(_folder.Path, "alloc-float");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", allocated, "--results", results, "-q").ExitCode);
        Assert.Equal([segments["17850"]], File.ReadAllLines(Path.Combine(allocated, "allocation_lines.csv")).Skip(1).Select(l => l.Split(',')[2]));
    }

    [Fact]
    public void RouteAndAllocate_IdsWithInvisibleCharactersAtTheirEdges_ReadAsIngestionReadsThem()
    {
        // Ingestion trims a tab, zero-width or no-break space at a code's edge; route and allocate trimmed spaces alone, so
        // "N-1<tab>" was a second order beside N-1, and supply of "<tab>X" was no supply for an order line's "X<zero-width space>"
        // (allocated 0 of 4).
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"),
            "order_id,customer_id,order_time,sku,quantity\nN-1,C1,2025-03-03 09:00,X,1\n\"N-1\t\",C1,2025-03-03 09:00,Y,1\n");
        var routed = Path.Combine(_folder.Path, "routed-edges.csv");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results).ExitCode);
        Assert.Equal(["N-1"], File.ReadAllLines(routed).Skip(1).Select(l => l.Split(',')[0]));

        var lines = AllocatedLines(results, "line_id,customer_id,sku,quantity\nL1,C1,\"X\u200B\",4\nL2,\"C1\u00A0\",X,2\n", "sku,quantity\n\"\tX\",10\n");
        Assert.Equal([("L1", "C1", "X", "4"), ("L2", "C1", "X", "2")], lines.Select(l => (l["line_id"], l["customer_id"], l["sku"], l["allocated"])));
    }

    [Fact]
    public void RouteAndAllocate_ValuesPaddedWithATabOrNoBreakSpace_ReadAsIngestionReadsThem()
    {
        // Ingestion trims space separators, tab, LF, CR, VT and FF at a value's edges; route and allocate trimmed spaces
        // alone (or nothing), so an order_time or requested_date "<date><tab>" was refused as not a date and an order_value
        // "40<no-break space>" as not a number, where ingest reads them as written without the padding.
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time,requested_date,order_value,sku,quantity\n"
            + "N-1,C1,2025-03-03 09:00,2025-03-12,40,X,1\n"
            + "N-2,\"C1\t\",\"2025-03-03 09:00\t\",\"\t2025-03-12\",\"40\u00A0\",\"X\t\",\"\t1\"\n");
        var routed = Path.Combine(_folder.Path, "routed-padded.csv");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results).ExitCode);
        var decisions = CsvRows(routed);
        Assert.Equal(["N-1", "N-2"], decisions.Select(d => d["order_id"]));
        Assert.NotEqual("", decisions[1]["segment"]);
        Assert.Equal(decisions[0].Where(f => f.Key != "order_id"), decisions[1].Where(f => f.Key != "order_id"));

        var lines = AllocatedLines(results, "line_id,customer_id,sku,quantity,unit_margin,requested_date\n"
            + "L1,C1,X,4,1.5,2025-03-10\nL2,\"C1\t\",X,\"\t2\",\"1.5\v\",\"2025-03-10\t\"\n", "sku,quantity\nX,\"10\u00A0\t\"\n");
        Assert.Equal([("L1", "C1", "4", "4"), ("L2", "C1", "2", "2")], lines.Select(l => (l["line_id"], l["customer_id"], l["ordered"], l["allocated"])));
        Assert.Equal([lines[0]["segment"]], lines.Select(l => l["segment"]).Distinct());
        Assert.NotEqual("unassigned", lines[1]["segment"]);
    }

    /// <summary>allocation_lines.csv of allocate run on these open lines and supply, which it must accept.</summary>
    private List<Dictionary<string, string>> AllocatedLines(string results, string openLines, string supply)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), openLines);
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), supply);
        var allocated = Path.Combine(_folder.Path, "alloc-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", allocated, "--results", results, "-q").ExitCode);
        return CsvRows(Path.Combine(allocated, "allocation_lines.csv"));
    }

    private static List<Dictionary<string, string>> CsvRows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void RouteAndAllocate_MetricsRollUpChild_GetItsAccountsSegment()
    {
        // metrics: { roll_up_hierarchy: true } with the default models, none rolling up of its own: the models segmented
        // the accounts customer_metrics lists (P1, A2) and assignments.csv held no row for P1's child C1, so route gave C1
        // the fallback policy and allocate put its line in the 'unassigned' tier. validate finds nothing wrong with the setting.
        var data = Path.Combine(_folder.Path, "rollup");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "customers.csv"), "customer_id,name,parent_id\nP1,Parent,\nC1,Child,P1\nA2,Alone,\n");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" +
            "O1,P1,X,2025-01-15,10,100\nO2,C1,X,2025-02-15,5,100\nO3,A2,X,2025-03-15,1,50\nO4,P1,X,2025-04-15,10,100\nO5,C1,X,2025-05-15,5,100\nO6,A2,X,2025-06-15,2,50\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "metrics: { roll_up_hierarchy: true }\n");
        var validate = CliRun.Invoke("validate", "--data", data);
        Assert.Equal((ChainSegApp.Ok, ""), (validate.ExitCode, validate.Error));
        var results = Path.Combine(_folder.Path, "rollup-out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", results, "-q").ExitCode);
        var assigned = File.ReadAllLines(Path.Combine(results, "assignments.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[2] == "abc-xyz")
            .ToDictionary(f => f[0], f => f[1]);
        Assert.Equal(["A2", "C1", "P1"], assigned.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(assigned["P1"], assigned["C1"]);

        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,C1,2025-07-01 09:00\n");
        var routed = Path.Combine(_folder.Path, "routed-rollup.csv");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results).ExitCode);
        var route = File.ReadAllLines(routed)[1].Split(',');
        Assert.Equal((assigned["P1"], "false"), (route[2], route[3]));

        File.WriteAllText(Path.Combine(_folder.Path, "open.csv"), "line_id,customer_id,sku,quantity\nL1,C1,X,2\nL2,A2,X,2\n");
        File.WriteAllText(Path.Combine(_folder.Path, "supply.csv"), "sku,quantity\nX,3\n");
        var allocated = Path.Combine(_folder.Path, "alloc-rollup");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("allocate", "--orders", Path.Combine(_folder.Path, "open.csv"), "--supply", Path.Combine(_folder.Path, "supply.csv"),
            "--out", allocated, "--results", results, "-q").ExitCode);
        Assert.Equal([assigned["P1"], assigned["A2"]], File.ReadAllLines(Path.Combine(allocated, "allocation_lines.csv")).Skip(1).Select(l => l.Split(',')[2]));
    }

    // Route took the active model's method from the model registry, which holds the definition a (model, version) was
    // first used with: after model m v1 changed from rules to abc_xyz without a version bump (a run warns
    // version_not_bumped but applies abc_xyz's default policies), route read "rules" and sent AX on the fallback policy
    // (priority 3, 3 days) while the run's service_policies.csv gave AX its own (priority 1). The run's own definition decides.
    [Fact]
    public void Route_ModelChangedMethodWithoutAVersionBump_AppliesThePoliciesOfTheMethodTheRunUsed()
    {
        using var runs = new TinyRuns();
        // C1 and C2 each half the revenue, every month alike (CV 0): A by revenue, X by variability.
        var lines = string.Concat(Enumerable.Range(1, 6).Select(m => $"O{m}a,C1,X,2025-{m:00}-20,10,100\nO{m}b,C2,X,2025-{m:00}-20,10,100\nO{m}c,C3,X,2025-{m:00}-20,1,1\n"));
        runs.Run(lines, "segmentation:\n  models:\n    m:\n      method: rules\n      rules: [{ segment: big, when: \"revenue >= 1000\" }]\n      fallback: small\n");
        runs.Run(lines, "segmentation:\n  models:\n    m:\n      method: abc_xyz\n");
        Assert.Contains("C1,AX,m,1,", File.ReadAllText(Path.Combine(runs.Out, "assignments.csv")), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,C1,2025-07-01 09:00\n");
        var routed = Path.Combine(_folder.Path, "routed.csv");

        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", runs.Out).ExitCode);

        // DefaultPolicies' ABC×XYZ map: AX is its own policy, priority 1, 1 business day (Tuesday 2025-07-01 → Wednesday 07-02).
        var routedLines = File.ReadAllLines(routed);
        var header = routedLines[0].Split(',');
        var row = routedLines[1].Split(',');
        Assert.Equal(("AX", "false", "1", "2025-07-02"), (row[Array.IndexOf(header, "segment")], row[Array.IndexOf(header, "fallback_policy")],
            row[Array.IndexOf(header, "priority")], row[Array.IndexOf(header, "promised_date")]));
    }

    public void Dispose() => _folder.Dispose();

    // Fisher's product axis crossed with the segments: G sells 1, 5, 5, 1 units in four months of 2024 at a 70 % margin and
    // never again (life 2 months, faded: innovative by two signals), X sells all along at 10 % with no forecasts (one signal:
    // unclassified), Y once to each of the other customers; the segments' policy is 0.9 CSL in 5 business days.
    private string RunWithProductClasses(string productClasses, int otherCustomers = 0)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        var lines = Enumerable.Range(0, 15).Select(i => $"SO-X{i},C1,X,{2024 + i / 12}-{i % 12 + 1:00}-06,2,5")
            .Concat(new[] { (2, 1), (3, 5), (4, 5), (5, 1) }.Select(g => $"SO-G{g.Item1},C1,G,2024-{g.Item1:00}-10,{g.Item2},10"))
            .Concat(Enumerable.Range(2, otherCustomers).Select(c => $"SO-Y{c},C{c},Y,2024-06-12,1,5"));
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", lines) + "\n");
        File.WriteAllText(Path.Combine(data, "products.csv"), "sku,description,unit_cost,unit_price\nX,Washer,4.5,5\nG,Gadget,3,10\nY,Bolt,4.5,5\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "policies:\n  default: { csl: 0.9, lead_time_days: 5, cutoff: \"12:00\" }\n"
            + "  product_classes:\n" + productClasses);
        var output = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        var classes = File.ReadAllText(Path.Combine(output, "product_classes.csv"));
        Assert.Contains("G,innovative,", classes, StringComparison.Ordinal);
        Assert.Contains("X,unclassified,", classes, StringComparison.Ordinal);
        return output;
    }

    // Innovative SKUs (G) are made to order in 10 business days, so an order with a G line is promised after 10 business days
    // and one of X alone after the segment's 5.
    [Fact]
    public void Route_ProductClassCells_TheSlowestLinesCellSetsThePromise()
    {
        var output = RunWithProductClasses("    innovative: { fulfilment_mode: make_to_order, lead_time_days: 10 }\n");
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"),
            "order_id,customer_id,order_time,sku,quantity\nN-1,C1,2025-03-03 09:00,X,1\nN-2,C1,2025-03-03 09:00,X,1\nN-2,C1,2025-03-03 09:00,G,1\n");
        var routed = Path.Combine(_folder.Path, "routed.csv");

        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", output).ExitCode);

        // The rule, last, is the only field with commas: the others are read by position.
        var written = File.ReadAllLines(routed);
        var header = written[0].Split(',');
        var rows = written.Skip(1).ToDictionary(l => l.Split(',')[0]);
        string Field(string order, string column) => rows[order].Split(',')[Array.IndexOf(header, column)];
        Assert.Equal(("make_to_stock", "2025-03-10"), (Field("N-1", "fulfilment_mode"), Field("N-1", "promised_date")));
        Assert.Equal(("make_to_order", "2025-03-17"), (Field("N-2", "fulfilment_mode"), Field("N-2", "promised_date")));
        Assert.Contains("G is innovative → make_to_order, 10 business days (its slowest line)", rows["N-2"], StringComparison.Ordinal);
    }

    // Two lines whose cells take equally long: the first line of the order, as the file lists it, is named. The lines came
    // back from the customer lookup's joins in another order once the run had more customers than the file has lines (an
    // order of three lines named its last), so the rule named whichever line the join returned first.
    [Fact]
    public void Route_ProductClassCellsTakingEquallyLong_TheRuleNamesTheOrdersFirstLineInTheFile()
    {
        var output = RunWithProductClasses("    innovative: { fulfilment_mode: make_to_order, lead_time_days: 10 }\n    unclassified: { fulfilment_mode: make_to_order, lead_time_days: 10 }\n",
            otherCustomers: 200);
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time,sku,quantity\n"
            + "N-1,C1,2025-03-03 09:00,X,1\nN-1,C1,2025-03-03 09:00,G,1\nN-2,C1,2025-03-03 09:00,G,1\nN-2,C1,2025-03-03 09:00,X,1\n"
            + "N-3,C1,2025-03-03 09:00,X,1\nN-3,C1,2025-03-03 09:00,X,2\nN-3,C1,2025-03-03 09:00,G,1\n");
        var routed = Path.Combine(_folder.Path, "routed.csv");

        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", output).ExitCode);

        var rows = File.ReadAllLines(routed).Skip(1).ToDictionary(l => l.Split(',')[0]);
        Assert.Contains("; X is unclassified → make_to_order, 10 business days (its slowest line);", rows["N-1"], StringComparison.Ordinal);
        Assert.Contains("; G is innovative → make_to_order, 10 business days (its slowest line);", rows["N-2"], StringComparison.Ordinal);
        Assert.Contains("; X is unclassified → make_to_order, 10 business days (its slowest line);", rows["N-3"], StringComparison.Ordinal);
    }

    // A run made before Fisher's product axis has no product classes: routing its orders by product class cells would route
    // every SKU as unclassified, so it is refused with the fix (here the table is dropped from a fresh run's schema).
    [Fact]
    public void Route_ProductClassCellsOnARunWithoutProductClasses_RefusedWithTheFix()
    {
        var results = RunWithCrossDockPolicy();
        using (var store = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Path.Combine(results, "chainseg.duckdb")}"))
        {
            store.Open();
            using var find = store.CreateCommand();
            find.CommandText = "SELECT table_schema FROM information_schema.tables WHERE table_name = 'product_classes'";
            var schemas = new List<string>();
            using (var reader = find.ExecuteReader())
                while (reader.Read())
                    schemas.Add(reader.GetString(0));
            Assert.NotEmpty(schemas);
            foreach (var schema in schemas)
            {
                using var drop = store.CreateCommand();
                drop.CommandText = $"DROP TABLE \"{schema}\".product_classes";
                drop.ExecuteNonQuery();
            }
        }
        var config = Path.Combine(_folder.Path, "cells.yaml");
        File.WriteAllText(config, "policies:\n  product_classes:\n    innovative: { fulfilment_mode: make_to_order }\n");

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results, "--config", config);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Matches("^error: run \\S+ has no product classes \\(it was made before Fisher's product axis\\), so policies.product_classes cannot apply; run `chainseg run` again.$", run.Error.Trim());
    }

    // An orders file with sku but no quantity was refused on its first line for "quantity '' … is not a positive number",
    // a value in a column the file does not have.
    [Theory]
    [InlineData("order_id,customer_id,order_time,sku\nN-1,C1,2025-03-03 09:00,X\n", "sku but no quantity")]
    [InlineData("order_id,customer_id,order_time,quantity\nN-1,C1,2025-03-03 09:00,2\n", "quantity but no sku")]
    public void Route_OneColumnOfTheLinePair_RefusedNamingTheMissingColumn(string orders, string which)
    {
        var results = RunWithCrossDockPolicy();
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), orders);

        var run = CliRun.Invoke("route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", Path.Combine(_folder.Path, "routed.csv"), "--results", results);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: orders.csv has {which} column; order lines need both (or neither, to route by the segment alone).", run.Error.Trim());
    }
}
