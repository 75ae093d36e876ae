using System.Globalization;

namespace ChainSeg.Core.Inventory;

/// <summary>A validated guaranteed-service network in array form, with pooled demand and replenishment-time bounds.</summary>
internal sealed class GsmTree
{
    private GsmTree(GsmNetwork network)
    {
        Network = network;
        Count = network.Nodes.Count;
        Predecessors = new int[Count][];
        Successors = new List<int>[Count];
        Neighbours = new List<int>[Count];
        PooledSd = new double[Count];
        PooledMean = new double[Count];
        InboundFloor = new int[Count];
        OutboundLimit = new int[Count];
        MaxReplenishmentTime = new int[Count];
    }

    public GsmNetwork Network { get; }

    public int Count { get; }

    public int[][] Predecessors { get; }

    public List<int>[] Successors { get; }

    public List<int>[] Neighbours { get; }

    /// <summary>σ of all external demand the stage serves, assuming independent demands: √Σσ².</summary>
    public double[] PooledSd { get; }

    public double[] PooledMean { get; }

    /// <summary>Smallest inbound service time: the external supplier's for sources, 0 otherwise.</summary>
    public int[] InboundFloor { get; }

    /// <summary>Largest outbound service time the stage may quote (bounded by its longest replenishment time).</summary>
    public int[] OutboundLimit { get; }

    /// <summary>M: the longest path of processing times (plus external inbound time) ending at the stage.</summary>
    public int[] MaxReplenishmentTime { get; }

    public int ProcessingTime(int j) => Network.Nodes[j].ProcessingTime;

    /// <summary>Holding cost per period of one period of net replenishment time, h·z·σ (safety stock is z·σ·√τ).</summary>
    public double CostScale(int j) => Network.Nodes[j].HoldingCost * SafetyFactor(j) * PooledSd[j];

    /// <summary>The stage's own safety factor, else the network's.</summary>
    public double SafetyFactor(int j) => Network.Nodes[j].Z ?? Network.Z;

    public static GsmTree Build(GsmNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(network.Nodes);
        Arguments.NonNegative(network.Z, nameof(network.Z), "Safety factor z");
        if (network.Nodes.Count == 0)
        {
            throw new ArgumentException("Network must have at least one node.", nameof(network));
        }

        var tree = new GsmTree(network);
        var index = tree.IndexNodes();
        tree.Link(index);
        var order = tree.TopologicalOrder();
        tree.Pool(order);
        tree.Bound(order);
        return tree;
    }

