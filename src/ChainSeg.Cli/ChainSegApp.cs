using System.CommandLine;
using ChainSeg.Cli.Commands;
using ChainSeg.Data.Configuration;
using Spectre.Console;

namespace ChainSeg.Cli;

/// <summary>The <c>chainseg</c> command line: parses, dispatches, and turns failures into exit codes (0 ok, 1 runtime failure, 2 usage or configuration error).</summary>
public static class ChainSegApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit code for a runtime failure.</summary>
    public const int Failure = 1;
    /// <summary>Exit code for a usage or configuration error.</summary>
    public const int UsageError = 2;

    /// <summary>Runs one command line against the process console.</summary>
    public static int Run(string[] args) => Run(args, new CliContext(AnsiConsole.Console, Console.Error, TimeProvider.System));

    /// <summary>Runs one command line against the given console, error writer and clock (tests use a TestConsole and a fixed clock).</summary>
    public static int Run(string[] args, CliContext context)
    {
        var globals = new GlobalOptions();
        var root = BuildRoot(context, globals);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var path = new List<string>();
            for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
                path.Insert(0, result.Command == root ? "chainseg" : result.Command.Name);
            var name = string.Join(" ", path);
            context.Error.WriteLine($"error: {string.Join(" ", parsed.Errors.Select(e => e.Message.TrimEnd('.') + "."))} See '{name} --help'.");
            return UsageError;
        }

        context.Verbose = parsed.GetValue(globals.Verbose);
        context.Quiet = parsed.GetValue(globals.Quiet);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        context.Cancellation = cancellation.Token;
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Unwrap(e) is ConfigurationException or ArgumentException)
        {
            context.Error.WriteLine("error: " + OneLine(Unwrap(e)));
            return UsageError;
        }
        catch (Exception e) when (Unwrap(e) is OperationCanceledException)
        {
            context.Error.WriteLine("cancelled: the run was stopped; the previous results are unchanged.");
            return Failure;
        }
        catch (Exception e)
        {
            var inner = Unwrap(e);
            context.Error.WriteLine("error: " + inner.Message.ReplaceLineEndings(" "));
            if (context.Verbose)
                context.Error.WriteLine(inner.ToString());
            else
                context.Error.WriteLine("(run again with --verbose for details)");
            return Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // .NET appends "(Parameter 'x')" and "Actual value was …" lines to argument exceptions; the message before them is the one to show.
    private static string OneLine(Exception e) =>
        e.Message.Split('\n')[0].Split(" (Parameter '")[0].Trim();

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e;

    private static RootCommand BuildRoot(CliContext context, GlobalOptions globals)
    {
        var root = new RootCommand("ChainSeg: customer segmentation for supply chains, from ERP/CRM exports to service and inventory policies.");
        root.Options.Add(globals.Verbose);
        root.Options.Add(globals.Quiet);
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(CalcCommand.Create(context));
        root.Subcommands.Add(RouteCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(AllocateCommand.Create(context));
        return root;
    }
}
