using System.Globalization;

namespace ChainSeg.Core.Inventory;

/// <summary>
/// The Graves &amp; Willems (2000) dynamic programme on a labelled tree. Stages are labelled leaf-first so that each
/// stage has at most one later-labelled neighbour, its parent. A stage that supplies its parent is solved as a function
/// of its outbound time S (f), a stage its parent supplies as a function of its inbound time SI (g).
/// </summary>
internal sealed class GsmDynamicProgramme
{
    private readonly GsmTree _tree;
    private readonly int _horizon;

    // Per stage, indexed by the parent's variable: best value and the argument that reaches it (S for f, SI for g).
    private readonly double[][] _bestForParent;
    private readonly int[][] _argForParent;

    // Per stage: the other variable chosen for each value of its own state (SI for each S under f, S for each SI under g).
    private readonly int[][] _companion;
    private readonly int[] _parent;
    private readonly bool[] _suppliesParent;

    // Beyond these the programme runs for minutes to hours or outgrows memory (a serial line of 4,000 one-day stages is
    // about 2·10¹⁰ steps): refusing with the fix beats a command that seems to hang.
    private const double MaxSteps = 1e10;
    private const double Gibibyte = 1024.0 * 1024 * 1024;
    private const double MaxBytes = 2 * Gibibyte;

    // Per stage and value of the parent's variable: best cost (8 bytes), its argument and companion (4 each), as kept
    // until the walk back, plus the stage's working arrays.
    private const int BytesPerCell = 16;

    public GsmDynamicProgramme(GsmTree tree)
    {
        _tree = tree;
        _horizon = tree.MaxReplenishmentTime.Max();
        RequireTractable();
        _bestForParent = new double[tree.Count][];
        _argForParent = new int[tree.Count][];
        _companion = new int[tree.Count][];
        _parent = new int[tree.Count];
        _suppliesParent = new bool[tree.Count];
    }

    // Every stage tries each outbound time S up to its limit against each inbound time SI in its range.
    private void RequireTractable()
    {
        double steps = 0;
        for (int k = 0; k < _tree.Count; k++)
        {
            double inboundTimes = Math.Max(0, _tree.MaxReplenishmentTime[k] - _tree.ProcessingTime(k) - _tree.InboundFloor[k] + 1);
            steps += (_tree.OutboundLimit[k] + 1.0) * inboundTimes;
        }

        double bytes = _tree.Count * (_horizon + 1.0) * BytesPerCell;
        if (steps > MaxSteps || bytes > MaxBytes)
        {
            var c = CultureInfo.InvariantCulture;
            // Only the limit passed is named: one stage of a billion periods read "needs up to 0.0 billion steps and 7.5 GiB".
            var beyond = string.Join(" and ", new[]
            {
                steps > MaxSteps ? $"up to {(steps / 1e9).ToString("N1", c)} billion steps (limit {(MaxSteps / 1e9).ToString("N0", c)} billion)" : null,
                bytes > MaxBytes ? $"{(bytes / Gibibyte).ToString("N1", c)} GiB (limit {(MaxBytes / Gibibyte).ToString("N0", c)} GiB)" : null,
            }.OfType<string>());
            throw new ArgumentException(
                $"The network is beyond the guaranteed-service programme's reach: {_tree.Count.ToString("N0", c)} {(_tree.Count == 1 ? "stage" : "stages")} over service times "
                + $"up to {_horizon.ToString("N0", c)} periods {(_tree.Count == 1 ? "needs" : "need")} {beyond}; state processing times in a coarser time unit (weeks, not days) "
                + "or solve parts of the network separately.", "network");
        }
    }

    public (int[] Outbound, int[] Inbound) Solve()
    {
        var (order, roots) = Label();
        var outbound = new int[_tree.Count];
        var inbound = new int[_tree.Count];

        foreach (int k in order)
        {
            if (_parent[k] >= 0)
            {
                SolveChild(k);
            }
        }

        foreach (int root in roots)
        {
            (outbound[root], inbound[root]) = SolveRoot(root);
        }

        // Walk back from the roots: each stage's variable follows from its parent's choice.
        for (int n = order.Length - 1; n >= 0; n--)
        {
            int k = order[n];
            int p = _parent[k];
            if (p < 0)
            {
                continue;
            }

            if (_suppliesParent[k])
            {
                outbound[k] = _argForParent[k][inbound[p]];
                inbound[k] = _companion[k][outbound[k]];
            }
            else
            {
                inbound[k] = _argForParent[k][outbound[p]];
                outbound[k] = _companion[k][inbound[k]];
            }
        }

        return (outbound, inbound);
    }

