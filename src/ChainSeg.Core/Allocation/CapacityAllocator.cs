using System.Globalization;
using Google.OrTools.LinearSolver;

namespace ChainSeg.Core.Allocation;

/// <summary>
/// Shares peak-period capacity (one or several resources) among segments to maximise total contribution margin, serving
/// each segment at least its committed share of demand and at most its demand. A linear programme solved with OR-Tools
/// GLOP; the resource duals are reported as shadow prices.
/// </summary>
/// <remarks>
/// max Σ cₛ vₛ subject to Σₛ aᵣₛ vₛ ≤ Cᵣ for every resource r and mₛ Dₛ ≤ vₛ ≤ Dₛ. Usage is non-negative, so the
/// commitments are feasible exactly when each resource alone can carry them; that is checked first, so an
/// over-commitment is reported by resource rather than as a bare "infeasible". When the optimum is degenerate the
/// shadow prices are one valid dual solution among several.
/// </remarks>
public static class CapacityAllocator
{
    /// <summary>Relative tolerance for calling a constraint tight.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Allocates capacity to segments.</summary>
    /// <param name="segments">Segments with demand, contribution, usage and commitment; names must be unique.</param>
    /// <param name="resources">Resources with capacity; names must be unique and cover every resource a segment uses.</param>
    /// <returns>Volumes per segment, resource use and shadow prices, binding constraints.</returns>
    /// <exception cref="ArgumentException">Duplicate names, or a segment uses a resource that is not given.</exception>
    /// <exception cref="AllocationInfeasibleException">The committed minimum service needs more of a resource than its
    /// capacity (the message names the resource, its capacity and the committed requirement).</exception>
    public static CapacityAllocationResult Allocate(IReadOnlyList<SegmentCapacityDemand> segments, IReadOnlyList<CapacityResource> resources)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(resources);
        var resourceIndex = IndexResources(resources);
        CheckSegments(segments, resourceIndex);
        CheckCommitments(segments, resources);

        using var solver = LinearProgramme.CreateGlop();
        var volume = segments.Select(s => solver.MakeNumVar(s.MinimumServiceShare * s.Demand, s.Demand, string.Empty)).ToArray();
        var rows = resources.Select(r => solver.MakeConstraint(double.NegativeInfinity, r.Capacity, string.Empty)).ToArray();
        var objective = solver.Objective();
        for (var s = 0; s < segments.Count; s++)
        {
            objective.SetCoefficient(volume[s], segments[s].UnitContribution);
            foreach (var (resource, perUnit) in segments[s].ResourceUsage)
            {
                rows[resourceIndex[resource]].SetCoefficient(volume[s], perUnit);
            }
        }

        objective.SetMaximization();
        LinearProgramme.RequireOptimal(solver.Solve(), "capacity allocation");

        // OR-Tools reports duals as ∂objective/∂rhs, which for a maximisation with ≤ rows is the shadow price (≥ 0).
        var volumes = volume.Select(v => v.SolutionValue()).ToArray();
        var prices = rows.Select(r => Math.Max(0.0, r.DualValue())).ToArray();
        var resourceUse = new ResourceCapacityUse[resources.Count];
        var binding = new List<BindingConstraint>();
        for (var r = 0; r < resources.Count; r++)
        {
            var used = 0.0;
            for (var s = 0; s < segments.Count; s++)
            {
                used += segments[s].ResourceUsage.GetValueOrDefault(resources[r].Name) * volumes[s];
            }

            var capacity = resources[r].Capacity;
            var tight = capacity - used <= Tolerance * Math.Max(1.0, capacity);
            resourceUse[r] = new ResourceCapacityUse(resources[r].Name, capacity, used, Math.Max(0.0, capacity - used), prices[r], tight);
            if (tight)
            {
                binding.Add(new BindingConstraint(BindingConstraintKind.Capacity, resources[r].Name, prices[r]));
            }
        }

