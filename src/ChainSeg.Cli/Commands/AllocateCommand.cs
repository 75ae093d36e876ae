using System.CommandLine;
using System.Globalization;
using ChainSeg.Data.Allocation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Pipeline;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg allocate</c>: shortage allocation of supply to open order lines, or a peak-period capacity plan, by segment rules.</summary>
public static class AllocateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var supply = new Option<FileInfo?>("--supply") { Description = "CSV of available supply: sku, quantity, [location_id]." };
        var orders = new Option<FileInfo?>("--orders") { Description = "CSV of open order lines: customer_id, sku, quantity, [line_id | order_id, line_no], [location_id, requested_date, unit_margin]." };
        var capacity = new Option<bool>("--capacity") { Description = "Plan the peak period's fulfilment capacity across segments instead (LP on the current run's data and policies.capacity)." };
        var capacityShare = NumberOptions.OptionalShare("--capacity-share", "With --capacity and no policies.capacity.resources: capacity as a share of the peak period's need (policies.capacity.period; default 0.85).");
        var integerUnits = new Option<bool>("--integer-units") { Description = "Allocate whole units (the fair shares rounded by an OR-Tools CP-SAT integer programme); shortage allocation only." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the allocation CSV files.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "chainseg.yaml with policies.shortage rules and policies.capacity resources (default: the configuration the run was made with)." };
        var store = new StoreOption("--results");
        var command = new Command("allocate", "Allocate scarce stock to open orders (strict tiers, fair share within a tier, minimum fills) or plan capacity across segments.")
        {
            supply, orders, capacity, capacityShare, integerUnits, output, config,
        };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            var folder = parsed.GetValue(output)!.FullName;
            using var opened = store.Open(parsed);
            OutputFolder.RequireRoom(folder, "allocate", parsed.GetValue(capacity) ? CapacityPlanning.Files : ShortageAllocation.Files);
            OutputFolder.Ensure(folder);
            var configuration = StoreOption.ConfigFor(opened, parsed.GetValue(config));
            if (parsed.GetValue(capacity) && (parsed.GetValue(supply) is not null || parsed.GetValue(orders) is not null))
                throw new ConfigurationException("--capacity plans capacity from the run's own demand and reads no --supply or --orders; give --capacity alone, or --supply and --orders for a shortage allocation.");
            // Read by the capacity plan alone: beside --supply and --orders it was dropped without a word.
            if (!parsed.GetValue(capacity) && parsed.GetValue(capacityShare) is not null)
                throw new ConfigurationException("--capacity-share sizes a capacity plan and a shortage allocation reads none; add --capacity for a capacity plan, or drop --capacity-share.");
            // Read by the shortage allocation alone: beside --capacity the plan's volumes stayed fractional without a word.
            if (parsed.GetValue(capacity) && parsed.GetValue(integerUnits))
                throw new ConfigurationException("--integer-units rounds a shortage allocation to whole units and a capacity plan reads none; drop --integer-units, or give --supply and --orders for a shortage allocation.");
            // A shortage rule or capacity rate for a segment nobody is in (a misspelt BZZ) would leave its segment at the
            // default tier without a guarantee, unnoticed; the run warns of it, and so does every allocation made under it.
            void WarnOfPoliciesWithoutCustomers() => PolicySegmentWarnings.Print(context, opened, configuration);
            if (parsed.GetValue(capacity))
            {
                var plan = CapacityPlanning.FromRun(opened, configuration, parsed.GetValue(capacityShare));
                CapacityPlanning.Write(plan, folder);
                var table = new Table().Title($"capacity plan (peak {plan.Period} from {DateFormat.Iso(plan.PeriodStart)}; service fill.unit, contribution margin.gross)")
                    .AddColumns("segment", "demand", "volume", "service", "minimum", "contribution", "limited by");
                foreach (var s in plan.Result.Segments)
                    table.AddRow(Markup.Escape(s.Segment), s.Demand.ToString("N0", CultureInfo.InvariantCulture), s.Volume.ToString("N0", CultureInfo.InvariantCulture),
                        s.ServiceShare.ToString("P1", CultureInfo.InvariantCulture), s.MinimumServiceShare.ToString("P0", CultureInfo.InvariantCulture),
                        s.Contribution.ToString("N0", CultureInfo.InvariantCulture), s.Limit.ToString());
                if (!context.Quiet)
                    context.Console.Write(table);
                context.Say($"total contribution {plan.Result.TotalContribution.ToString("N0", CultureInfo.InvariantCulture)}; wrote capacity_plan.csv and capacity_resources.csv to {Markup.Escape(folder)}");
                WarnOfPoliciesWithoutCustomers();
                return ChainSegApp.Ok;
            }
            if (parsed.GetValue(supply) is not { } supplyFile || parsed.GetValue(orders) is not { } ordersFile)
                throw new ConfigurationException("allocate needs --supply FILE and --orders FILE (or --capacity for a capacity plan).");
            var result = ShortageAllocation.FromFiles(opened, configuration, supplyFile.FullName, ordersFile.FullName, parsed.GetValue(integerUnits));
            ShortageAllocation.Write(result, folder);
            if (!context.Quiet)
                context.Console.Write(SegmentTable(result));
            context.Say($"allocated {result.Lines.Sum(l => l.Allocated).ToString("N0", CultureInfo.InvariantCulture)} of {result.Lines.Sum(l => l.Ordered).ToString("N0", CultureInfo.InvariantCulture)} units; wrote allocation_lines.csv and allocation_segments.csv to {Markup.Escape(folder)}");
            WarnOfPoliciesWithoutCustomers();
            return ChainSegApp.Ok;
        });
        return command;
    }

    /// <summary>Per-segment fill table (shared with the demo summary).</summary>
    public static Table SegmentTable(ChainSeg.Core.Allocation.ShortageAllocationResult result)
    {
        var table = new Table().Title("shortage allocation by segment (fill.unit)").AddColumns("segment", "tier", "ordered", "allocated", "fill rate", "guarantee", "met");
        foreach (var s in result.Segments)
            table.AddRow(Markup.Escape(s.Segment), s.Tier.ToString(CultureInfo.InvariantCulture), s.Ordered.ToString("N0", CultureInfo.InvariantCulture),
                s.Allocated.ToString("N0", CultureInfo.InvariantCulture), s.FillRate.ToString("P1", CultureInfo.InvariantCulture),
                s.MinimumFill.ToString("P0", CultureInfo.InvariantCulture), s.GuaranteeMet ? "yes" : "NO");
        return table;
    }
}