    private (int[] Order, List<int> Roots) Label()
    {
        var unlabelledNeighbours = _tree.Neighbours.Select(n => n.Count).ToArray();
        var labelled = new bool[_tree.Count];
        var queue = new Queue<int>(Enumerable.Range(0, _tree.Count).Where(j => unlabelledNeighbours[j] <= 1));
        var order = new List<int>(_tree.Count);
        var roots = new List<int>();
        while (queue.Count > 0)
        {
            int k = queue.Dequeue();
            labelled[k] = true;
            order.Add(k);
            _parent[k] = -1;
            foreach (int m in _tree.Neighbours[k])
            {
                if (labelled[m])
                {
                    continue;
                }

                _parent[k] = m;
                _suppliesParent[k] = _tree.Successors[k].Contains(m);
                if (--unlabelledNeighbours[m] == 1)
                {
                    queue.Enqueue(m);
                }
            }

            if (_parent[k] < 0)
            {
                roots.Add(k);
            }
        }

        return ([.. order], roots);
    }

    // Cost of stage k for (S, SI) including its already-solved children is its own safety-stock cost, plus what its
    // supplier children can do at best with S_i ≤ SI (indexed by SI), plus what its customer children can do at best
    // with SI_i ≥ S (indexed by S).
    private double[] ChildrenBest(int k, bool suppliers)
    {
        var sum = new double[_horizon + 1];
        foreach (int i in _tree.Neighbours[k])
        {
            if (_parent[i] == k && _suppliesParent[i] == suppliers)
            {
                for (int x = 0; x <= _horizon; x++)
                {
                    sum[x] += _bestForParent[i][x];
                }
            }
        }

        return sum;
    }

    private void SolveChild(int k)
    {
        int t = _tree.ProcessingTime(k);
        int siLow = _tree.InboundFloor[k];
        int siHigh = _tree.MaxReplenishmentTime[k] - t;
        int sHigh = _tree.OutboundLimit[k];
        double scale = _tree.CostScale(k);
        var up = ChildrenBest(k, suppliers: true);
        var down = ChildrenBest(k, suppliers: false);

        var best = new double[_horizon + 1];
        var arg = new int[_horizon + 1];
        var companion = new int[_horizon + 1];
        Array.Fill(best, double.PositiveInfinity);

        if (_suppliesParent[k])
        {
            // f_k(S) = min over SI of c_k(S, SI); the parent then needs min over S ≤ x of f_k(S).
            var f = new double[_horizon + 1];
            Array.Fill(f, double.PositiveInfinity);
            for (int s = 0; s <= sHigh; s++)
            {
                for (int si = Math.Max(siLow, s - t); si <= siHigh; si++)
                {
                    double c = scale * Math.Sqrt(si + t - s) + up[si] + down[s];
                    if (c < f[s])
                    {
                        f[s] = c;
                        companion[s] = si;
                    }
                }
            }

            for (int x = 0; x <= _horizon; x++)
            {
                bool improves = x == 0 || f[x] < best[x - 1];
                best[x] = improves ? f[x] : best[x - 1];
                arg[x] = improves ? x : arg[x - 1];
            }
        }
        else
        {
            // g_k(SI) = min over S of c_k(S, SI); the parent then needs min over SI ≥ y of g_k(SI).
            var g = new double[_horizon + 1];
            Array.Fill(g, double.PositiveInfinity);
            for (int si = siLow; si <= siHigh; si++)
            {
                for (int s = 0; s <= Math.Min(sHigh, si + t); s++)
                {
                    double c = scale * Math.Sqrt(si + t - s) + up[si] + down[s];
                    if (c < g[si])
                    {
                        g[si] = c;
                        companion[si] = s;
                    }
                }
            }

            for (int y = _horizon; y >= 0; y--)
            {
                bool improves = y == _horizon || g[y] <= best[y + 1];
                best[y] = improves ? g[y] : best[y + 1];
                arg[y] = improves ? y : arg[y + 1];
            }
        }

        _bestForParent[k] = best;
        _argForParent[k] = arg;
        _companion[k] = companion;
    }

    private (int Outbound, int Inbound) SolveRoot(int k)
    {
        int t = _tree.ProcessingTime(k);
        double scale = _tree.CostScale(k);
        var up = ChildrenBest(k, suppliers: true);
        var down = ChildrenBest(k, suppliers: false);
        double best = double.PositiveInfinity;
        (int, int) choice = (0, _tree.InboundFloor[k]);
        for (int si = _tree.InboundFloor[k]; si <= _tree.MaxReplenishmentTime[k] - t; si++)
        {
            for (int s = 0; s <= Math.Min(_tree.OutboundLimit[k], si + t); s++)
            {
                double c = scale * Math.Sqrt(si + t - s) + up[si] + down[s];
                if (c < best)
                {
                    best = c;
                    choice = (s, si);
                }
            }
        }

        return choice;
    }
}
