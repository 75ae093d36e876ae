using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ChainSeg.Cli.Commands;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using Spectre.Console;

namespace ChainSeg.Cli;

/// <summary>The <c>chainseg</c> command line: parses, dispatches, and turns failures into exit codes (0 ok, 1 runtime failure, 2 usage or configuration error).</summary>
public static partial class ChainSegApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;
    /// <summary>Exit code for a runtime failure.</summary>
    public const int Failure = 1;
    /// <summary>Exit code for a usage or configuration error.</summary>
    public const int UsageError = 2;

    // Every text ChainSeg writes reads the same on every machine, as its files do: messages that interpolate a number
    // (a setting's value, a count) would otherwise print "got 1,5" on a German one.
    /// <summary>Runs one command line against the process console, in the invariant culture.</summary>
    public static int Run(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return Run(args, new CliContext(ConsoleWidth.Process(), Console.Error, TimeProvider.System));
    }

    /// <summary>Runs one command line against the given console, error writer and clock (tests use a TestConsole and a fixed clock).</summary>
    public static int Run(string[] args, CliContext context)
    {
        var globals = new GlobalOptions();
        var root = BuildRoot(context, globals);
        // No response files: an argument starting with @ is a value, as customer ids (@HOME-DEPOT), file names and model
        // names can be, and System.CommandLine would read it as a file of arguments to expand ("Response file not found").
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            var path = new List<string>();
            for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
                path.Insert(0, result.Command == root ? "chainseg" : result.Command.Name);
            var name = string.Join(" ", path);
            var problem = NoKnownCommand(parsed, path.Skip(1).ToList())
                          ?? string.Join(" ", UnknownFlagsNamed(parsed).Select(e => InPlainWords(e).TrimEnd('.') + "."));
            context.Error.WriteLine($"error: {problem} See '{name} --help'.");
            return UsageError;
        }

        context.Verbose = parsed.GetValue(globals.Verbose);
        context.Quiet = parsed.GetValue(globals.Quiet);
        if (parsed.Action is not System.CommandLine.Help.HelpAction && LinkLoopGiven(parsed) is { } loop)
        {
            context.Error.WriteLine("error: " + OneLine(loop));
            return UsageError;
        }
        using var cancellation = new CancellationTokenSource();
        // The first Ctrl-C or SIGTERM (a scheduler's timeout: systemd, Kubernetes, timeout(1)) stops a run at its next stage,
        // recorded as failed with the one-line message; a second one ends the process at once (a stage can take minutes).
        // The next run recovers from either. Work that stops at no stage (simulate, allocate, route, explain, calc, …) ends at
        // the first: kept running, a simulate of 51 s went on to the end, wrote its files and exited 0.
        bool KeepRunning()
        {
            var first = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
            return first && context.StopsAtStages;
        }
        ConsoleCancelEventHandler onCancel = (_, e) => e.Cancel = KeepRunning();
        Console.CancelKeyPress += onCancel;
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => signal.Cancel = KeepRunning());
        context.Cancellation = cancellation.Token;
        var made = MadeFolders.ForOut(parsed);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // Refused or stopped after making --out and before writing there: an empty folder would only say it ran.
            made.RemoveEmpty();
            return Report(e, context, parsed.CommandResult.Command.Options.Any(o => o.Name == "--store"));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Writes a failure as one line on the error stream and returns its exit code: a <see cref="ConfigurationException"/>
    /// (how commands report bad flags, files, columns and config values) is a usage error; anything else is a runtime
    /// failure, with the stack trace only under --verbose.
    /// </summary>
    // takesStore: whether the failed command has a --store flag to name (generate and demo have none: their fix was a flag they lack).
    internal static int Report(Exception exception, CliContext context, bool takesStore = true)
    {
        var e = Unwrap(exception);
        switch (e)
        {
            case ConfigurationException:
                context.Error.WriteLine("error: " + OneLine(e.Message));
                return UsageError;
            // DuckDB's and .NET's words for ENOSPC (and Windows' for ERROR_DISK_FULL): a disk to free, not a bug to trace.
            case { Message: var full } when full.Contains("No space left on device", StringComparison.Ordinal)
                                            || full.Contains("not enough space on the disk", StringComparison.Ordinal):
                context.Error.WriteLine($"error: {OneLine(full).TrimEnd().TrimEnd('.')}; the disk is full: free space on it, or point --out{(takesStore ? " (and --store)" : "")} at another disk.");
                return Failure;
            // DuckDB reads a store's blocks as queries need them, so a store cut short or with a damaged block may open and
            // fail later, at the block it lost: the file is to replace, not a bug to trace.
            case { Message: var damaged } when damaged.Contains("Could not read enough bytes from file", StringComparison.Ordinal)
                                               || damaged.Contains("Corrupt database file", StringComparison.Ordinal):
                context.Error.WriteLine($"error: the store is damaged ({OneLine(damaged).TrimEnd()}); restore it from a backup, or pass another --store (a new run into a new --out makes one).");
                return UsageError;
            // A loop no flag named (inspect's FILE, a sources path in chainseg.yaml), met where it was opened.
            case IOException { Message: var loop } when loop.Contains(TooManyLinks, StringComparison.Ordinal):
                var path = QuotedPath().Match(loop);
                context.Error.WriteLine("error: " + (path.Success ? LinkLoopFix(path.Groups[1].Value) : $"{OneLine(loop).TrimEnd('.')}: a path is a loop of symbolic links; point the link at a file or folder, or pass another path."));
                return UsageError;
            // Work that stops at stages says what the stop left behind (CliContext.AtStages).
            case OperationCanceledException:
                context.Error.WriteLine("cancelled: " + OneLine(e.InnerException is OperationCanceledException ? e.Message : "stopped before it finished."));
                return Failure;
            default:
                // .NET appends " (Parameter 'x')" and "Actual value was …" to argument errors: names of code, not of anything a user set.
                var message = OneLine(e is ArgumentException ? e.Message.Split(" (Parameter")[0] : e.Message).TrimEnd();
                if (context.Verbose)
                {
                    context.Error.WriteLine("error: " + message);
                    context.Error.WriteLine(e.ToString());
                }
                else
                {
                    context.Error.WriteLine($"error: {message} (run again with --verbose for the stack trace)");
                }
                return Failure;
        }
    }

    // strerror(ELOOP), as .NET words an IOException for it.
    private const string TooManyLinks = "Too many levels of symbolic links";

    private static string LinkLoopFix(string loop) => ChainSeg.Data.Pipeline.RealPath.LoopFix(OneLine(loop));

    // A path flag that is a loop of symbolic links (ln -s a b; ln -s b a), at its end or above it: File.Exists holds for a
    // loop, so --data and --out said "is a file", and the rest failed where they opened it ("Too many levels of symbolic
    // links", exit 1). Named up front, with the flag. --store's value is "duckdb:PATH" or the path.
    private static string? LinkLoopGiven(ParseResult parsed)
    {
        foreach (var option in parsed.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>())
        {
            var path = option.Option switch
            {
                Option<FileInfo> => option.GetValueOrDefault<FileInfo?>()?.FullName,
                Option<DirectoryInfo> => option.GetValueOrDefault<DirectoryInfo?>()?.FullName,
                Option<string?> { Name: "--store" } => StorePath(option.GetValueOrDefault<string?>()),
                _ => null,
            };
            if (path is not null && ChainSeg.Data.Pipeline.RealPath.LinkLoop(path) is { } loop)
                return $"{option.Option.Name} {path}: {LinkLoopFix(loop)}";
        }
        return null;
    }

    // The store file a --store value names, read as the command reads it; null for a value the command refuses itself
    // ("duckdb:" with no path ended here in GetFullPath's ArgumentException and a stack trace).
    private static string? StorePath(string? value)
    {
        if (value is null)
            return null;
        try
        {
            return ChainSeg.Data.Store.StoreLocation.Parse(value, ".").Target;
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    [GeneratedRegex("'(.+)'")]
    private static partial Regex QuotedPath();

    // Messages quote values from files and flags: a line break in one (a quoted CSV field, a YAML key) would split the one
    // line, and an escape sequence (ESC [31m) would be acted on by the terminal. Both are shown as a space and '?'.
    private static string OneLine(string message) =>
        new(message.ReplaceLineEndings(" ").Select(c => c == '\t' ? ' ' : char.IsControl(c) ? '?' : c).ToArray());

    // System.CommandLine names the .NET type a value failed to become ("Cannot parse argument '' for option '--out' as
    // expected type 'System.IO.DirectoryInfo'"); for a path flag that is an empty value, as an unset shell variable gives.
    private static string InPlainWords(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success)
            return message;
        var (value, option, type) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        var wanted = type switch
        {
            "System.IO.DirectoryInfo" => "a folder",
            "System.IO.FileInfo" => "a file",
            _ => null,
        };
        if (wanted is null)
            return message;
        return string.IsNullOrWhiteSpace(value) ? $"{option} is empty; pass {wanted}" : $"{option} '{value}' is not a path; pass {wanted}";
    }

    // Without a command System.CommandLine says "Required command was not provided." and, for a word that names none, adds
    // "Unrecognized command or argument 'x'." for it and each argument after it: one line names what was typed instead.
    // Null for a command that takes no commands (run, calc eoq), whose errors are its own flags'.
    private static string? NoKnownCommand(ParseResult parsed, List<string> parents)
    {
        var commands = parsed.CommandResult.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        if (commands.Count == 0)
            return null;
        var above = string.Concat(parents.Select(p => p + " "));
        var problem = parsed.UnmatchedTokens switch
        {
            // A flag of the commands below (calc --json) as well as one of none (--colour): the command is what is missing.
            [var option, ..] when option.StartsWith('-') => $"no command given before '{option}'",
            [var word, ..] => $"unknown command '{above}{word}'{MetricNameSuggestion.Hint(word, commands)}",
            _ => "no command given",
        };
        return $"{problem}; the {above}commands are {string.Join(", ", commands)}.";
    }

    // A misspelt flag (--dat) was "Unrecognized command or argument '--dat'." and its value another such error: the flag
    // meant is named instead, as for a command or a chainseg.yaml key, and its value and the "is required" of the flag
    // meant are left out, the same mistake told three times. A flag like no other keeps System.CommandLine's words.
    private static IEnumerable<string> UnknownFlagsNamed(ParseResult parsed)
    {
        var options = parsed.CommandResult.Command.Options.ToList();
        for (var above = parsed.CommandResult.Parent as System.CommandLine.Parsing.CommandResult; above is not null; above = above.Parent as System.CommandLine.Parsing.CommandResult)
            options.AddRange(above.Command.Options.Where(o => o.Recursive));
        var flags = options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
        var meant = new Dictionary<string, string>();
        var values = new HashSet<string>();
        var tokens = parsed.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith("--", StringComparison.Ordinal) || AsWords(tokens[i]) is not { Length: > 0 } typed)
                continue;
            if (MetricNameSuggestion.For(typed, flags.Select(AsWords)) is not { } words)
                continue;
            meant[tokens[i]] = flags.First(f => AsWords(f) == words);
            if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                values.Add(tokens[++i]);
        }
        foreach (var message in parsed.Errors.Select(e => e.Message))
        {
            if (UnrecognizedToken().Match(message) is { Success: true } unrecognized)
            {
                var token = unrecognized.Groups[1].Value;
                if (meant.TryGetValue(token, out var flag))
                    yield return $"unknown option '{token}' (did you mean '{flag}'?)";
                else if (!values.Contains(token))
                    yield return message;
            }
            else if (!meant.Values.Any(flag => message == $"Option '{flag}' is required."))
            {
                yield return message;
            }
        }
    }

    // A flag's words as chainseg.yaml writes a key's (--fixed-cost: fixed_cost), for the suggestion to weigh them as words.
    private static string AsWords(string flag) => flag.TrimStart('-').Replace('-', '_');

    [GeneratedRegex("^Unrecognized command or argument '(.*)'\\.$")]
    private static partial Regex UnrecognizedToken();

    [GeneratedRegex("^Cannot parse argument '(.*)' for option '(.+?)' as expected type '([^']+)'")]
    private static partial Regex CannotParse();

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e;

    /// <summary>The root command with every sub-command (tests walk it to check every option).</summary>
    internal static RootCommand BuildRoot(CliContext context, GlobalOptions globals)
    {
        var root = new RootCommand("ChainSeg: customer segmentation for supply chains, from ERP/CRM exports to service and inventory policies.");
        root.Options.Add(globals.Verbose);
        root.Options.Add(globals.Quiet);
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(GenerateCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(CalcCommand.Create(context));
        root.Subcommands.Add(RouteCommand.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(AllocateCommand.Create(context));
        return root;
    }
}
