using System.Globalization;
using System.Text.Json;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class CalcCommandTests : IDisposable
{
    // Snyder & Shen (2019), Example 5.1: λ = 1300 ± 150 per year, L = 1/12 year, h = 0.225, p = 7.5, K = 8.
    private static readonly string[] Example5_1 =
    [
        "calc", "rq", "--holding", "0.225", "--stockout", "7.5", "--fixed-cost", "8", "--demand", "1300", "--demand-sd", "150",
        "--lead-time", (1.0 / 12.0).ToString("R", CultureInfo.InvariantCulture),
    ];

    // Chopra & Meindl, Supply Chain Management, Exercise 11-4: weekly demand 250 ± 150, lead time 2 weeks.
    private static readonly string[] Exercise11_4 = ["calc", "safety-stock", "--demand-mean", "250", "--demand-sd", "150", "--lead-time", "2"];

    // Snyder & Shen (2019), Example 6.5: 1 → 3, 3 → 2, 3 → 4; T = (2, 1, 1, 1), h = (1, 3, 2, 3), z = 1, σ = 1 at the
    // customer-facing stages 2 and 4, external inbound time 1 at stage 1, outbound times 0 (stage 2) and 1 (stage 4).
    private const string Example6_5 = """
        {
          "z": 1,
          "nodes": [
            { "id": "1", "processing_time": 2, "holding_cost": 1, "external_inbound_cst": 1 },
            { "id": "2", "predecessors": ["3"], "processing_time": 1, "holding_cost": 3, "demand_sd": 1, "outbound_cst": 0 },
            { "id": "3", "predecessors": ["1"], "processing_time": 1, "holding_cost": 2 },
            { "id": "4", "predecessors": ["3"], "processing_time": 1, "holding_cost": 3, "demand_sd": 1, "outbound_cst": 1 }
          ]
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Snyder & Shen (2019), Fundamentals of Supply Chain Theory, 2nd ed., Example 3.1: K = 8, h = 0.225, λ = 1300 gives
    // Q* = 304.05 and g* = 68.41 (stockpyl eoq.economic_order_quantity doctest: 304.0467800264368, 68.41052550594829).
    [Fact]
    public void Eoq_SnyderShenExample3_1_MatchesPublishedValues()
    {
        var json = Json("calc", "eoq", "--fixed-cost", "8", "--holding", "0.225", "--demand", "1300", "--json");

        Assert.Equal(304.0467800264368, Number(json, "order_qty"), 9);
        Assert.Equal(68.41052550594829, Number(json, "annual_cost"), 9);
    }

    [Fact]
    public void Eoq_GivenOrderQty_CostsOrderingPlusHolding()
    {
        // By hand: 8·1300/400 + 0.225·400/2 = 26 + 45.
        var json = Json("calc", "eoq", "--fixed-cost", "8", "--holding", "0.225", "--demand", "1300", "--order-qty", "400", "--json");

        Assert.Equal(400.0, Number(json, "order_qty"));
        Assert.Equal(71.0, Number(json, "annual_cost"), 12);
    }

    // Snyder & Shen (2019), Examples 4.1 and 4.3: h = 0.18, p = 0.70, D ~ N(50, 8²): S* = 56.60, g(S*) = 2.00 (stockpyl
    // newsvendor.newsvendor_normal doctest: 56.60395592743389, 1.9976051931766445).
    [Fact]
    public void Newsvendor_SnyderShenExample4_3_MatchesPublishedValues()
    {
        var json = Json("calc", "newsvendor", "--holding", "0.18", "--stockout", "0.70", "--mean", "50", "--sd", "8", "--json");

        Assert.Equal(56.60395592743389, Number(json, "base_stock"), 9);
        Assert.Equal(1.9976051931766445, Number(json, "expected_cost"), 9);
    }

    // Snyder & Shen (2019), Example 4.1: g(60) = 2.1561 (stockpyl newsvendor.newsvendor_normal_cost doctest: 2.156131552870387).
    [Fact]
    public void Newsvendor_GivenBaseStock_MatchesExample4_1Cost()
    {
        var json = Json("calc", "newsvendor", "--holding", "0.18", "--stockout", "0.70", "--mean", "50", "--sd", "8", "--base-stock", "60", "--json");

        Assert.Equal(60.0, Number(json, "base_stock"));
        Assert.Equal(2.156131552870387, Number(json, "expected_cost"), 9);
    }

    // Poisson(50) demand with h = 0.18, p = 0.70: S* = 56 at cost 1.7972 (stockpyl newsvendor.newsvendor_poisson doctest:
    // 56.0, 1.797235211809178).
    [Fact]
    public void Newsvendor_PoissonMeanFifty_MatchesPublishedValues()
    {
        var json = Json("calc", "newsvendor", "--holding", "0.18", "--stockout", "0.70", "--mean", "50", "--distribution", "poisson", "--json");

        Assert.Equal(56.0, Number(json, "base_stock"));
        Assert.Equal(1.797235211809178, Number(json, "expected_cost"), 9);
    }

    [Fact]
    public void Newsvendor_LeadTimeFour_ScalesExample4_3ByRootOfFivePeriods()
    {
        // Independent path from the published Example 4.3 optimum: with L = 4 the base stock protects 5 periods of
        // N(50, 8²) demand, i.e. N(250, (8√5)²). The safety factor z is unchanged, so S* = 250 + (56.60396 − 50)·√5,
        // and for normal demand g(S*) = (h + p)σφ(z) scales with σ: g = 1.99761·√5.
        var json = Json("calc", "newsvendor", "--holding", "0.18", "--stockout", "0.70", "--mean", "50", "--sd", "8", "--lead-time", "4", "--json");

        Assert.Equal(250.0 + ((56.60395592743389 - 50.0) * Math.Sqrt(5.0)), Number(json, "base_stock"), 9);
        Assert.Equal(1.9976051931766445 * Math.Sqrt(5.0), Number(json, "expected_cost"), 9);
        Assert.Equal(250.0, Number(json, "protection_demand_mean"), 12);
    }

    // Snyder & Shen (2019), Example 5.1 states the optimum (r*, Q*) = (126.8, 328.5) with g = 78.07. Example 5.6 solves the
    // exact optimality conditions n(r) = hQ/(h + p), Q = √(2[Kλ + (h + p)n⁽²⁾(r)]/h) by iteration to 10⁻⁶
    // (stockpyl rq.r_q_loss_function_approximation doctest: 126.8670634479628, 328.4491421980451); our golden-section
    // search over the exact cost must land on the same point.
    [Fact]
    public void Rq_SnyderShenExample5_1Exact_MatchesPublishedOptimum()
    {
        var json = Json([.. Example5_1, "--json"]);

        Assert.Equal(126.8670634479628, Number(json, "reorder_point"), 4);
        Assert.Equal(328.4491421980451, Number(json, "order_qty"), 4);
        Assert.Equal(78.07, Number(json, "expected_cost"), 0.005);
    }

    // Snyder & Shen (2019), Example 5.1: g(126.8, 328.5) = 78.07 (stockpyl rq.r_q_cost doctest: 78.07116250928294, which
    // integrates the newsvendor cost numerically; we use the closed form through the second-order loss function).
    [Fact]
    public void Rq_GivenPolicy_MatchesExample5_1Cost()
    {
        var json = Json([.. Example5_1, "--reorder-point", "126.8", "--order-qty", "328.5", "--json"]);

        Assert.Equal(78.07116250928294, Number(json, "expected_cost"), 7);
    }

    // Snyder & Shen (2019), Example 5.5 (EOQ + SS): r = 190.34, Q = 304.05 (stockpyl rq.r_q_eoqss_approximation doctest:
    // 190.3369965715624, 304.0467800264368).
    [Fact]
    public void Rq_EoqSsMethod_MatchesExample5_5()
    {
        var json = Json([.. Example5_1, "--method", "eoq-ss", "--json"]);

        Assert.Equal(190.3369965715624, Number(json, "reorder_point"), 7);
        Assert.Equal(304.0467800264368, Number(json, "order_qty"), 9);
    }

    // Snyder & Shen (2019), Example 5.2: for Q = 300 the best r is 129.43 (stockpyl rq.r_q_optimal_r_for_q doctest:
    // 129.4272799263067, a bisection stopped at a cost gap of 10⁻⁶, hence four decimals).
    [Fact]
    public void Rq_OrderQtyOnly_MatchesExample5_2BestReorderPoint()
    {
        var json = Json([.. Example5_1, "--order-qty", "300", "--json"]);

        Assert.Equal(129.4272799263067, Number(json, "reorder_point"), 4);
        Assert.Equal(300.0, Number(json, "order_qty"));
    }

    // Chopra & Meindl, Exercise 11-4 (HP printers at Sam's Club): Q = 1000, reorder point 600. Published solution:
    // σ_L = 212, safety inventory 100, CSL = 0.68, ESC = 43.86, fill rate = 0.96.
    [Fact]
    public void SafetyStock_ChopraMeindlExercise11_4_MatchesPublishedSolution()
    {
        var json = Json([.. Exercise11_4, "--reorder-point", "600", "--order-qty", "1000", "--json"]);

        Assert.Equal(100.0, Number(json, "safety_stock"), 9);
        Assert.Equal(600.0, Number(json, "reorder_point"), 9);
        Assert.Equal(0.68, Number(json, "csl"), 2);
        Assert.Equal(0.96, Number(json, "fill_rate"), 2);
        Assert.Equal(43.86, Number(json, "expected_shortage_per_cycle"), 2);
        Assert.Equal(212.0, Number(json, "lead_time_demand_sd"), 0);
    }

    [Fact]
    public void SafetyStock_Csl95WithLeadTimeVariability_IsTableZTimesSigmaL()
    {
        // σ_L = √(L σ_d² + d² σ_LT²) = √(4·20² + 100²·1²) = √11600; z(0.95) = 1.644854 from the standard normal table.
        var json = Json("calc", "safety-stock", "--demand-mean", "100", "--demand-sd", "20", "--lead-time", "4", "--lead-time-sd", "1", "--csl", "0.95", "--json");

        Assert.Equal(1.644854 * Math.Sqrt(11600.0), Number(json, "safety_stock"), 3);
        Assert.Equal(400.0 + Number(json, "safety_stock"), Number(json, "reorder_point"), 9);
        Assert.Equal(0.95, Number(json, "csl"), 12);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("fill_rate").ValueKind);
        Assert.Equal("csl", json.GetProperty("target").GetProperty("definition_id").GetString());
    }

    [Fact]
    public void SafetyStock_FillRate_LeavesAllowedShortageAndAgreesWithLossCalculator()
    {
        // A 98 % fill rate with Q = 1000 allows (1 − 0.98)·1000 = 20 units short per cycle. Cross-check through the loss
        // calculator: σ_L·G(SS/σ_L) must give the same 20 units, with σ_L = √(2·150²).
        var json = Json([.. Exercise11_4, "--fill-rate", "0.98", "--order-qty", "1000", "--json"]);
        double sigma = Math.Sqrt(2.0) * 150.0;
        double z = Number(json, "safety_stock") / sigma;

        var loss = Json("calc", "loss", "--z", z.ToString("R", CultureInfo.InvariantCulture), "--json");

        Assert.Equal(20.0, Number(json, "expected_shortage_per_cycle"), 8);
        Assert.Equal(0.98, Number(json, "fill_rate"), 10);
        Assert.Equal(20.0, sigma * Number(loss, "loss"), 8);
        Assert.Equal(Number(loss, "cdf"), Number(json, "csl"), 12);
        Assert.Equal("fill_rate", json.GetProperty("target").GetProperty("definition_id").GetString());
    }

    // Snyder & Shen (2019), Appendix C, eqs. (C.22) and (C.27): at z = 1.3, L(z) = 0.045528 and L⁽²⁾(z) = 0.018807; the
    // complementary losses are z + L(z) = 1.345528 and ½(z² + 1) − L⁽²⁾(z) = 1.326193 (stockpyl loss_functions doctests
    // standard_normal_loss(1.3) and standard_normal_second_loss(1.3)). By symmetry G(−z) and G₂(−z) equal those complements.
    [Theory]
    [InlineData("1.3", 0.04552796208651397, 0.01880706693657111)]
    [InlineData("-1.3", 1.345527962086514, 1.326192933063429)]
    public void Loss_SnyderShenAppendixC_MatchesPublishedValues(string z, double loss, double secondOrderLoss)
    {
        var json = Json("calc", "loss", "--z", z, "--json");

        Assert.Equal(loss, Number(json, "loss"), 12);
        Assert.Equal(secondOrderLoss, Number(json, "second_order_loss"), 12);
    }

    [Fact]
    public void Loss_ZeroZ_IsFirstEntryOfEveryLossTable()
    {
        // G(0) = φ(0) = 1/√(2π) = 0.398942; Φ(0) = 0.5; G₂(0) = ½(1 − Φ(0)) = 0.25.
        var json = Json("calc", "loss", "--z", "0", "--json");

        Assert.Equal(1.0 / Math.Sqrt(2.0 * Math.PI), Number(json, "loss"), 14);
        Assert.Equal(0.5, Number(json, "cdf"), 14);
        Assert.Equal(0.25, Number(json, "second_order_loss"), 14);
    }

    // Snyder & Shen (2019), Example 6.5 (tree GSM): optimum S = (0, 0, 0, 1) for stages (1, 2, 3, 4) at cost 8.2779
    // (stockpyl gsm_tree.optimize_committed_service_times doctest: {1: 0, 3: 0, 2: 0, 4: 1}, 8.277916867529369).
    [Fact]
    public void Gsm_SnyderShenExample6_5_MatchesPublishedOptimum()
    {
        var json = Json("calc", "gsm", "--network", Write("example-6-5.json", Example6_5), "--json");

        Assert.Equal(8.277916867529369, Number(json, "total_cost"), 12);
        var cst = json.GetProperty("committed_service_times");
        Assert.Equal([0, 0, 0, 1], new[] { "1", "2", "3", "4" }.Select(id => cst.GetProperty(id).GetInt32()));
        // Stage 1 waits SI + T − S = 1 + 2 − 0 periods with σ pooled over stages 2 and 4: √2·√3.
        Assert.Equal(Math.Sqrt(6.0), json.GetProperty("safety_stock").GetProperty("1").GetDouble(), 12);
    }

    // Snyder & Shen (2019), Example 6.3 (serial GSM): 3 → 2 → 1, T = (1, 0, 1), h = (7, 4, 2) for stages (1, 2, 3), z = 1,
    // σ = 1 at stage 1, external inbound time 1 at stage 3, outbound time 1 at stage 1. Optimum S = (1, 0, 0) at cost
    // 2√2 = 2.8284 (stockpyl gsm_serial.optimize_committed_service_times doctest: {3: 0, 2: 0, 1: 1}, 2.8284271247461903).
    [Fact]
    public void Gsm_SnyderShenExample6_3Serial_MatchesPublishedOptimum()
    {
        const string serial = """
            { "z": 1, "nodes": [
              { "id": "1", "predecessors": ["2"], "processing_time": 1, "holding_cost": 7, "demand_sd": 1, "outbound_cst": 1 },
              { "id": "2", "predecessors": ["3"], "processing_time": 0, "holding_cost": 4 },
              { "id": "3", "processing_time": 1, "holding_cost": 2, "external_inbound_cst": 1 } ] }
            """;

        AssertExample6_3Optimum(serial);
    }

    private void AssertExample6_3Optimum(string serial)
    {
        var json = Json("calc", "gsm", "--network", Write("serial.json", serial), "--json");

        Assert.Equal(2.0 * Math.Sqrt(2.0), Number(json, "total_cost"), 12);
        var cst = json.GetProperty("committed_service_times");
        Assert.Equal([1, 0, 0], new[] { "1", "2", "3" }.Select(id => cst.GetProperty(id).GetInt32()));
    }

    [Fact]
    public void Gsm_ShippedExampleFile_SolvesExample6_5()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ChainSeg.slnx")))
            root = root.Parent;
        Assert.NotNull(root);

        var json = Json("calc", "gsm", "--network", Path.Combine(root.FullName, "examples", "gsm", "example-6-5.json"), "--json");

        Assert.Equal(8.277916867529369, Number(json, "total_cost"), 12);
    }

    [Fact]
    public void Gsm_Table_ListsEveryNodeWithItsServiceTimes()
    {
        var run = CliRun.Invoke("calc", "gsm", "--network", Write("example-6-5.json", Example6_5));

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("total safety-stock holding cost 8.27792", run.Output);
        Assert.Contains("committed service time S", run.Output);
        Assert.Contains("2.44949", run.Output);
    }

    [Fact]
    public void Gsm_MissingFile_OneLineNamingFile()
    {
        var path = Path.Combine(_folder.Path, "nope.json");

        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", path), "error: network file not found:", "nope.json", "Pass an existing JSON file with --network");
    }

    [Fact]
    public void Gsm_NetworkIsAFolder_OneLineNamingTheFlag() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", _folder.Path), $"error: --network {_folder.Path} is a folder; pass the network's JSON file");

    [Fact]
    public void Gsm_TruncatedJson_OneLineNamingFileAndLine() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", Write("broken.json", "{ \"z\": 1,\n  \"nodes\": [ { \"id\": \"a\", ")),
            "error: network file", "broken.json", "is not a valid network", "(line 2");

    // An empty network file said System.Text.Json's "The input does not contain any JSON tokens. Expected the input to start
    // with a valid JSON token, when isFinalBlock is true."; a table's header line (the node keys as CSV) "'i' is an invalid
    // start of a value"; a network without nodes Core's "Network must have at least one node.". None said what the file needs.
    [Theory]
    [InlineData("empty.json", "", "error: network file {0} is empty; write the network as JSON: an object with z and nodes[] (examples/gsm/example-6-5.json shows the form).")]
    [InlineData("blank.json", "\n  \n", "error: network file {0} is empty; write the network as JSON: an object with z and nodes[] (examples/gsm/example-6-5.json shows the form).")]
    [InlineData("nodes.csv", "id,predecessors,processing_time,holding_cost,demand_mean,demand_sd,external_inbound_cst,outbound_cst\n",
        "error: network file {0} is not JSON (it starts 'id,predecessors,processing_time,holding_…'); write the network as JSON: an object with z and nodes[] (examples/gsm/example-6-5.json shows the form).")]
    [InlineData("header.json", "id,predecessors,processing_time\n",
        "error: network file {0} is not JSON (it starts 'id,predecessors,processing_time'); write the network as JSON: an object with z and nodes[] (examples/gsm/example-6-5.json shows the form).")]
    [InlineData("no-nodes.json", "{ \"z\": 1.65, \"nodes\": [] }",
        "error: network file {0} has no nodes; list at least one under nodes (id, predecessors, processing_time, holding_cost, demand_mean, demand_sd, external_inbound_cst, outbound_cst, z; examples/gsm/example-6-5.json shows the form).")]
    public void Gsm_EmptyOrHeaderOnlyFile_OneLineNamingFileAndWhatItNeeds(string name, string content, string expected)
    {
        var path = Write(name, content);

        var run = CliRun.Invoke("calc", "gsm", "--network", path);

        Assert.Equal((ChainSegApp.UsageError, string.Format(CultureInfo.InvariantCulture, expected, path), ""), (run.ExitCode, run.Error.Trim(), run.Output));
    }

    [Fact]
    public void Gsm_MisspeltKey_NamesKeyAndTheValidOnes() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", Write("typo.json", "{ \"z\": 1, \"nodes\": [ { \"id\": \"a\", \"holding_costs\": 2 } ] }")),
            "typo.json", "'holding_costs' is not a node key", "holding_cost,", "$.nodes[0].holding_costs");

    [Fact]
    public void Gsm_MissingZ_NamesRequiredKey() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", Write("noz.json", "{ \"nodes\": [ { \"id\": \"a\" } ] }")),
            "noz.json", "lacks the required key 'z'");

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e-3")]
    [InlineData("15e-1")]
    public void Gsm_FractionalProcessingTime_SaysWholeNumber(string time) =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", Write("frac.json", $"{{ \"z\": 1, \"nodes\": [ {{ \"id\": \"a\", \"processing_time\": {time} }} ] }}")),
            "frac.json", "a whole number", "$.nodes[0].processing_time");

    // "processing_time": 1e9 was refused as "not a whole number" for its exponent: Snyder & Shen's Example 6.3 with its
    // times and service times written 1e0, 0E0, 10e-1 solves as written plainly.
    [Fact]
    public void Gsm_WholeNumbersInExponentNotation_ReadAsWritten()
    {
        const string serial = """
            { "z": 1, "nodes": [
              { "id": "1", "predecessors": ["2"], "processing_time": 1e0, "holding_cost": 7, "demand_sd": 1, "outbound_cst": 10e-1 },
              { "id": "2", "predecessors": ["3"], "processing_time": 0E0, "holding_cost": 4 },
              { "id": "3", "processing_time": 1.0, "holding_cost": 2, "external_inbound_cst": 1E+0 } ] }
            """;

        AssertExample6_3Optimum(serial);
    }

    [Fact]
    public void Gsm_ProcessingTime1e9_ReadAsOneBillionPeriods()
    {
        var written = CliRun.Invoke("calc", "gsm", "--network", Write("e9.json", "{ \"z\": 1, \"nodes\": [ { \"id\": \"a\", \"processing_time\": 1e9, \"demand_sd\": 1 } ] }"));
        var plain = CliRun.Invoke("calc", "gsm", "--network", Write("e9.json", "{ \"z\": 1, \"nodes\": [ { \"id\": \"a\", \"processing_time\": 1000000000, \"demand_sd\": 1 } ] }"));

        Assert.Equal((plain.ExitCode, plain.Error), (written.ExitCode, written.Error));
        Assert.Contains("service times up to 1,000,000,000 periods", written.Error);
    }

    // A node was counted from 0 ("Node 1 has no id" for the second), where the rest of ChainSeg counts rules, tiers and rows
    // from 1: a user looked at the first node, which had its id.
    [Theory]
    [InlineData("{ \"z\": 1, \"nodes\": [ { \"id\": \"a\" }, { \"id\": \" \" } ] }", "Node 2 (counting from 1) has no id; give every node an id.")]
    [InlineData("{ \"z\": 1, \"nodes\": [ { \"id\": \"a\" }, null ] }", "Node 2 (counting from 1) is null; write it as an object with an id, or remove it.")]
    public void Gsm_NodeWithoutId_NamesItsPlaceCountingFromOne(string network, string problem)
    {
        var path = Write("noid.json", network);

        var run = CliRun.Invoke("calc", "gsm", "--network", path);

        Assert.Equal((ChainSegApp.UsageError, $"error: network file {path}: {problem}"), (run.ExitCode, run.Error.Trim()));
    }

    [Fact]
    public void Gsm_CycleInNetwork_OneLineNamingFile() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--network", Write("cycle.json", """
            { "z": 1, "nodes": [ { "id": "p" }, { "id": "a", "predecessors": ["p"] }, { "id": "b", "predecessors": ["p"] },
              { "id": "c", "predecessors": ["a", "b"], "demand_sd": 1 } ] }
            """)), "error: network file", "cycle.json", "not a tree");

    [Fact]
    public void Eoq_NegativeHolding_ExitCode2NamingRange() =>
        AssertUsageError(CliRun.Invoke("calc", "eoq", "--fixed-cost", "8", "--holding", "-0.225", "--demand", "1300"),
            "error: Holding cost", "must be a finite number > 0; got -0.225.");

    [Theory]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("0")]
    public void SafetyStock_CslOutsideOpenUnit_ExitCode2NamingRange(string csl) =>
        AssertUsageError(CliRun.Invoke([.. Exercise11_4, "--csl", csl]), "error: Cycle service level must be in (0, 1); got " + csl + ".");

    // "--csl 98" got Core's range alone, where csl: 98 in chainseg.yaml names the fraction it stands for; "--csl
    // 0.99999999999999999" is 1 once parsed, and that hint misread a fraction as a percent.
    [Theory]
    [InlineData("--csl", "98", "error: Cycle service level must be in (0, 1); got 98. --csl takes a fraction, such as 0.98 for 98 %.")]
    [InlineData("--csl", "1", "error: Cycle service level must be in (0, 1); got 1. --csl takes a fraction, such as 0.95 for 95 %.")]
    [InlineData("--csl", "1.0", "error: Cycle service level must be in (0, 1); got 1. --csl takes a fraction, such as 0.95 for 95 %.")]
    [InlineData("--csl", "0e5", "error: Cycle service level must be in (0, 1); got 0. --csl takes a fraction, such as 0.95 for 95 %.")]
    [InlineData("--fill-rate", "97.5", "error: Fill rate must be in (0, 1); got 97.5. --fill-rate takes a fraction, such as 0.975 for 97.5 %.")]
    [InlineData("--csl", "0.99999999999999999", "error: --csl 0.99999999999999999 is 1 in double precision (about 16 significant digits); a cycle service level must be in (0, 1): give at most 0.9999999999999999.")]
    [InlineData("--csl", "1e-400", "error: --csl 1e-400 is 0 in double precision (about 16 significant digits); a cycle service level must be in (0, 1): give at least 1E-300.")]
    [InlineData("--fill-rate", "0.99999999999999999", "error: --fill-rate 0.99999999999999999 is 1 in double precision (about 16 significant digits); a fill rate must be in (0, 1): give at most 0.9999999999999999.")]
    public void SafetyStock_ServiceTargetOutsideOpenUnit_NamesTheFractionItStandsForOrTheRounding(string flag, string value, string expected)
    {
        var run = CliRun.Invoke([.. Exercise11_4, flag, value, "--order-qty", "500"]);
        AssertUsageError(run, expected);
        Assert.Equal(expected, run.Error.Trim());
    }

    // p/(p + h) rounds to 1 once h/p is below 2⁻⁵³: the quantile at 1 is infinite, and the answer was Core's
    // "Probability must be in (0, 1); got 1.", which names neither the costs nor the fix.
    [Theory]
    [InlineData("calc", "newsvendor", "--holding", "1", "--stockout", "1e20", "--mean", "100", "--sd", "10")]
    [InlineData("calc", "newsvendor", "--holding", "1", "--stockout", "1e20", "--mean", "100", "--distribution", "poisson")]
    [InlineData("calc", "rq", "--holding", "1", "--stockout", "1e20", "--fixed-cost", "8", "--demand", "1300", "--demand-sd", "150", "--lead-time", "1")]
    [InlineData("calc", "rq", "--holding", "1", "--stockout", "1e20", "--fixed-cost", "8", "--demand", "1300", "--demand-sd", "150", "--lead-time", "1", "--method", "eoq-ss")]
    [InlineData("calc", "rq", "--holding", "1", "--stockout", "1e20", "--fixed-cost", "8", "--demand", "1300", "--demand-sd", "150", "--lead-time", "1", "--order-qty", "300")]
    public void Calc_CriticalRatioRoundingToOne_ExitCode2NamingCostsAndFix(params string[] args) =>
        AssertUsageError(CliRun.Invoke(args), "stockout cost p = 1E+20", "holding cost h = 1", "critical ratio p/(p + h) rounds to 1",
            "at most 1E+15 times");

    // p + h overflowed to infinity at p = h = 1e308, so the critical ratio came out 0 instead of ½ (and the cost infinite).
    [Fact]
    public void Newsvendor_EqualCostsNearTheLargestDouble_BaseStockAtTheMedian()
    {
        var json = Json("calc", "newsvendor", "--holding", "1e308", "--stockout", "1e308", "--mean", "50", "--sd", "1", "--json");

        Assert.Equal(0.5, Number(json, "critical_ratio"));
        Assert.Equal(50.0, Number(json, "base_stock"), 9);
        // By hand: h·E[(S − D)⁺] + p·E[(D − S)⁺] = 2 · 1e308 · φ(0) at S = μ, σ = 1.
        Assert.Equal(2 * 0.3989422804014327 * 1e308, Number(json, "expected_cost"), 1e295);
    }

    [Theory]
    [InlineData("--csl", "0.9999999999999999")]
    [InlineData("--csl", "1E-300")]
    [InlineData("--fill-rate", "0.9999999999999999")]
    public void SafetyStock_NearestValidTargets_GiveAFiniteAnswer(string flag, string value)
    {
        var json = Json([.. Exercise11_4, flag, value, "--order-qty", "500", "--json"]);

        Assert.True(double.IsFinite(Number(json, "reorder_point")));
    }

    [Fact]
    public void Newsvendor_NegativeStockout_ExitCode2NamingRange() =>
        AssertUsageError(CliRun.Invoke("calc", "newsvendor", "--holding", "1", "--stockout", "-4", "--mean", "6", "--sd", "2"),
            "error: Stockout cost must be a finite number > 0; got -4.");

    // Hung: the Poisson quantile's search never ended at a mean of 1e300 (and ignored Ctrl-C).
    [Fact]
    public void Newsvendor_PoissonMeanBeyondAnExactBaseStock_ExitCode2NamingTheNormalModel() =>
        AssertUsageError(CliRun.Invoke("calc", "newsvendor", "--holding", "0.18", "--stockout", "0.7", "--mean", "1e300", "--distribution", "poisson"),
            "error: Poisson demand over the protection interval, mean × (L + 1), must be at most 1E+09; got 1E+300.", "normal");

    [Fact]
    public void Eoq_NotANumber_OneLineNamingFlag() =>
        AssertUsageError(CliRun.Invoke("calc", "eoq", "--fixed-cost", "8", "--holding", "0,225", "--demand", "1300"),
            "error: --holding '0,225' is not a finite number", "a dot for decimals");

    [Fact]
    public void Loss_NaN_IsRejected() =>
        AssertUsageError(CliRun.Invoke("calc", "loss", "--z", "NaN"), "error: --z 'NaN' is not a finite number");

    // Finite inputs whose answer overflows a double printed "Infinity" and "NaN" (as strings under --json) with exit 0.
    [Theory]
    [InlineData("order_qty", "calc", "eoq", "--fixed-cost", "1e308", "--holding", "1e-308", "--demand", "1e308")]
    [InlineData("order_qty", "calc", "eoq", "--fixed-cost", "1e308", "--holding", "1e-308", "--demand", "1e308", "--json")]
    [InlineData("base_stock", "calc", "newsvendor", "--holding", "0.18", "--stockout", "0.7", "--mean", "1e308", "--sd", "1e308", "--json")]
    [InlineData("second_order_loss", "calc", "loss", "--z", "-1e200")]
    public void Calc_AnswerBeyondADouble_RangeErrorNamingTheFigure(string figure, params string[] args) =>
        AssertUsageError(CliRun.Invoke(args), $"error: {figure} is out of range for these inputs: the answer exceeds ±1.8e308");

    // Inputs so small that Q* = √(2KD/h) rounds to 0 made K·D/Q a 0/0 (NaN), reported as "the answer exceeds ±1.8e308".
    [Theory]
    [InlineData("annual_cost", "calc", "eoq", "--fixed-cost", "1e-300", "--holding", "1", "--demand", "1e-300")]
    [InlineData("annual_cost", "calc", "eoq", "--fixed-cost", "1e-300", "--holding", "1", "--demand", "1e-300", "--json")]
    [InlineData("expected_cost", "calc", "rq", "--holding", "1", "--stockout", "10", "--fixed-cost", "1e-300", "--demand", "1e-300", "--demand-sd", "1", "--lead-time", "1", "--method", "eoq-ss")]
    public void Calc_InputsUnderflowingToZeroOverZero_SaysTheyAreTooSmall(string figure, params string[] args)
    {
        var run = CliRun.Invoke(args);

        AssertUsageError(run, $"error: {figure} cannot be computed for these inputs: they are too small to compute with");
        Assert.DoesNotContain("exceeds", run.Error);
    }

    // Demand of 1e160 with an SD of 1e155 or more: the lead-time variance passes 1.8e308 and the cost becomes ∞ − ∞ (NaN),
    // which was reported as inputs "too small to compute with".
    [Theory]
    [InlineData("--demand-sd", "1e155")]
    [InlineData("--demand-sd", "1e159", "--method", "eoq-ss")]
    public void Calc_RqWithDemandTooLarge_SaysOutOfRangeNotTooSmall(params string[] spread)
    {
        var run = CliRun.Invoke(["calc", "rq", "--holding", "1", "--stockout", "10", "--fixed-cost", "100", "--demand", "1e160", "--lead-time", "0.1", .. spread]);

        AssertUsageError(run, "error: expected_cost is out of range for these inputs: a quantity computed from them exceeds ±1.8e308");
        Assert.DoesNotContain("too small", run.Error);
    }

    // Finite flags whose product overflows before any answer (demand × lead time) were told "Mean demand must be a finite
    // number ≥ 0; got Infinity.", as if a flag given as 1e200 were infinite or negative.
    [Theory]
    [InlineData("Mean demand", "calc", "safety-stock", "--demand-mean", "1e200", "--demand-sd", "1", "--lead-time", "1e200", "--csl", "0.9")]
    // σ_L = σ_d·√L: 1e200·√1e300 = 1e350 overflows (with L = 1e200 it is 1e300, an answer: σ_L is computed without squaring).
    [InlineData("Demand standard deviation", "calc", "safety-stock", "--demand-mean", "1", "--demand-sd", "1e200", "--lead-time", "1e300", "--csl", "0.9")]
    [InlineData("Mean demand", "calc", "rq", "--holding", "1", "--stockout", "10", "--fixed-cost", "50", "--demand", "1e200", "--demand-sd", "1", "--lead-time", "1e200")]
    [InlineData("Mean demand", "calc", "newsvendor", "--holding", "1", "--stockout", "9", "--mean", "1e200", "--sd", "1", "--lead-time", "1e200")]
    public void Calc_InputsOverflowingBeforeAnAnswer_RangeErrorNotAnInfiniteFlag(string figure, params string[] args) =>
        AssertUsageError(CliRun.Invoke(args), $"error: {figure}, computed from these inputs, exceeds ±1.8e308, the largest number ChainSeg computes with; give inputs of a more moderate magnitude");

    [Fact]
    public void Gsm_SafetyStockBeyondADouble_RangeErrorNamingTheNode() =>
        AssertUsageError(CliRun.Invoke("calc", "gsm", "--json", "--network", Write("huge.json", """
            { "z": 2, "nodes": [ { "id": "a", "processing_time": 4, "holding_cost": 1, "demand_sd": 1e308 } ] }
            """)), "error: safety_stock of node a is out of range");

    [Fact]
    public void Newsvendor_ZeroCosts_CriticalRatioIsNullNotTheStringNaN()
    {
        var json = Json("calc", "newsvendor", "--holding", "0", "--stockout", "0", "--mean", "50", "--sd", "8", "--base-stock", "50", "--json");
        Assert.Equal(JsonValueKind.Null, json.GetProperty("critical_ratio").ValueKind);
        Assert.Equal(0, json.GetProperty("expected_cost").GetDouble());
    }

    [Fact]
    public void Eoq_UnknownFlag_OneLineAndExitCode2() =>
        AssertUsageError(CliRun.Invoke("calc", "eoq", "--fixed-cost", "8", "--holding", "1", "--demand", "10", "--colour"),
            "error: Unrecognized command or argument '--colour'.");

    [Fact]
    public void Calc_WithoutCalculator_AsksForOne() =>
        AssertUsageError(CliRun.Invoke("calc", "--json"),
            "error: no command given; the calc commands are newsvendor, eoq, rq, safety-stock, loss, gsm. See 'chainseg calc --help'.");

    // As at the top level: "Required command was not provided. Unrecognized command or argument 'eqo'." for a misspelt one.
    [Fact]
    public void Calc_UnknownCalculator_OneLineWithTheNearestName() =>
        AssertUsageError(CliRun.Invoke("calc", "eqo", "--demand", "10"),
            "error: unknown command 'calc eqo' (did you mean 'eoq'?); the calc commands are newsvendor, eoq, rq, safety-stock, loss, gsm. See 'chainseg calc --help'.");

    [Fact]
    public void Rq_MissingRequiredFlag_NamesIt() =>
        AssertUsageError(CliRun.Invoke("calc", "rq", "--holding", "1", "--stockout", "2", "--fixed-cost", "3", "--demand", "4", "--demand-sd", "1"),
            "error: Option '--lead-time' is required.");

    [Fact]
    public void Newsvendor_NormalWithoutSd_AsksForIt() =>
        AssertUsageError(CliRun.Invoke("calc", "newsvendor", "--holding", "1", "--stockout", "4", "--mean", "6"), "Option '--sd' is required for normal demand.");

    [Fact]
    public void Newsvendor_PoissonWithSd_RefusesIt() =>
        AssertUsageError(CliRun.Invoke("calc", "newsvendor", "--holding", "1", "--stockout", "4", "--mean", "6", "--sd", "2", "--distribution", "poisson"),
            "'--sd' does not apply to Poisson demand");

    [Fact]
    public void Newsvendor_UnknownDistribution_ListsValidOnes() =>
        AssertUsageError(CliRun.Invoke("calc", "newsvendor", "--holding", "1", "--stockout", "4", "--mean", "6", "--distribution", "gamma"),
            "'gamma'", "normal", "poisson");

    [Theory]
    [InlineData]
    [InlineData("--csl", "0.9", "--fill-rate", "0.95", "--order-qty", "100")]
    public void SafetyStock_NoneOrTwoTargets_AsksForExactlyOne(params string[] targets) =>
        AssertUsageError(CliRun.Invoke([.. Exercise11_4, .. targets]), "Give exactly one of '--csl P', '--fill-rate F'");

    [Fact]
    public void SafetyStock_FillRateWithoutOrderQty_AsksForIt() =>
        AssertUsageError(CliRun.Invoke([.. Exercise11_4, "--fill-rate", "0.95"]), "Option '--fill-rate' needs '--order-qty'");

    [Fact]
    public void Rq_ReorderPointWithoutOrderQty_AsksForIt() =>
        AssertUsageError(CliRun.Invoke([.. Example5_1, "--reorder-point", "120"]), "Option '--reorder-point' needs '--order-qty'");

    [Fact]
    public void Rq_MethodWithFixedOrderQty_IsRefused() =>
        AssertUsageError(CliRun.Invoke([.. Example5_1, "--method", "exact", "--order-qty", "300"]), "Option '--method' sets both r and Q");

    [Fact]
    public void SafetyStock_Table_NamesBothServiceLevelDefinitions()
    {
        var run = CliRun.Invoke([.. Exercise11_4, "--csl", "0.95"]);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("cycle service level (csl) of 0.95", run.Output);
        Assert.Contains("Type 1, definition csl", run.Output);
        Assert.Contains("Type 2, definition fill_rate", run.Output);
        Assert.Contains("(needs --order-qty)", run.Output);
        Assert.Contains("expected_shortage_per_cycle", run.Output);
        Assert.DoesNotContain("{", run.Output);
    }

    [Fact]
    public void Eoq_GermanCulture_ParsesAndPrintsInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            // Under de-DE "0.225" would read as 225 and 304.05 print as "304,05" if any step used the current culture.
            var run = CliRun.Invoke("calc", "eoq", "--fixed-cost", "8", "--holding", "0.225", "--demand", "1300", "--json");
            var table = CliRun.Invoke("calc", "eoq", "--fixed-cost", "8", "--holding", "0.225", "--demand", "1300");

            Assert.Contains("\"order_qty\": 304.0467800264368", run.Output);
            Assert.Contains("304.047", table.Output);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Invoke(args);
        Assert.True(run.ExitCode == ChainSegApp.Ok, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }

    private static double Number(JsonElement json, string key)
    {
        var value = json.GetProperty(key);
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        return value.GetDouble();
    }

    private static void AssertUsageError(CliRun run, params string[] fragments)
    {
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.All(fragments, fragment => Assert.Contains(fragment, line));
        Assert.Equal(string.Empty, run.Output);
    }
}
