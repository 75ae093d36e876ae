using Google.OrTools.LinearSolver;

namespace ChainSeg.Core.Allocation;

/// <summary>
/// The lexicographic shortage LP: minimum fills hold as bounds; then, tier by tier from the highest, the least fill
/// ratio of the tier is maximised and fixed, and the tier's total is maximised and fixed.
/// </summary>
/// <remarks>
/// <para>Variables are fill ratios per (stock point, segment), not per order line. Lines of one segment at one stock
/// point face the same constraints (their own quantity as a cap, the shared supply), so the fair share — every line
/// of a tier at the same ratio as far as possible — gives them the same ratio; one variable per group is therefore
/// exact, and keeps 100,000 lines at a few thousand variables.</para>
/// <para>Stock points share no constraint, so each step maximises the sum of the per-point objectives, which
/// maximises every point's objective at once: one model and two solves per tier for all SKUs together.
/// Each optimum is fixed at its own value, without slack: the current solution meets it within GLOP's feasibility
/// tolerance, whereas any slack given here would leak from a higher tier to a lower one and show in the results.
/// Supply rows are divided by the supply so every coefficient is a share of it (well scaled for the simplex).</para>
/// </remarks>
internal static class FairShareProgramme
{
    /// <summary>Solves the lexicographic LP.</summary>
    /// <param name="supply">Supply per short stock point, ≥ 0.</param>
    /// <param name="segments">Segment demand per short stock point; the floors must fit the supply (checked by the caller).</param>
    /// <returns>Fill ratio per (point, segment), and the tier level (least ratio of the tier) per (point, segment).</returns>
    public static (double[][] Ratios, double[][] TierLevels) Solve(IReadOnlyList<double> supply, IReadOnlyList<IReadOnlyList<SegmentDemand>> segments)
    {
        var n = segments.Count;
        var ratios = new double[n][];
        var levels = new double[n][];
        for (var k = 0; k < n; k++)
        {
            ratios[k] = new double[segments[k].Count];
            levels[k] = new double[segments[k].Count];
        }

        using var solver = LinearProgramme.CreateGlop();
        var fill = new Variable[n][];
        for (var k = 0; k < n; k++)
        {
            if (supply[k] <= 0.0)
            {
                continue; // nothing to share; the caller has checked that no floor is positive
            }

            var supplyRow = solver.MakeConstraint(double.NegativeInfinity, 1.0);
            fill[k] = new Variable[segments[k].Count];
            for (var j = 0; j < segments[k].Count; j++)
            {
                fill[k][j] = solver.MakeNumVar(segments[k][j].MinimumFill, 1.0, string.Empty);
                supplyRow.SetCoefficient(fill[k][j], segments[k][j].Ordered / supply[k]);
            }
        }

        var objective = solver.Objective();
        var final = new double[]?[n];
        foreach (var tier in segments.SelectMany(s => s).Select(s => s.Tier).Distinct().Order())
        {
            // Least ratio of the tier per point: level ≤ every ratio of the tier; maximise Σ levels.
            var level = new Variable?[n];
            objective.Clear(); // also resets the direction
            objective.SetMaximization();
            for (var k = 0; k < n; k++)
            {
                if (fill[k] is null || !segments[k].Any(s => s.Tier == tier))
                {
                    continue;
                }

                level[k] = solver.MakeNumVar(0.0, 1.0, string.Empty);
                objective.SetCoefficient(level[k], 1.0);
                for (var j = 0; j < segments[k].Count; j++)
                {
                    if (segments[k][j].Tier == tier)
                    {
                        var link = solver.MakeConstraint(0.0, double.PositiveInfinity);
                        link.SetCoefficient(fill[k][j], 1.0);
                        link.SetCoefficient(level[k], -1.0);
                    }
                }
            }

            LinearProgramme.RequireOptimal(solver.Solve(), $"least fill of tier {tier}");

            // Read every value before changing the model: OR-Tools drops the solution on the first change.
            var best = level.Select(l => l?.SolutionValue() ?? 0.0).ToArray();
            for (var k = 0; k < n; k++)
            {
                if (level[k] is { } l)
                {
                    l.SetLb(Math.Clamp(best[k], 0.0, 1.0));
                    for (var j = 0; j < segments[k].Count; j++)
                    {
                        levels[k][j] = segments[k][j].Tier == tier ? Math.Clamp(best[k], 0.0, 1.0) : levels[k][j];
                    }
                }
            }

            // Then the tier's total, in supply shares, and fix it per point.
            objective.Clear(); // also resets the direction
            objective.SetMaximization();
            for (var k = 0; k < n; k++)
            {
                if (level[k] is null)
                {
                    continue;
                }

                for (var j = 0; j < segments[k].Count; j++)
                {
                    if (segments[k][j].Tier == tier)
                    {
                        objective.SetCoefficient(fill[k][j], segments[k][j].Ordered / supply[k]);
                    }
                }
            }

            LinearProgramme.RequireOptimal(solver.Solve(), $"total fill of tier {tier}");
            var values = Values(fill);
            for (var k = 0; k < n; k++)
            {
                if (level[k] is null)
                {
                    continue;
                }

                var total = 0.0;
                var floor = solver.MakeConstraint(0.0, double.PositiveInfinity);
                for (var j = 0; j < segments[k].Count; j++)
                {
                    if (segments[k][j].Tier == tier)
                    {
                        var share = segments[k][j].Ordered / supply[k];
                        total += share * values[k]![j];
                        floor.SetCoefficient(fill[k][j], share);
                    }
                }

                floor.SetLb(total);
            }

            final = values;
        }

        for (var k = 0; k < n; k++)
        {
            for (var j = 0; j < segments[k].Count; j++)
            {
                ratios[k][j] = final[k] is null ? 0.0 : Math.Clamp(final[k]![j], segments[k][j].MinimumFill, 1.0);
            }
        }

        return (ratios, levels);
    }

    private static double[]?[] Values(Variable[][] fill) => [.. fill.Select(f => f?.Select(v => v.SolutionValue()).ToArray())];
}