    private Dictionary<string, int> IndexNodes()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < Count; j++)
        {
            // Counted from 1, as rules, tiers and rows are: "Node 1 has no id" sent users to the first node, which had one.
            var node = Network.Nodes[j] ?? throw new ArgumentException($"Node {j + 1} (counting from 1) is null; write it as an object with an id, or remove it.", nameof(Network));
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                throw new ArgumentException($"Node {j + 1} (counting from 1) has no id; give every node an id.", nameof(Network));
            }

            if (!index.TryAdd(node.Id, j))
            {
                throw new ArgumentException($"Node id '{node.Id}' appears more than once.", nameof(Network));
            }

            Arguments.NonNegative(node.ProcessingTime, nameof(node.ProcessingTime), $"Processing time of '{node.Id}'");
            Arguments.NonNegative(node.HoldingCost, nameof(node.HoldingCost), $"Holding cost of '{node.Id}'");
            Arguments.NonNegative(node.DemandMean, nameof(node.DemandMean), $"Mean demand of '{node.Id}'");
            Arguments.NonNegative(node.DemandSd, nameof(node.DemandSd), $"Demand standard deviation of '{node.Id}'");
            Arguments.NonNegative(node.ExternalInboundCst ?? 0, nameof(node.ExternalInboundCst), $"External inbound service time of '{node.Id}'");
            Arguments.NonNegative(node.OutboundCst ?? 0, nameof(node.OutboundCst), $"Outbound service time of '{node.Id}'");
            Arguments.NonNegative(node.Z ?? 0, nameof(node.Z), $"Safety factor z of '{node.Id}'");
            Successors[j] = [];
            Neighbours[j] = [];
        }

        return index;
    }

    private void Link(Dictionary<string, int> index)
    {
        // Union-find over the undirected links: a link inside one component would close a cycle.
        var component = Enumerable.Range(0, Count).ToArray();
        int Find(int x)
        {
            while (component[x] != x)
            {
                component[x] = component[component[x]];
                x = component[x];
            }

            return x;
        }

        for (int j = 0; j < Count; j++)
        {
            var node = Network.Nodes[j];
            var predecessors = node.Predecessors ?? [];
            if (predecessors.Count > 0 && node.ExternalInboundCst is not null)
            {
                throw new ArgumentException(
                    $"Node '{node.Id}' has predecessors and an external inbound service time; external_inbound_cst is for nodes without predecessors.",
                    nameof(Network));
            }

            Predecessors[j] = new int[predecessors.Count];
            for (int k = 0; k < predecessors.Count; k++)
            {
                if (!index.TryGetValue(predecessors[k] ?? string.Empty, out int i))
                {
                    throw new ArgumentException($"Node '{node.Id}' names unknown predecessor '{predecessors[k]}'.", nameof(Network));
                }

                int rootI = Find(i), rootJ = Find(j);
                if (rootI == rootJ)
                {
                    throw new ArgumentException(
                        $"Network is not a tree: the link '{predecessors[k]}' → '{node.Id}' closes a cycle; "
                        + "the guaranteed-service dynamic programme needs at most one path between any two nodes.",
                        nameof(Network));
                }

                component[rootI] = rootJ;
                Predecessors[j][k] = i;
                Successors[i].Add(j);
                Neighbours[i].Add(j);
                Neighbours[j].Add(i);
            }
        }
    }

    private int[] TopologicalOrder()
    {
        var remaining = Predecessors.Select(p => p.Length).ToArray();
        var queue = new Queue<int>(Enumerable.Range(0, Count).Where(j => remaining[j] == 0));
        var order = new List<int>(Count);
        while (queue.Count > 0)
        {
            int j = queue.Dequeue();
            order.Add(j);
            foreach (int s in Successors[j])
            {
                if (--remaining[s] == 0)
                {
                    queue.Enqueue(s);
                }
            }
        }

        return [.. order];
    }

    private void Pool(int[] order)
    {
        // In a tree the demand nodes reachable downstream through different successors are disjoint, so variances add once.
        var variance = new double[Count];
        for (int n = Count - 1; n >= 0; n--)
        {
            int j = order[n];
            var node = Network.Nodes[j];
            variance[j] = node.DemandSd * node.DemandSd;
            PooledMean[j] = node.DemandMean;
            foreach (int s in Successors[j])
            {
                variance[j] += variance[s];
                PooledMean[j] += PooledMean[s];
            }

            PooledSd[j] = Math.Sqrt(variance[j]);
        }
    }

    private void Bound(int[] order)
    {
        foreach (int j in order)
        {
            var node = Network.Nodes[j];
            int inbound = Predecessors[j].Length == 0
                ? node.ExternalInboundCst ?? 0
                : Predecessors[j].Max(i => MaxReplenishmentTime[i]);
            InboundFloor[j] = Predecessors[j].Length == 0 ? node.ExternalInboundCst ?? 0 : 0;
            long longest = (long)inbound + node.ProcessingTime;
            if (longest > int.MaxValue)
            {
                var c = CultureInfo.InvariantCulture;
                throw new ArgumentException(
                    $"The longest path of processing times to '{node.Id}' is {longest.ToString("N0", c)} periods, beyond the largest time "
                    + $"the model counts ({int.MaxValue.ToString("N0", c)}); state processing times in a coarser time unit.", nameof(Network));
            }

            MaxReplenishmentTime[j] = (int)longest;
            int defaultLimit = Successors[j].Count == 0 ? 0 : MaxReplenishmentTime[j];
            OutboundLimit[j] = Math.Min(node.OutboundCst ?? defaultLimit, MaxReplenishmentTime[j]);
        }
    }
}
