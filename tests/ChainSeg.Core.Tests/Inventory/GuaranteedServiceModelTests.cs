using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class GuaranteedServiceModelTests
{
    // Snyder & Shen (2019), Example 6.3 (serial GSM): stages 3 → 2 → 1, T = (1, 0, 1) for stages (1, 2, 3),
    // h = (7, 4, 2), z = 1, σ = 1 at stage 1, external inbound time 1 at stage 3, outbound time 1 at stage 1.
    // Published optimum: S₃ = 0, S₂ = 0, S₁ = 1 at cost 2.8284 (2√2) (stockpyl gsm_serial doctest).
    [Fact]
    public void Optimize_SnyderShenExample6_3Serial_MatchesPublishedOptimum()
    {
        var network = Example6_3();

        var result = GuaranteedServiceModel.Optimize(network);

        Assert.Equal(2.8284271247461903, result.TotalCost, 12);
        Assert.Equal(1, result.CommittedServiceTimes["1"]);
        Assert.Equal(0, result.CommittedServiceTimes["2"]);
        Assert.Equal(0, result.CommittedServiceTimes["3"]);
        Assert.Equal(2, result.NetReplenishmentTimes["3"]);
        Assert.Equal(Math.Sqrt(2.0), result.SafetyStock["3"], 12);
    }

    // Snyder & Shen (2019), Example 6.5 (tree GSM): 1 → 3, 3 → 2, 3 → 4; T = (2, 1, 1, 1), h = (1, 3, 2, 3) for stages
    // (1, 2, 3, 4), z = 1, σ = 1 at stages 2 and 4, external inbound time 1 at stage 1, outbound times 0 (stage 2) and 1 (stage 4).
    // Published optimum: S = (0, 0, 0, 1) at cost 8.2779 (stockpyl gsm_tree doctest: 8.277916867529369).
    [Fact]
    public void Optimize_SnyderShenExample6_5Tree_MatchesPublishedOptimum()
    {
        var result = GuaranteedServiceModel.Optimize(Example6_5());

        Assert.Equal(8.277916867529369, result.TotalCost, 12);
        Assert.Equal(0, result.CommittedServiceTimes["1"]);
        Assert.Equal(0, result.CommittedServiceTimes["2"]);
        Assert.Equal(0, result.CommittedServiceTimes["3"]);
        Assert.Equal(1, result.CommittedServiceTimes["4"]);
        Assert.Equal(3, result.NetReplenishmentTimes["1"]);
        Assert.Equal(Math.Sqrt(2.0) * Math.Sqrt(3.0), result.SafetyStock["1"], 12);
    }

    [Fact]
    public void Optimize_PooledDemand_AddsVariancesOfServedDemandNodes()
    {
        // Stage 3 serves stages 2 and 4 (σ = 1 each): pooled σ = √2, and base stock adds pooled mean × τ.
        var network = Example6_5() with
        {
            Nodes = [.. Example6_5().Nodes.Select(n => n.DemandSd > 0 ? n with { DemandMean = 10.0 } : n)],
        };

        var result = GuaranteedServiceModel.Optimize(network);

        Assert.Equal(Math.Sqrt(2.0), result.SafetyStock["3"], 12);
        Assert.Equal(20.0 + Math.Sqrt(2.0), result.BaseStock["3"], 12);
    }

    [Theory]
    [InlineData("serial", 11)]
    [InlineData("assembly", 12)]
    [InlineData("distribution", 13)]
    [InlineData("general", 14)]
    [InlineData("general", 15)]
    public void Optimize_RandomSmallTrees_MatchesBruteForceEnumeration(string shape, int seed)
    {
        var random = new Random(seed);
        for (int instance = 0; instance < 6; instance++)
        {
            var network = RandomTree(random, shape, nodeCount: random.Next(2, 6));

            var result = GuaranteedServiceModel.Optimize(network);
            double bruteForce = BruteForceCost(network);

            Assert.Equal(bruteForce, result.TotalCost, 9);
            Assert.Equal(result.TotalCost, GuaranteedServiceModel.Evaluate(network, result.CommittedServiceTimes).TotalCost, 9);
            Assert.All(result.NetReplenishmentTimes.Values, tau => Assert.True(tau >= 0));
        }
    }

    // Graves & Willems (2000) let each stage bound demand at its own service level: the stage's z scales its safety stock
    // and so shifts where the optimum holds it. Same independent enumeration as above, with z set on some stages.
    [Theory]
    [InlineData("serial", 21)]
    [InlineData("assembly", 22)]
    [InlineData("distribution", 23)]
    [InlineData("general", 24)]
    public void Optimize_StagesWithTheirOwnSafetyFactor_MatchesBruteForceEnumeration(string shape, int seed)
    {
        var random = new Random(seed);
        for (int instance = 0; instance < 6; instance++)
        {
            var tree = RandomTree(random, shape, nodeCount: random.Next(2, 6));
            var network = tree with { Nodes = [.. tree.Nodes.Select(n => random.Next(2) == 0 ? n with { Z = 3.0 * random.NextDouble() } : n)] };

            var result = GuaranteedServiceModel.Optimize(network);

            Assert.Equal(BruteForceCost(network), result.TotalCost, 9);
            Assert.Equal(result.TotalCost, GuaranteedServiceModel.Evaluate(network, result.CommittedServiceTimes).TotalCost, 9);
        }
    }

    // Snyder & Shen Example 6.3 at its published optimum (S₁ = 1, S₂ = S₃ = 0), stage 1's z raised from 1 to 2: stage 1's
    // safety stock doubles and stage 3's keeps the network's z (√2 over τ₃ = 2); every stage's own z = 2 is the network's z = 2.
    [Fact]
    public void Optimize_OwnSafetyFactor_ScalesThatStagesSafetyStockOnly()
    {
        var uniform = Example6_3();
        var times = new Dictionary<string, int> { ["1"] = 1, ["2"] = 0, ["3"] = 0 };
        var raised = uniform with { Nodes = [uniform.Nodes[0] with { Z = 2.0 }, uniform.Nodes[1], uniform.Nodes[2]] };

        var before = GuaranteedServiceModel.Evaluate(uniform, times);
        var after = GuaranteedServiceModel.Evaluate(raised, times);

        Assert.Equal(2.0 * before.SafetyStock["1"], after.SafetyStock["1"], 12);
        Assert.Equal(before.SafetyStock["3"], after.SafetyStock["3"], 12);
        Assert.Equal(GuaranteedServiceModel.Optimize(raised with { Z = 2.0, Nodes = [.. raised.Nodes.Select(n => n with { Z = 2.0 })] }).TotalCost,
            GuaranteedServiceModel.Optimize(uniform with { Z = 2.0 }).TotalCost, 12);
    }

    [Fact]
    public void Optimize_AssemblyStageServedByCheapAndSlowSuppliers_QuotesInboundPastItsParent()
    {
        // The leaf-first labelling makes the long supplier chain b3 → b2 → b1 → b the parent side of assembly stage a, so a is
        // solved as a function of its inbound time. Its other supplier c is slow (T = 5) and dear: the optimum lets c quote 5
        // and a wait for it, an inbound time later than b can ever promise (b's longest replenishment time is 1).
        var network = new GsmNetwork
        {
            Z = 1.0,
            Nodes =
            [
                new GsmNode { Id = "b3", HoldingCost = 1.0 },
                new GsmNode { Id = "b2", Predecessors = ["b3"], HoldingCost = 1.0 },
                new GsmNode { Id = "b1", Predecessors = ["b2"], HoldingCost = 1.0 },
                new GsmNode { Id = "b", Predecessors = ["b1"], ProcessingTime = 1, HoldingCost = 1.0 },
                new GsmNode { Id = "c", ProcessingTime = 5, HoldingCost = 100.0 },
                new GsmNode { Id = "a", Predecessors = ["b", "c"], ProcessingTime = 1, HoldingCost = 2.0 },
                new GsmNode { Id = "d", Predecessors = ["a"], ProcessingTime = 1, HoldingCost = 3.0, DemandSd = 2.0 },
            ],
        };

        var result = GuaranteedServiceModel.Optimize(network);

        Assert.Equal(BruteForceCost(network), result.TotalCost, 9);
        Assert.Equal(5, result.CommittedServiceTimes["c"]);
        Assert.Equal(5, result.InboundServiceTimes["a"]);
    }

    [Fact]
    public void Optimize_Forest_SolvesEachTree()
    {
        var first = Example6_5().Nodes;
        var second = first.Select(n => n with { Id = n.Id + "b", Predecessors = [.. n.Predecessors.Select(p => p + "b")] });

        var result = GuaranteedServiceModel.Optimize(new GsmNetwork { Z = 1.0, Nodes = [.. first, .. second] });

        Assert.Equal(2.0 * 8.277916867529369, result.TotalCost, 12);
    }

    [Fact]
    public void Evaluate_GivenServiceTimes_ComputesInboundFromPredecessors()
    {
        var times = new Dictionary<string, int> { ["1"] = 3, ["3"] = 0, ["2"] = 0, ["4"] = 0 };

        var result = GuaranteedServiceModel.Evaluate(Example6_5(), times);

        // Stage 1 quotes 3 = 1 + 2: it holds nothing. Stage 3 then waits 3 + 1 periods with pooled σ = √2.
        Assert.Equal(0, result.NetReplenishmentTimes["1"]);
        Assert.Equal(4, result.NetReplenishmentTimes["3"]);
        Assert.Equal((2.0 * Math.Sqrt(2.0) * 2.0) + 3.0 + 3.0, result.TotalCost, 12);
    }

    [Fact]
    public void Evaluate_ServiceTimeAboveCustomerLimit_Throws()
    {
        var times = new Dictionary<string, int> { ["1"] = 0, ["3"] = 0, ["2"] = 1, ["4"] = 0 };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GuaranteedServiceModel.Evaluate(Example6_5(), times));

        Assert.Contains("[0, 0]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_Cycle_ThrowsNotATree()
    {
        var network = new GsmNetwork
        {
            Z = 1.65,
            Nodes =
            [
                new GsmNode { Id = "plant", ProcessingTime = 2, HoldingCost = 1.0 },
                new GsmNode { Id = "dc1", Predecessors = ["plant"], ProcessingTime = 1, HoldingCost = 2.0 },
                new GsmNode { Id = "dc2", Predecessors = ["plant"], ProcessingTime = 1, HoldingCost = 2.0 },
                new GsmNode { Id = "store", Predecessors = ["dc1", "dc2"], ProcessingTime = 1, HoldingCost = 3.0, DemandSd = 5.0 },
            ],
        };

        var ex = Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));

        Assert.Contains("not a tree", ex.Message, StringComparison.Ordinal);
    }

    // The dynamic programme tries every (S, SI) pair of every stage over service times up to the longest replenishment
    // path: a serial line of 4,000 one-day stages is about 2·10¹⁰ steps (minutes) and 4,000 arrays of 4,001 values.
    [Fact]
    public void Optimize_NetworkBeyondTheProgrammesReach_RefusesBeforeSolvingWithTheFix()
    {
        var nodes = Enumerable.Range(0, 4_000).Select(i => new GsmNode
        {
            Id = $"s{i}",
            Predecessors = i == 0 ? [] : [$"s{i - 1}"],
            ProcessingTime = 1,
            HoldingCost = 1.0,
            DemandSd = i == 3_999 ? 1.0 : 0.0,
        }).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(new GsmNetwork { Z = 1.0, Nodes = nodes }));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"refused after {started.Elapsed}");
        Assert.Contains("4,000 stages", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4,000 periods", ex.Message, StringComparison.Ordinal);
        Assert.Contains("coarser time unit", ex.Message, StringComparison.Ordinal);
    }

    // One stage of a billion periods is beyond the memory limit alone: the message said it "need up to 0.0 billion steps".
    [Fact]
    public void Optimize_OneStageBeyondTheMemoryLimit_NamesOnlyTheLimitPassed()
    {
        var network = new GsmNetwork { Z = 1.0, Nodes = [new GsmNode { Id = "s", ProcessingTime = 1_000_000_000, HoldingCost = 1.0, DemandSd = 1.0 }] };

        var ex = Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));

        Assert.StartsWith("The network is beyond the guaranteed-service programme's reach: 1 stage over service times up to 1,000,000,000 periods needs ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GiB (limit 2 GiB); state processing times in a coarser time unit", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("billion steps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ReplenishmentPathBeyondTheLargestTime_ThrowsNamingTheStage()
    {
        var network = new GsmNetwork
        {
            Z = 1.0,
            Nodes =
            [
                new GsmNode { Id = "plant", ProcessingTime = 2_000_000_000, HoldingCost = 1.0 },
                new GsmNode { Id = "dc", Predecessors = ["plant"], ProcessingTime = 2_000_000_000, HoldingCost = 1.0, DemandSd = 1.0 },
            ],
        };

        var ex = Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));

        Assert.Contains("'dc'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2,147,483,647", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_UnknownPredecessor_ThrowsNamingIt()
    {
        var network = new GsmNetwork { Z = 1.0, Nodes = [new GsmNode { Id = "dc", Predecessors = ["ghost"], HoldingCost = 1.0 }] };

        var ex = Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));

        Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_DuplicateId_Throws()
    {
        var network = new GsmNetwork { Z = 1.0, Nodes = [new GsmNode { Id = "a" }, new GsmNode { Id = "a" }] };

        Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));
    }

    [Fact]
    public void Optimize_NegativeProcessingTime_ThrowsNamingNode()
    {
        var network = new GsmNetwork { Z = 1.0, Nodes = [new GsmNode { Id = "plant", ProcessingTime = -1 }] };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GuaranteedServiceModel.Optimize(network));

        Assert.Contains("'plant'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ExternalInboundOnInternalNode_Throws()
    {
        var network = new GsmNetwork
        {
            Z = 1.0,
            Nodes = [new GsmNode { Id = "a" }, new GsmNode { Id = "b", Predecessors = ["a"], ExternalInboundCst = 2 }],
        };

        Assert.Throws<ArgumentException>(() => GuaranteedServiceModel.Optimize(network));
    }

    [Fact]
    public void Optimize_ZeroSafetyFactor_CostsNothing()
    {
        var result = GuaranteedServiceModel.Optimize(Example6_5() with { Z = 0.0 });

        Assert.Equal(0.0, result.TotalCost);
    }

    private static GsmNetwork Example6_3() => new()
    {
        Z = 1.0,
        Nodes =
        [
            new GsmNode { Id = "1", Predecessors = ["2"], ProcessingTime = 1, HoldingCost = 7.0, DemandSd = 1.0, OutboundCst = 1 },
            new GsmNode { Id = "2", Predecessors = ["3"], ProcessingTime = 0, HoldingCost = 4.0 },
            new GsmNode { Id = "3", ProcessingTime = 1, HoldingCost = 2.0, ExternalInboundCst = 1 },
        ],
    };

    private static GsmNetwork Example6_5() => new()
    {
        Z = 1.0,
        Nodes =
        [
            new GsmNode { Id = "1", ProcessingTime = 2, HoldingCost = 1.0, ExternalInboundCst = 1 },
            new GsmNode { Id = "2", Predecessors = ["3"], ProcessingTime = 1, HoldingCost = 3.0, DemandSd = 1.0, OutboundCst = 0 },
            new GsmNode { Id = "3", Predecessors = ["1"], ProcessingTime = 1, HoldingCost = 2.0 },
            new GsmNode { Id = "4", Predecessors = ["3"], ProcessingTime = 1, HoldingCost = 3.0, DemandSd = 1.0, OutboundCst = 1 },
        ],
    };

    // Builds a random tree: each new stage links to an earlier one; the shape fixes the direction of the link.
    private static GsmNetwork RandomTree(Random random, string shape, int nodeCount)
    {
        var predecessors = Enumerable.Range(0, nodeCount).Select(_ => new List<string>()).ToArray();
        for (int k = 1; k < nodeCount; k++)
        {
            int other = shape == "serial" ? k - 1 : random.Next(k);
            bool otherSupplies = shape switch
            {
                "assembly" => false,
                "serial" or "distribution" => true,
                _ => random.Next(2) == 0,
            };
            if (otherSupplies)
            {
                predecessors[k].Add($"n{other}");
            }
            else
            {
                predecessors[other].Add($"n{k}");
            }
        }

        var hasSuccessor = new bool[nodeCount];
        foreach (var list in predecessors)
        {
            foreach (var p in list)
            {
                hasSuccessor[int.Parse(p[1..], System.Globalization.CultureInfo.InvariantCulture)] = true;
            }
        }

        var nodes = Enumerable.Range(0, nodeCount).Select(j => new GsmNode
        {
            Id = $"n{j}",
            Predecessors = predecessors[j],
            ProcessingTime = random.Next(0, 3),
            HoldingCost = 0.5 + 4.0 * random.NextDouble(),
            DemandSd = !hasSuccessor[j] || random.Next(4) == 0 ? 0.5 + 2.5 * random.NextDouble() : 0.0,
            ExternalInboundCst = predecessors[j].Count == 0 ? random.Next(0, 2) : null,
            OutboundCst = !hasSuccessor[j] ? random.Next(0, 3) : (random.Next(3) == 0 ? random.Next(0, 3) : null),
        }).ToList();
        return new GsmNetwork { Z = 1.0 + random.NextDouble(), Nodes = nodes };
    }

    // Independent path: enumerate every vector of outbound service times S in [0, Σ T + max external inbound + 1], take each
    // stage's inbound time as the latest of its suppliers' S (or the external one) but no earlier than S − T, and pool σ by
    // walking every downstream path explicitly.
    private static double BruteForceCost(GsmNetwork network)
    {
        var nodes = network.Nodes;
        int n = nodes.Count;
        var index = nodes.Select((node, j) => (node.Id, j)).ToDictionary(x => x.Id, x => x.j);
        var successors = Enumerable.Range(0, n).Select(j => nodes.Where(m => m.Predecessors.Contains(nodes[j].Id)).Select(m => index[m.Id]).ToList()).ToArray();
        var pooledSd = new double[n];
        for (int j = 0; j < n; j++)
        {
            var stack = new Stack<int>([j]);
            double variance = 0.0;
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                variance += nodes[v].DemandSd * nodes[v].DemandSd;
                successors[v].ForEach(stack.Push);
            }

            pooledSd[j] = Math.Sqrt(variance);
        }

        int horizon = nodes.Sum(x => x.ProcessingTime) + nodes.Max(x => x.ExternalInboundCst ?? 0) + 1;
        var limits = Enumerable.Range(0, n).Select(j => Math.Min(nodes[j].OutboundCst ?? (successors[j].Count == 0 ? 0 : horizon), horizon)).ToArray();
        var predecessors = nodes.Select(x => x.Predecessors.Select(p => index[p]).ToArray()).ToArray();
        var s = new int[n];
        double best = double.PositiveInfinity;
        while (true)
        {
            double cost = 0.0;
            for (int j = 0; j < n; j++)
            {
                int inbound = nodes[j].ExternalInboundCst ?? 0;
                foreach (int p in predecessors[j])
                {
                    inbound = Math.Max(inbound, s[p]);
                }

                inbound = Math.Max(inbound, s[j] - nodes[j].ProcessingTime);
                cost += nodes[j].HoldingCost * (nodes[j].Z ?? network.Z) * pooledSd[j] * Math.Sqrt(inbound + nodes[j].ProcessingTime - s[j]);
            }

            best = Math.Min(best, cost);
            int d = 0;
            while (d < n && ++s[d] > limits[d])
            {
                s[d++] = 0;
            }

            if (d == n)
            {
                return best;
            }
        }
    }
}
