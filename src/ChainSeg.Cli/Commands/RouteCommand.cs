using System.CommandLine;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Policies;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg route --orders FILE --out FILE</c>: segment, route, promised date and surcharge for each order.</summary>
public static class RouteCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var orders = new Option<FileInfo>("--orders") { Description = "CSV of order lines: order_id, customer_id, order_time, [requested_date, order_value, sku, quantity].", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "CSV to write the routing decisions to.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "chainseg.yaml with policies: (default: the configuration the run was made with)." };
        var store = new StoreOption("--results");
        var command = new Command("route", "Route orders: each customer's segment decides route, priority, promised delivery date and surcharge, with the rule that decided it.")
        {
            orders, output, config,
        };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.Open(parsed);
            var configuration = StoreOption.ConfigFor(opened, parsed.GetValue(config));
            var decisions = OrderRouting.Route(opened, configuration, parsed.GetValue(orders)!.FullName, parsed.GetValue(output)!.FullName);
            context.Say($"routed {decisions.Count} orders ({decisions.Count(d => d.IsFallbackPolicy)} on the fallback policy) to {Spectre.Console.Markup.Escape(parsed.GetValue(output)!.FullName)}");
            // A service policy or class cell for a segment nobody is in (a misspelt AXX) sent its orders to the fallback policy unnoticed.
            PolicySegmentWarnings.Print(context, opened, configuration, PolicySegmentNames.RoutingSettings);
            return ChainSegApp.Ok;
        });
        return command;
    }
}
