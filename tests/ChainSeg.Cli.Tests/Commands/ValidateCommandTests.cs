using System.Text.RegularExpressions;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Header = "order_id,customer_id,sku,order_date,quantity,unit_price";
    private readonly TempFolder _folder = new();

    private string Data => _folder.Path;

    // The read and quarantined counts of one table's row in the printed table (read is the third column, quarantined the sixth).
    private static (long Read, long Quarantined) Counts(CliRun run, string table)
    {
        var row = run.Output.Split('\n').Single(l => Regex.IsMatch(l, $@"^│ {table} +│"));
        var cells = row.Split('│', StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToList();
        return (long.Parse(cells[2].Replace(",", "")), long.Parse(cells[5].Replace(",", "")));
    }

    // One order line, cost_pools rows under its header, and chainseg.yaml's costs: settings (indented lines).
    private void CostPoolsCompany(string costPoolRows, string costs)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "cost_pools.csv"), "activity,driver,annual_cost\n" + costPoolRows);
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), "costs:\n" + costs);
    }

    [Fact]
    public void Validate_GeneratedCompany_ListsEverySourceAndTheModelsAndExitsOk()
    {
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "60", "--order-lines", "3000", "--seed", "3", "--out", Data, "-q").ExitCode);

        var run = CliRun.Invoke("validate", "--data", Data, "--sample", "200");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        // Every canonical file the generator wrote is a source; tables smaller than the sample are read whole.
        var files = Directory.GetFiles(Data, "*.csv").Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        Assert.Equal(10, files.Count);
        foreach (var table in files)
        {
            var lines = File.ReadLines(Path.Combine(Data, table + ".csv")).Count() - 1;
            Assert.Equal(Math.Min(200, lines), Counts(run, table).Read);
        }
        Assert.Contains("Models: abc-xyz (active), rfm, behaviour.", run.Output);
        Assert.Contains("settings, files and columns are valid", run.Output);
    }

    // Only the first rows are read: a bad date and a line with a field too many after row 20 are outside a 20-row sample
    // and inside a 30-row one, quarantined as a run would.
    [Fact]
    public void Validate_Sample_ReadsOnlyTheFirstRowsAndQuarantinesAsARun()
    {
        var rows = Enumerable.Range(1, 30).Select(i => i switch
        {
            24 => $"SO-{i},C1,X,2025-02-30,1,5",
            27 => $"SO-{i},C1,X,2025-03-01,1,5,extra",
            _ => $"SO-{i},C{i % 4},X,2025-03-{i % 28 + 1:00},1,5",
        });
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\n" + string.Join("\n", rows) + "\n");

        var first20 = CliRun.Invoke("validate", "--data", Data, "--sample", "20");
        var first30 = CliRun.Invoke("validate", "--data", Data, "--sample", "30");

        Assert.Equal((20L, 0L), Counts(first20, "order_lines"));
        Assert.Equal((30L, 2L), Counts(first30, "order_lines"));
        Assert.Contains("unparseable:order_date 1", first30.Output);
        Assert.Contains("malformed_row 1", first30.Output);
        // The rows themselves, with the value that failed or the raw line.
        Assert.Contains("  order_lines row 24: unparseable:order_date, '2025-02-30'\n", first30.Output.ReplaceLineEndings("\n"));
        Assert.Contains("  order_lines row 27: malformed_row: SO-27,C1,X,2025-03-01,1,5,extra\n", first30.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("order_lines row", first20.Output);
        Assert.Equal(ChainSegApp.Ok, first30.ExitCode);
    }

    // Day-first dates without formats: the check stops with the advice a run would give; with the setting it advises, it passes.
    [Fact]
    public void Validate_DatesInAnUndeclaredLayout_ExitCode2WithTheSettingThatReadsThem()
    {
        var rows = Enumerable.Range(1, 20).Select(i => $"SO-{i},C{i % 5},X,{i % 28 + 1:00}/03/2025,2,5");
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Invoke("validate", "--data", Data, "-q");
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: order_lines: 20 of 20 rows (100 %) have an unparseable order_date, such as '02/03/2025'; they read as dates "
            + "laid out dd/MM/yyyy: name it under sources.order_lines.formats (order_date: dd/MM/yyyy).", run.Error.Trim());
        Assert.Equal("", run.Output);
        // Without -q the report's last line does not call the sources valid while the check fails.
        var shown = CliRun.Invoke("validate", "--data", Data);
        Assert.Equal(ChainSegApp.UsageError, shown.ExitCode);
        Assert.DoesNotContain("columns are valid", shown.Output);
        Assert.Contains("the first rows show 1 problem a setting must fix", shown.Output.ReplaceLineEndings(" "));

        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: order_lines.csv\n    formats: { order_date: dd/MM/yyyy }\n");
        var configured = CliRun.Invoke("validate", "--config", Path.Combine(Data, "chainseg.yaml"));
        Assert.Equal(ChainSegApp.Ok, configured.ExitCode);
        Assert.Equal((20L, 0L), Counts(configured, "order_lines"));
    }

    // A column mixing date-only and date-time values: one layout leaves the other shape unparseable, with advice naming the
    // layout and the list that reads both; that list, as formats: takes it, passes the check with every row read.
    [Fact]
    public void Validate_DateOnlyAndDateTimeValues_OneLayoutAdvisesTheListThatPasses()
    {
        var rows = Enumerable.Range(1, 20).Select(i => $"SO-{i},C{i % 5},X,{i % 28 + 1:00}.03.2025{(i % 2 == 0 ? " 14:05" : "")},2,5");
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\n" + string.Join("\n", rows) + "\n");
        var config = Path.Combine(Data, "chainseg.yaml");

        File.WriteAllText(config, "sources:\n  order_lines:\n    path: order_lines.csv\n    formats: { order_date: dd.MM.yyyy }\n");
        var one = CliRun.Invoke("validate", "--config", config, "-q");
        File.WriteAllText(config, "sources:\n  order_lines:\n    path: order_lines.csv\n    formats: { order_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm] }\n");
        var both = CliRun.Invoke("validate", "--config", config);

        Assert.Equal(ChainSegApp.UsageError, one.ExitCode);
        Assert.Equal("error: order_lines: 10 of 20 rows (50 %) have an unparseable order_date, such as '03.03.2025 14:05'; no layout under "
            + "sources.order_lines.formats (order_date: dd.MM.yyyy) reads them, and they read as dates laid out dd.MM.yyyy HH:mm: "
            + "list it too (order_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm]).", one.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, both.ExitCode);
        Assert.Equal((20L, 0L), Counts(both, "order_lines"));
    }

    // Values of two shapes no one layout reads (31.12 with a time of day beside 2025/03/…): the advice lists a layout per
    // shape, with formats: and without it, and the list it names passes the check.
    [Fact]
    public void Validate_UnreadableDatesOfTwoShapes_AdvisesALayoutPerShapeAndTheListPasses()
    {
        var rows = Enumerable.Range(1, 20).Select(i => $"SO-{i},C{i % 5},X,{(i % 2 == 0 ? $"{i:00}.03.2025 14:05" : $"2025/03/{i:00}")},2,5");
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\n" + string.Join("\n", rows) + "\n");
        var config = Path.Combine(Data, "chainseg.yaml");

        var bare = CliRun.Invoke("validate", "--data", Data, "-q");
        File.WriteAllText(config, "sources:\n  order_lines:\n    path: order_lines.csv\n    formats: { order_date: dd.MM.yyyy }\n");
        var one = CliRun.Invoke("validate", "--config", config, "-q");
        File.WriteAllText(config, "sources:\n  order_lines:\n    path: order_lines.csv\n    formats: { order_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm, yyyy/MM/dd] }\n");
        var listed = CliRun.Invoke("validate", "--config", config);

        Assert.Equal("error: order_lines: 20 of 20 rows (100 %) have an unparseable order_date, such as '2025/03/01'; they read as dates "
            + "laid out yyyy/MM/dd (such as '2025/03/01') and dd.MM.yyyy HH:mm (such as '02.03.2025 14:05'): "
            + "name them under sources.order_lines.formats (order_date: [yyyy/MM/dd, dd.MM.yyyy HH:mm]).", bare.Error.Trim());
        Assert.Equal("error: order_lines: 20 of 20 rows (100 %) have an unparseable order_date, such as '2025/03/01'; no layout under "
            + "sources.order_lines.formats (order_date: dd.MM.yyyy) reads them, and they read as dates laid out yyyy/MM/dd (such as '2025/03/01') "
            + "and dd.MM.yyyy HH:mm (such as '02.03.2025 14:05'): list them too (order_date: [dd.MM.yyyy, yyyy/MM/dd, dd.MM.yyyy HH:mm]).", one.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, listed.ExitCode);
        Assert.Equal((20L, 0L), Counts(listed, "order_lines"));
    }

    // Settings a run reads only after its metrics are checked too, and nothing else is written.
    [Theory]
    [InlineData("policies:\n  inventory:\n    target_rule: maximum\n", "error: policies.inventory: Unknown target aggregation 'maximum'")]
    [InlineData("window: 12 moons\n", "error: window '12 moons' is not understood")]
    // "must be positive" named no fix.
    [InlineData("window: 0 months\n", "error: window '0 months' must be positive; write e.g. '12 months', or 'all' for the whole history.")]
    // An empty window read as the whole history, where an empty periods is refused: what was meant is unknown, so it is asked.
    [InlineData("window: ''\n", "error: window is empty; write e.g. '12 months', '26 weeks', '2 years' or 'all', or remove the key for the whole history.")]
    [InlineData("window: '  '\n", "error: window is empty; write e.g. '12 months'")]
    [InlineData("window: 5000 years\n", "error: window '5000 years' reaches before 1900-01-01, the earliest date ChainSeg reads; use 'all' or a shorter window.")]
    [InlineData("window: 99999999999 days\n", "error: window '99999999999 days' reaches before 1900-01-01")]
    [InlineData("window: 3000000 days\n", "error: window '3000000 days' reaches before 1900-01-01")]
    [InlineData("window: 301 years\n", "error: window '301 years' reaches before 1900-01-01")]
    [InlineData("policies:\n  calendar:\n    weekend: [saturday, funday]\n", "error: policies.calendar.weekend: 'funday' is not a weekday")]
    [InlineData("segmentation:\n  models:\n    tiers: { method: rules, rules: [{ segment: big, when: \"revenue >> 5\" }] }\n", "error: segmentation.models.tiers: ")]
    [InlineData("segmentation:\n  models:\n    m:\n      rules:\n        - { segment: big, when: revenue > 5 }\n        - { segment: '', when: orders > 2 }\n", "error: segmentation.models.m: rule 2 has no segment; name the segment it assigns (segment: NAME) or remove the rule.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, value_metric: revnue }\n", "error: segmentation.models.m.value_metric: unknown metric 'revnue' (did you mean 'revenue'?)")]
    [InlineData("segmentation:\n  models:\n    m: { method: rules, rules: [{ segment: big, when: \"demand_class > 1\" }] }\n",
        "error: segmentation.models.m: rule 'big': '>' at position 14 compares numbers, and demand_class is a text column; compare it with == or != (e.g. demand_class == 'value') or in (…)")]
    [InlineData("segmentation:\n  models:\n    m: { method: rules, fallback: core, rules: [{ segment: \" core\", when: revenue > 5 }] }\n",
        "error: segmentation.models.m: rule 1's segment ' core' begins or ends with whitespace: it would print as 'core' yet not be the segment 'core'; write 'core'.")]
    [InlineData("segmentation:\n  models:\n    m: { method: rules, merge_into: nearest, rules: [{ segment: big, when: revenue > 5 }] }\n",
        "error: segmentation.models.m.merge_into applies only with min_segment_share above 0 (the share under which a rule segment merges away), which the model does not set; remove merge_into or set min_segment_share.")]
    [InlineData("simulation: { days: 0 }\n", "error: simulation.days must be at least 1; got 0.")]
    [InlineData("policies:\n  segments:\n    AX: { csl: 0.95, surcharge: \"abc\" }\n", "error: policies.segments.AX.surcharge: Surcharge 'abc' is neither an amount")]
    [InlineData("policies:\n  shortage:\n    AX: { tier: 0 }\n", "error: policies.shortage: Priority tier of segment 'AX' must be ≥ 1")]
    [InlineData("policies:\n  capacity:\n    period: decade\n", "error: policies.capacity.period 'decade' is not known")]
    [InlineData("policies:\n  capacity:\n    resources:\n      pick: { per_unit: 0.1 }\n", "error: policies.capacity.resources.pick: give exactly one of capacity")]
    [InlineData("costs:\n  holding_cost_rate: .inf\n", "error: costs: ordering_cost must be a number ≥ 0 and holding_cost_rate > 0")]
    [InlineData("costs:\n  ordering_cost: .nan\n", "error: costs: ordering_cost must be a number ≥ 0 and holding_cost_rate > 0")]
    [InlineData("policies:\n  inventory:\n    review_period_days: .inf\n", "error: policies.inventory.review_period_days must be ≥ 0")]
    [InlineData("metrics:\n  otif: { in_full_tolerance: 2 }\n", "error: metrics.otif.in_full_tolerance must be in [0, 1) (the share of a line's quantity that may be missing, such as 0.02 for 2 %); got 2.")]
    [InlineData("metrics:\n  otif: { in_full_tolerance: -0.1 }\n", "error: metrics.otif.in_full_tolerance must be in [0, 1) (the share of a line's quantity that may be missing, such as 0.05 for 5 %); got -0.1.")]
    [InlineData("metrics:\n  otif: { late_days: -2 }\n", "error: metrics.otif: late_days and early_days must be in [0, 3,653] (days around the reference date, promised unless metrics.otif.reference says requested; ten years at most); got -2 and none.")]
    [InlineData("metrics:\n  otif: { early_days: -1 }\n", "error: metrics.otif: late_days and early_days must be in [0, 3,653]")]
    // A day count as large as an int passed validate, and the run stopped at its metrics on DuckDB's "Out of Range Error:
    // Date out of range" (the promise moved past the last date DuckDB holds), naming neither the setting nor the fix.
    [InlineData("metrics:\n  otif: { late_days: 2147483647 }\n", "error: metrics.otif: late_days and early_days must be in [0, 3,653] (days around the reference date, promised unless metrics.otif.reference says requested; ten years at most); got 2,147,483,647 and none.")]
    [InlineData("metrics:\n  otif: { early_days: 3654 }\n", "error: metrics.otif: late_days and early_days must be in [0, 3,653] (days around the reference date, promised unless metrics.otif.reference says requested; ten years at most); got 0 and 3,654.")]
    [InlineData("policies:\n  capacity:\n    resources:\n      pick: { share_of_need: .nan, per_unit: 0.1 }\n", "error: policies.capacity.resources.pick.share_of_need must be in (0, 10] (capacity as a share of the peak period's need, such as 0.85 for 85 %); got NaN.")]
    [InlineData("simulation: { replications: 0 }\n", "error: simulation.replications must be at least 1; got 0.")]
    [InlineData("simulation: { seed: -1 }\n", "error: simulation.seed must be in [0, 2147483647]; got -1.")]
    [InlineData("as_of: ''\n", "error: as_of is empty; write a date as yyyy-MM-dd, or leave as_of out for the latest order date.")]
    [InlineData("simulation: { days: 100000000 }\n", "error: simulation.days must be at most 3,653 (ten years); got 100,000,000.")]
    // The run failed at its last stage on .NET's "Array dimensions exceeded supported range", exit 1.
    [InlineData("simulation: { replications: 2147483647 }\n", "error: simulation.replications must be at most 1,000; got 2,147,483,647. More days (up to 3,653) or SKU-locations narrow the figures too.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, abc: { a: 0.9, b: 0.8 } }\n", "error: segmentation.models.m.abc: b 0.8 must be above a 0.9")]
    [InlineData("policies:\n  inventory:\n    multi_echelon_csl: 1.0\n", "error: policies.inventory.multi_echelon_csl must be a fraction between 0 and 1 (neither included), such as 0.95 for 95 %; got 1.")]
    // A share written as a percent was refused without a word of fractions: "'98%' is not a number", "Cycle service level must
    // be in (0, 1); got 98", "Minimum fill of segment 'AX' must be in [0, 1]; got 50", "share_of_need must be in (0, 10]".
    [InlineData("policies:\n  segments:\n    AX: { csl: 98% }\n", "error: chainseg.yaml line 3, column 16 (policies.segments.AX.csl): '98%' is a percent; write the share as a fraction: 0.98 for 98 %. Fix the YAML at that position.")]
    [InlineData("policies:\n  segments:\n    AX: { fill_rate: \"97.5 %\" }\n", "error: chainseg.yaml line 3, column 22 (policies.segments.AX.fill_rate): '97.5 %' is a percent; write the share as a fraction: 0.975 for 97.5 %.")]
    [InlineData("policies:\n  segments:\n    AX: { csl: 98 }\n", "error: policies.segments.AX.csl must be a fraction between 0 and 1 (neither included), such as 0.98 for 98 %; got 98.")]
    [InlineData("policies:\n  default: { fill_rate: 0 }\n", "error: policies.default.fill_rate must be a fraction between 0 and 1 (neither included), such as 0.98 for 98 %; got 0.")]
    [InlineData("policies:\n  inventory:\n    multi_echelon_csl: 90\n", "error: policies.inventory.multi_echelon_csl must be a fraction between 0 and 1 (neither included), such as 0.9 for 90 %; got 90.")]
    [InlineData("policies:\n  shortage:\n    AX: { tier: 1, min_fill: 50 }\n", "error: policies.shortage.AX.min_fill must be a fraction from 0 to 1, such as 0.5 for 50 %; got 50.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, abc: { a: 80, b: 95 } }\n", "error: segmentation.models.m.abc.a must be a fraction between 0 and 1 (neither included), such as 0.8 for 80 %; got 80.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc_xyz, abc: { a: 0.8, b: 95 } }\n", "error: segmentation.models.m.abc.b must be a fraction above 0 and at most 1, such as 0.95 for 95 %; got 95.")]
    [InlineData("policies:\n  capacity:\n    resources:\n      pick: { share_of_need: 85, per_unit: 0.1 }\n", "error: policies.capacity.resources.pick.share_of_need must be in (0, 10] (capacity as a share of the peak period's need, such as 0.85 for 85 %); got 85.")]
    // A number beyond a double's range read as Infinity ("got Infinity"), or as no number at all for a whole-number setting.
    [InlineData("policies:\n  segments:\n    AX: { csl: 1e400 }\n", "error: chainseg.yaml line 3, column 16 (policies.segments.AX.csl): '1e400' is beyond the range of numbers (about ±1.8e308); write one within it. Fix the YAML at that position.")]
    [InlineData("costs:\n  holding_cost_rate: -1e400\n", "error: chainseg.yaml line 2, column 22 (costs.holding_cost_rate): '-1e400' is beyond the range of numbers (about ±1.8e308); write one within it.")]
    [InlineData("simulation: { days: 1e400 }\n", "error: chainseg.yaml line 1, column 21 (simulation.days): '1e400' is a whole number too large for this setting; write a smaller one.")]
    [InlineData("policies:\n  inventory:\n    default_lead_time_days: -7\n", "error: policies.inventory.default_lead_time_days must be > 0 (days from order to receipt); got -7.")]
    [InlineData("policies:\n  inventory:\n    kanban_container: 0\n", "error: policies.inventory.kanban_container must be > 0 units")]
    [InlineData("policies:\n  calendar:\n    weekend: [monday, tuesday, wednesday, thursday, friday, saturday, sunday]\n", "error: policies.calendar.weekend lists all seven days")]
    [InlineData("segmentation:\n  stability: { periods: 4 }\n  models:\n    m: { method: abc, hysteresis: { periods: 4 } }\n", "error: segmentation.models.m.hysteresis.periods 4 needs at least 5 period ends before anyone can change segment, and segmentation.stability.periods is 4;")]
    [InlineData("segmentation:\n  models:\n    m: { method: rules, hysteresis: { margin: 0.15 }, rules: [{ segment: reliable, when: \"otif_rate >= 95%\" }] }\n",
        "error: segmentation.models.m.hysteresis.margin 0.15: rule 'reliable' (otif_rate >= 95%) hardened by 15 % needs otif_rate ≥ 1.0925, but otif_rate is a share, at most 1,")]
    public void Validate_BadSetting_OneLineNamingItAndExitCode2(string yaml, string expectedStart)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), yaml);

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(["chainseg.yaml", "order_lines.csv"], Directory.GetFileSystemEntries(Data).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // A rate written as a percent was accepted: holding_cost_rate: 25 is 2,500 % of unit cost a year, kanban_safety_factor: 10
    // eleven times the cards. Both are refused with the fraction a percent stands for, as the share settings are.
    [Theory]
    [InlineData("costs:\n  holding_cost_rate: 25\n", "error: costs.holding_cost_rate must be in (0, 1] (a fraction of unit cost per year, such as 0.25 for 25 %); got 25.")]
    [InlineData("costs:\n  holding_cost_rate: 1.5\n", "error: costs.holding_cost_rate must be in (0, 1] (a fraction of unit cost per year, such as 0.015 for 1.5 %); got 1.5.")]
    [InlineData("policies:\n  inventory:\n    kanban_safety_factor: 10\n", "error: policies.inventory.kanban_safety_factor must be in [0, 1] (extra stock as a share of the demand over the lead time, such as 0.1 for 10 %); got 10.")]
    [InlineData("policies:\n  inventory:\n    kanban_safety_factor: -0.1\n", "error: policies.inventory.kanban_safety_factor must be in [0, 1]")]
    // version: ~ said "version must be 1 or more; got 0", a 0 nobody wrote.
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: ~ }\n", "error: chainseg.yaml line 3, column 32 (segmentation.models.m.version): the value is empty; write a whole number here, or remove the key for its default.")]
    public void Validate_RateAsAPercentOrAnEmptyNumber_OneLineNamingWhatToWrite(string yaml, string expectedStart) =>
        Validate_BadSetting_OneLineNamingItAndExitCode2(yaml, expectedStart);

    [Theory]
    [InlineData("costs:\n  holding_cost_rate: 1\n")]
    [InlineData("policies:\n  inventory:\n    kanban_safety_factor: 1\n")]
    public void Validate_RateAtItsUpperEnd_Accepted(string yaml)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), yaml);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("validate", "--data", Data, "-q").ExitCode);
    }

    // A policies: entry naming a segment the active model can never assign (a misspelt name) applies to nobody: validate warns
    // before any run (a run only said so afterwards), exits 0 (a run treats it as a warning too), and stays silent for a
    // k-means model, whose segments the data names.
    [Theory]
    [InlineData("", "AZZ big", "'abc-xyz' (abc_xyz) never assigns (its segments: AX, AY, AZ, BX, BY, BZ, CX, CY, CZ, inactive)")]
    [InlineData("segmentation:\n  active: t\n  models:\n    t: { method: rules, fallback: small, rules: [{ segment: big, when: revenue > 5 }] }\n",
        "AX AZZ", "'t' (rules) never assigns (its segments: big, small, inactive)")]
    [InlineData("segmentation:\n  active: k\n  models:\n    k: { method: kmeans, dimensions: [revenue, orders] }\n", null, null)]
    public void Validate_PolicyNamingASegmentTheModelNeverAssigns_Warns(string models, string? unknown, string? detail)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), models + "policies:\n  shortage:\n    AX: { tier: 1 }\n    AZZ: { tier: 2 }\n    big: { tier: 1 }\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = unknown?.Split(' ') ?? [];
        Assert.Equal(names.Select(n => $"warning: policy_unknown_segment: policies.shortage.{n} names segment '{n}', which the active model {detail}; check the name."), warnings);
        // --quiet prints only errors: validate printed its warnings under it, which run and allocate keep back.
        var quiet = CliRun.Invoke("validate", "--data", Data, "--quiet");
        Assert.Equal((ChainSegApp.Ok, "", ""), (quiet.ExitCode, quiet.Output, quiet.Error));
    }

    // A model the file writes that reads a metric measured from another export than the order lines (cost_to_serve from
    // cost_pools, otif_rate from shipments) sees it empty for every customer when that export is missing: validate warns
    // before any run (a run said so only after ingest and metrics, metric_without_values), and stays silent for metrics the
    // data has (revenue, and otif_rate and drop_size once shipments.csv is there). A rule comparing region reads the customer master's text,
    // empty for everyone without customers.csv (validate was silent; the run said metric_without_values).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Validate_ModelReadingAMetricWhoseSourceIsMissing_Warns(bool withShipments)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        if (withShipments)
            File.WriteAllText(Path.Combine(Data, "shipments.csv"), "shipment_id,order_id\nH1,SO-1\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), """
            segmentation:
              models:
                t: { method: rules, fallback: small, rules: [{ segment: big, when: "revenue > 5 and cost_to_serve_pct < 0.1 and region in ('EU')" }] }
                k: { method: kmeans, dimensions: [revenue, otif_rate, drop_size] }
            """);

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var expected = new[]
        {
            "warning: metric_without_source: model 't' reads cost_to_serve_pct, which is measured from cost_pools, and no cost_pools source is configured or found; "
                + "every customer will have it empty. Add the cost_pools export (or its sources: entry), or drop cost_to_serve_pct from the model.",
            "warning: metric_without_source: model 't' reads region, which is measured from customers, and no customers source is configured or found; "
                + "every customer will have it empty. Add the customers export (or its sources: entry), or drop region from the model.",
            "warning: metric_without_source: model 'k' reads otif_rate, which is measured from shipments, and no shipments source is configured or found; "
                + "every customer will have it empty. Add the shipments export (or its sources: entry), or drop otif_rate from the model.",
            "warning: metric_without_source: model 'k' reads drop_size, which is measured from shipments, and no shipments source is configured or found; "
                + "every customer will have it empty. Add the shipments export (or its sources: entry), or drop drop_size from the model.",
        };
        Assert.Equal(withShipments ? expected[..2] : expected, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // ABC on gross_margin without products.unit_cost or order_lines.margin_amount (Online Retail's export maps neither) ranks
    // every customer C: validate said nothing, and the run warned only after ingest and metrics. A products source with
    // unit_cost, or margin_amount on the lines, gives margins, and validate stays silent.
    [Theory]
    [InlineData("")]
    [InlineData("products")]
    [InlineData("margin_amount")]
    public void Validate_ModelReadingAMarginWithoutAnyCost_Warns(string cost)
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), cost == "margin_amount"
            ? Header + ",margin_amount\nSO-1,C1,X,2025-01-01,2,5,3\n"
            : Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        if (cost == "products")
            File.WriteAllText(Path.Combine(Data, "products.csv"), "sku,unit_cost\nX,2\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), """
            segmentation:
              models:
                profit: { method: abc, value_metric: gross_margin }
                margin: { method: rules, fallback: low, rules: [{ segment: high, when: "gross_margin_pct > 0.3" }] }
            """);

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        string[] expected =
        [
            "warning: metric_without_source: model 'profit' reads gross_margin, and gross_margin needs products.unit_cost or order_lines.margin_amount; neither is in the data, "
                + "so every customer will have it empty. Map unit_cost on a products source or margin_amount on order_lines, or drop gross_margin from the model.",
            "warning: metric_without_source: model 'margin' reads gross_margin_pct, and gross_margin_pct needs products.unit_cost or order_lines.margin_amount; neither is in the data, "
                + "so every customer will have it empty. Map unit_cost on a products source or margin_amount on order_lines, or drop gross_margin_pct from the model.",
        ];
        Assert.Equal(cost == "" ? expected : [], run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // Customers on a parent cycle are data to correct, which a run reads (their parents empty) and warns of: validate
    // printed the run's advice as an error, "a problem a setting must fix", and exited 2, though no setting fixes it.
    [Fact]
    public void Validate_CustomersOnAParentCycle_WarnsAndExitsOk()
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,X1,S,2025-01-01,2,5\nSO-2,X3,S,2025-01-02,1,5\n");
        File.WriteAllText(Path.Combine(Data, "customers.csv"), "customer_id,parent_id\nX1,X2\nX2,X1\nX3,X3\nX4,X1\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal("warning: customers: 3 customers' parent_ids lead back to themselves (X1, X2, X3): read as empty, so each heads its own account; "
            + "correct parent_id in the customer master to roll them up.", run.Error.Trim());
        Assert.Contains("settings, files and columns are valid", run.Output.ReplaceLineEndings(" "));
        var quiet = CliRun.Invoke("validate", "--data", Data, "--quiet");
        Assert.Equal((ChainSegApp.Ok, "", ""), (quiet.ExitCode, quiet.Output, quiet.Error));
    }

    // as_of: in chainseg.yaml after tomorrow is refused as run refuses --as-of there (one check, RunPipeline.ParseAsOf):
    // validate passed it and a run segmented a future no order had reached. Dates relative to the clock.
    [Fact]
    public void Validate_AsOfAfterTomorrow_OneLineNamingTheFixAndExitCode2()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var future = today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), $"as_of: {future}\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: as_of {future} is in the future (today is {today:yyyy-MM-dd}), so no order has reached it; give a date up to tomorrow, or leave as_of out for the latest order date.",
            run.Error.Trim());
    }

    // validate passed costs.activity_rates and costs.time_equations naming a pool cost_pools lacks, which a run refuses
    // after ingesting and measuring. It reads the pools of the mapped source as a run does (here --config alone, a renamed
    // file and column), all of them however small --sample is: the pool named last lies beyond a 1-row sample.
    [Theory]
    [InlineData("activity_rates: { pickng: 0.35 }", "error: costs.activity_rates: 'pickng' is not an activity in cost_pools (did you mean 'picking'?); "
        + "its activities: customer_service, order_processing, picking. A rate overrides a pool's and charges by its driver, so fix the name or add the pool to cost_pools.")]
    [InlineData("time_equations: { customer_servce: { practical_capacity_minutes: 100, minutes: { orders: 8 } } }",
        "error: costs.time_equations: 'customer_servce' is not an activity in cost_pools (did you mean 'customer_service'?); "
        + "its activities: customer_service, order_processing, picking. A time equation prices a pool's capacity, so fix the name or add the pool to cost_pools.")]
    [InlineData("activity_rates: { picking: 0.35 }\n  time_equations: { customer_service: { practical_capacity_minutes: 100, minutes: { orders: 8 } } }", null)]
    public void Validate_CostSettingNamingAPoolCostPoolsLacks_OneLineWithTheNearestPoolAndExitCode2(string costs, string? error)
    {
        File.WriteAllText(Path.Combine(Data, "orders.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        // Padded names: a run trims them, so validate must too.
        File.WriteAllText(Path.Combine(Data, "pools.csv"), "Aktivitaet,Treiber,Kosten\norder_processing,orders,1000\n picking ,lines,500\ncustomer_service,orders,2000\n");
        var config = Path.Combine(Data, "chainseg.yaml");
        File.WriteAllText(config, "sources:\n  order_lines: { path: orders.csv }\n"
            + "  cost_pools: { path: pools.csv, columns: { activity: Aktivitaet, driver: Treiber, annual_cost: Kosten } }\n"
            + $"costs:\n  {costs}\n");

        var run = CliRun.Invoke("validate", "--config", config, "--sample", "1", "-q");

        Assert.Equal((error is null ? ChainSegApp.Ok : ChainSegApp.UsageError, error ?? ""), (run.ExitCode, run.Error.Trim()));
    }

    // A configured pool whose only cost_pools row a run quarantines (a negative annual cost) stops the run after ingesting,
    // naming the row; validate passed it. Refused as the run refuses it, with no quarantine file to point at, and found
    // however small --sample is: the pool's row lies beyond a 1-row sample.
    [Theory]
    [InlineData("activity_rates: { customer_service: 0.35 }", "costs.activity_rates")]
    [InlineData("time_equations: { customer_service: { practical_capacity_minutes: 100, minutes: { orders: 8 } } }", "costs.time_equations")]
    public void Validate_ConfiguredPoolsRowQuarantined_OneLineNamingTheRowAndItsReasonAndExitCode2(string costs, string setting)
    {
        CostPoolsCompany("picking,lines,1000\ncustomer_service,orders,-5\n", $"  {costs}\n");

        var run = CliRun.Invoke("validate", "--data", Data, "--sample", "1", "-q");

        Assert.Equal((ChainSegApp.UsageError, $"error: {setting}: the cost_pools row of 'customer_service' (row 2) was quarantined as invalid_value:annual_cost ('-5'), "
            + "so the pool has no cost to price; correct the row in the export."), (run.ExitCode, run.Error.Trim()));
    }

    // A quarantined row of a pool no setting names is data the run reads past: listed, not refused.
    [Fact]
    public void Validate_UnconfiguredPoolsRowQuarantined_Passes()
    {
        CostPoolsCompany("picking,lines,-5\ncustomer_service,orders,1000\n", "  activity_rates: { customer_service: 0.35 }\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error.Trim()));
        Assert.Equal((2L, 1L), Counts(run, "cost_pools"));
    }

    // A time-driven pool's driver may be empty (its time equation charges it), and one the equation does not use is
    // warned as a run warns it; validate quarantined the empty driver and said nothing of the other.
    [Fact]
    public void Validate_TimeDrivenPoolsDriver_EmptyAcceptedAndOneOutsideItsEquationWarned()
    {
        CostPoolsCompany("customer_service,,2000\n  ,orders,5\nclaims_desk,Lines,900\npicking,lines,500\n", "  time_equations:\n"
            + "    customer_service: { practical_capacity_minutes: 1000, minutes: { orders: 8 } }\n"
            + "    claims_desk: { practical_capacity_minutes: 1000, minutes: { complaints: 44 } }\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        // Only the row without an activity is quarantined, and it is no pool to name.
        Assert.Equal((4L, 1L), Counts(run, "cost_pools"));
        Assert.Equal("warning: cost_pool_driver_ignored: cost_pools gives pool 'claims_desk' the driver lines, which its time equation does not use "
            + "(costs.time_equations.claims_desk.minutes: complaints); the pool is charged by its minutes, so leave the driver empty, or add lines to the minutes if it takes time.",
            run.Error.Trim());
    }

    // A time-driven pool's driver that is no cost driver at all is ignored as one outside its equation: validate
    // quarantined it (invalid_value:driver), said the settings were valid, and advised adding it to the minutes.
    [Fact]
    public void Validate_TimeDrivenPoolsDriverThatIsNoCostDriver_AcceptedAndWarnedWithoutAdvisingIt()
    {
        CostPoolsCompany("customer_service,calls,2000\npicking,lines,500\n", "  time_equations:\n    customer_service: { practical_capacity_minutes: 1000, minutes: { orders: 8 } }\n");

        var run = CliRun.Invoke("validate", "--data", Data);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal((2L, 0L), Counts(run, "cost_pools"));
        Assert.Equal("warning: cost_pool_driver_ignored: cost_pools gives pool 'customer_service' the driver calls, which is no cost driver "
            + "(costs.time_equations.customer_service.minutes: orders); the pool is charged by its minutes, so leave the driver empty.", run.Error.Trim());
    }

    // A run checks the same settings before it ingests anything: no output folder, no store.
    [Fact]
    public void Run_BadInventorySetting_StopsBeforeIngesting()
    {
        File.WriteAllText(Path.Combine(Data, "order_lines.csv"), Header + "\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), "policies:\n  inventory:\n    review_period_days: -1\n");
        var output = Path.Combine(Data, "out");

        var run = CliRun.Invoke("run", "--data", Data, "--out", output, "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: policies.inventory.review_period_days must be ≥ 0 (0 = continuous review, 1 = nightly).", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData(new[] { "validate" }, "error: nothing to check: pass --config FILE")]
    [InlineData(new[] { "validate", "--data", ".", "--sample", "0" }, "error: --sample must be at least 1; got 0.")]
    [InlineData(new[] { "validate", "--data", "missing-folder" }, "error: data folder not found:")]
    public void Validate_BadFlags_OneLineAndExitCode2(string[] args, string expectedStart)
    {
        var run = CliRun.Invoke(args.Select(a => a is "." or "missing-folder" ? Path.Combine(Data, a) : a).ToArray());
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith(expectedStart, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    // A data file given as --config was told to fix "the YAML" at line 1, column 1, as if it were a chainseg.yaml with a mistake.
    [Fact]
    public void Validate_CsvAsConfig_SaysItIsNotAChainSegYamlAndWhereDataGoes()
    {
        var csv = Path.Combine(Data, "order_lines.csv");
        File.WriteAllText(csv, Header + "\nSO-1,C1,X,2025-01-01,2,5\n");

        var run = CliRun.Invoke("validate", "--config", csv);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: order_lines.csv is not a chainseg.yaml: a .csv file holds data, not settings; pass your chainseg.yaml with --config, and put data files in the folder given with --data.", run.Error.Trim());
    }

    public void Dispose() => _folder.Dispose();
}
