using ChainSeg.Data.Configuration;
using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests;

// ARCHITECTURE.md §5: exit code 2 for usage/config errors, 1 for runtime failures; one line, no stack trace unless --verbose.
public sealed class ChainSegAppTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static (int Code, string Error) Report(Exception exception, bool verbose = false)
    {
        var error = new StringWriter();
        var code = ChainSegApp.Report(exception, new CliContext(new TestConsole(), error, TimeProvider.System) { Verbose = verbose });
        return (code, error.ToString());
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public void Report_ConfigurationException_UsageErrorOnOneLine()
    {
        var (code, error) = Report(new AggregateException(new ConfigurationException("sources.order_lines: file not found: x.csv. Fix the path.")));
        Assert.Equal(ChainSegApp.UsageError, code);
        Assert.Equal("error: sources.order_lines: file not found: x.csv. Fix the path.", error.TrimEnd());
    }

    // Messages quote values from files: a quoted CSV field holding a line break and an escape sequence (route's order_time
    // "2025-12-01<LF>ESC[31mX") split the line and turned the terminal red.
    [Fact]
    public void Report_MessageQuotingControlCharacters_OneLineWithoutThem()
    {
        var (code, error) = Report(new ConfigurationException("orders.csv: order O1: order_time '2025-12-01\r\n\u001b[31mX\u0007' is not yyyy-MM-dd HH:mm."));
        Assert.Equal(ChainSegApp.UsageError, code);
        Assert.Equal("error: orders.csv: order O1: order_time '2025-12-01 ?[31mX?' is not yyyy-MM-dd HH:mm.", error.TrimEnd());
    }

    // An OperationCanceledException from elsewhere than a run's stages was told "the run was stopped; the previous results are
    // unchanged" whatever had stopped.
    [Fact]
    public void Report_CancelledOutsideAStagedCommand_SaysNoMoreThanThatItStopped()
    {
        var (code, error) = Report(new OperationCanceledException());
        Assert.Equal((ChainSegApp.Failure, "cancelled: stopped before it finished."), (code, error.Trim()));
    }

    // A full disk is no bug: the line said "run again with --verbose for the stack trace" and named no fix. The message is
    // DuckDB's when the store's write-ahead log cannot grow (a run on a 6 MB tmpfs), .NET's when an output file cannot.
    [Theory]
    [InlineData("TransactionContext Error: Failed to commit: Could not write file \"/data/out/chainseg.duckdb.wal\": No space left on device")]
    [InlineData("No space left on device : '/data/out/.staging-x/assignments.csv'")]
    public void Report_DiskFull_RuntimeFailureNamingTheFix(string message)
    {
        var (code, error) = Report(Thrown(new IOException(message)));

        Assert.Equal(ChainSegApp.Failure, code);
        Assert.Equal($"error: {message}; the disk is full: free space on it, or point --out (and --store) at another disk.", error.TrimEnd());
    }

    // A store file cut short (a copy that stopped half-way) or with a damaged block opens, and fails at the first query that
    // reads the lost part: explain said "IO Error: …" and "run again with --verbose", as for a bug. Messages as DuckDB 1.5
    // gave them for a store truncated to half its size and one with a block overwritten.
    [Theory]
    [InlineData("IO Error: Could not read enough bytes from file \"/data/out/chainseg.duckdb\": attempted to read 262144 bytes from location 6565888")]
    [InlineData("IO Error: Corrupt database file: computed checksum 12014993691035308802 does not match stored checksum 18446744073709551615 in block at location 8192")]
    public void Report_DamagedStore_UsageErrorNamingTheFix(string message)
    {
        var (code, error) = Report(Thrown(new IOException(message)));

        Assert.Equal(ChainSegApp.UsageError, code);
        Assert.Equal($"error: the store is damaged ({message}); restore it from a backup, or pass another --store (a new run into a new --out makes one).", error.TrimEnd());
    }

    [Fact]
    public void Report_ArgumentExceptionFromABug_RuntimeFailureOnOneLineWithoutTrace()
    {
        var (code, error) = Report(Thrown(new ArgumentException("index was off by one", "position")));
        Assert.Equal(ChainSegApp.Failure, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: index was off by one", line);
        Assert.Contains("--verbose", line);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Report_ArgumentOutOfRange_WithoutTheParameterNameAndActualValueSuffixes()
    {
        var (_, error) = Report(Thrown(new ArgumentOutOfRangeException("periods", 90, "Periods must exceed the 90 warm-up periods; got 90.")));
        Assert.Equal("error: Periods must exceed the 90 warm-up periods; got 90. (run again with --verbose for the stack trace)", error.TrimEnd());
    }

    [Fact]
    public void Report_UnexpectedFailureWithVerbose_PrintsTheStackTrace()
    {
        var (code, error) = Report(Thrown(new InvalidOperationException("row accounting does not reconcile")), verbose: true);
        Assert.Equal(ChainSegApp.Failure, code);
        Assert.StartsWith("error: row accounting does not reconcile", error);
        Assert.Contains("System.InvalidOperationException", error);
        Assert.Contains($"   at {typeof(ChainSegAppTests).FullName}.{nameof(Thrown)}", error);
    }

    // A file where the run publishes its quarantine folder failed the run at its end, after the whole pipeline, as an I/O
    // failure ("The file '…/quarantine' already exists", exit 1): it is refused before the run, as a usage error.
    [Fact]
    public void Run_FileWhereTheQuarantineFolderGoes_UsageErrorBeforeTheRun()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var output = Path.Combine(_folder.Path, "out");
        Directory.CreateDirectory(output);
        var quarantine = Path.Combine(output, "quarantine");
        File.WriteAllText(quarantine, "a file where the quarantine folder goes");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {output}: {quarantine} is a file where run writes its folder quarantine/; move it away, or pass another --out.", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(output, "chainseg.duckdb")));
    }

    // A word that names no command was given two errors, the first blaming a command not given for one that was: "error:
    // Required command was not provided. Unrecognized command or argument 'frobnicate'. See 'chainseg --help'.", and the
    // rest of the line repeated that for every argument after it.
    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "rnu", "--data", "x" }, "unknown command 'rnu' (did you mean 'run'?)")]
    [InlineData(new[] { "--verbose", "frobnicate", "extra" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "--bogus" }, "no command given before '--bogus'")]
    [InlineData(new string[0], "no command given")]
    public void Run_NoKnownCommand_OneLineListingTheCommands(string[] args, string expected)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: {expected}; the commands are demo, generate, run, inspect, validate, explain, compare, calc, route, simulate, allocate. See 'chainseg --help'.",
            run.Error.Trim());
    }

    // A misspelt flag was "Unrecognized command or argument '--dat'. Unrecognized command or argument 'exports'.": no word of
    // the flag meant (commands and chainseg.yaml keys get one), and its value blamed as a second mistake.
    [Theory]
    [InlineData(new[] { "run", "--dat", "exports", "--out", "results" }, "unknown option '--dat' (did you mean '--data'?)", "chainseg run")]
    [InlineData(new[] { "generate", "--customer", "300", "--order-lines", "20000", "--out", "x" }, "unknown option '--customer' (did you mean '--customers'?)", "chainseg generate")]
    [InlineData(new[] { "calc", "eoq", "--fixed", "8", "--holding", "1", "--demand", "10", "--verbos" }, "unknown option '--fixed' (did you mean '--fixed-cost'?). unknown option '--verbos' (did you mean '--verbose'?)", "chainseg calc eoq")]
    [InlineData(new[] { "explain", "C1", "--modle", "rfm", "--quite" }, "unknown option '--modle' (did you mean '--model'?). unknown option '--quite' (did you mean '--quiet'?)", "chainseg explain")]
    public void Run_MisspeltFlag_OneLineNamingTheFlagMeant(string[] args, string expected, string command)
    {
        var run = CliRun.Invoke(args);

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: {expected}. See '{command} --help'.", run.Error.Trim());
    }

    // README: "every command has --help". Asking a command with a required --out for its help ended in an unhandled
    // InvalidOperationException ("Option '--out' is required"), a stack trace and exit 134: help skips the required-option
    // check, and the note of which --out folders the command would make read --out all the same.
    [Theory]
    [InlineData("generate")]
    [InlineData("run")]
    [InlineData("route")]
    [InlineData("simulate")]
    [InlineData("allocate")]
    public void Run_HelpOfACommandWithARequiredOut_ExitsZeroWithoutAnError(string command)
    {
        var run = CliRun.Invoke(command, "--help");

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
    }

    public void Dispose() => _folder.Dispose();
}