        var allocations = new SegmentCapacityAllocation[segments.Count];
        var atMinimum = new List<BindingConstraint>();
        var atDemand = new List<BindingConstraint>();
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            var v = Math.Clamp(volumes[s], segment.MinimumServiceShare * segment.Demand, segment.Demand);
            var reducedCost = segment.UnitContribution - segment.ResourceUsage.Sum(u => u.Value * prices[resourceIndex[u.Key]]);
            var slackToDemand = segment.Demand - v <= Tolerance * Math.Max(1.0, segment.Demand);
            var atCommitment = segment.MinimumServiceShare * segment.Demand > 0.0
                && v - (segment.MinimumServiceShare * segment.Demand) <= Tolerance * Math.Max(1.0, segment.Demand);
            var limit = slackToDemand ? VolumeLimit.Demand : atCommitment ? VolumeLimit.MinimumService : VolumeLimit.Capacity;
            if (limit == VolumeLimit.Capacity)
            {
                reducedCost = 0.0; // a basic variable: its reduced cost is zero up to round-off
            }

            allocations[s] = new SegmentCapacityAllocation(
                segment.Segment,
                segment.Demand,
                v,
                segment.Demand > 0.0 ? v / segment.Demand : 1.0,
                segment.MinimumServiceShare,
                v * segment.UnitContribution,
                limit,
                reducedCost);
            if (atCommitment)
            {
                atMinimum.Add(new BindingConstraint(BindingConstraintKind.MinimumService, segment.Segment, Math.Max(0.0, -reducedCost)));
            }

            if (slackToDemand && segment.Demand > 0.0)
            {
                atDemand.Add(new BindingConstraint(BindingConstraintKind.Demand, segment.Segment, Math.Max(0.0, reducedCost)));
            }
        }

        binding.AddRange(atMinimum);
        binding.AddRange(atDemand);
        return new CapacityAllocationResult(allocations, resourceUse, allocations.Sum(a => a.Contribution), binding);
    }

    private static Dictionary<string, int> IndexResources(IReadOnlyList<CapacityResource> resources)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < resources.Count; r++)
        {
            ArgumentNullException.ThrowIfNull(resources[r], nameof(resources));
            if (!index.TryAdd(resources[r].Name, r))
            {
                throw new ArgumentException($"Resource '{resources[r].Name}' is given more than once.", nameof(resources));
            }
        }

        return index;
    }

    private static void CheckSegments(IReadOnlyList<SegmentCapacityDemand> segments, Dictionary<string, int> resourceIndex)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            ArgumentNullException.ThrowIfNull(segment, nameof(segments));
            if (!names.Add(segment.Segment))
            {
                throw new ArgumentException($"Segment '{segment.Segment}' is given more than once.", nameof(segments));
            }

            foreach (var resource in segment.ResourceUsage.Keys)
            {
                if (!resourceIndex.ContainsKey(resource))
                {
                    throw new ArgumentException(
                        $"Segment '{segment.Segment}' uses resource '{resource}', which has no capacity; resources: {string.Join(", ", resourceIndex.Keys)}.",
                        nameof(segments));
                }
            }
        }
    }

    private static void CheckCommitments(IReadOnlyList<SegmentCapacityDemand> segments, IReadOnlyList<CapacityResource> resources)
    {
        foreach (var resource in resources)
        {
            var parts = new List<string>();
            var required = 0.0;
            foreach (var segment in segments)
            {
                var perUnit = segment.ResourceUsage.GetValueOrDefault(resource.Name);
                var committed = segment.MinimumServiceShare * segment.Demand;
                if (perUnit * committed > 0.0)
                {
                    required += perUnit * committed;
                    parts.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"'{segment.Segment}' {segment.MinimumServiceShare * 100.0:0.##} % of {segment.Demand:0.####} units × {perUnit:0.####} = {perUnit * committed:0.####}"));
                }
            }

            if (required > resource.Capacity + (Tolerance * Math.Max(1.0, resource.Capacity)))
            {
                throw new AllocationInfeasibleException(
                    resource.Name,
                    resource.Capacity,
                    required,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Committed minimum service needs {required:0.####} of resource '{resource.Name}' but its capacity is {resource.Capacity:0.####} ({string.Join("; ", parts)})."));
            }
        }
    }
}
