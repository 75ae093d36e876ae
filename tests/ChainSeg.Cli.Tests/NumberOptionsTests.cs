using System.CommandLine;
using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests;

public sealed class NumberOptionsTests
{
    // System.CommandLine's own message named .NET types ("as expected type 'System.Nullable`1[System.Int32]'").
    [Theory]
    [InlineData("error: --seed expects a whole number; got 'abc'. See 'chainseg simulate --help'.", "simulate", "--seed", "abc", "--out", "x")]
    [InlineData("error: --customers expects a whole number; got '1.5'. See 'chainseg generate --help'.", "generate", "--customers", "1.5", "--order-lines", "1000", "--out", "x")]
    [InlineData("error: --order-lines expects a whole number; got '1,000'. See 'chainseg demo --help'.", "demo", "--order-lines", "1,000")]
    [InlineData("error: --capacity-share 'abc' is not a finite number; write it like 1300 or 0.225 (a dot for decimals, no thousands separators). See 'chainseg allocate --help'.", "allocate", "--capacity", "--capacity-share", "abc", "--out", "x")]
    // A numeral beyond a double's range was called "not a finite number", as if it were no number.
    [InlineData("error: --capacity-share '1e400' is beyond the range of numbers (about ±1.8e308); write one within it. See 'chainseg allocate --help'.", "allocate", "--capacity", "--capacity-share", "1e400", "--out", "x")]
    [InlineData("error: --demand '-1e400' is beyond the range of numbers (about ±1.8e308); write one within it. See 'chainseg calc eoq --help'.", "calc", "eoq", "--fixed-cost", "8", "--holding", "1", "--demand", "-1e400")]
    public void Parse_BadNumber_OneLineNamingTheFlagAndWhatItTakes(string expected, params string[] args)
    {
        var run = CliRun.Invoke(args);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    // A share flag written as a percent ("--csl 95%", as planners say it) was "not a finite number; write it like 1300 or
    // 0.225", where csl: 95% in chainseg.yaml names the fraction it stands for.
    [Theory]
    [InlineData("error: --csl '95%' is a percent; write the share as a fraction: 0.95 for 95 %. See 'chainseg calc safety-stock --help'.", "calc", "safety-stock", "--demand-mean", "250", "--demand-sd", "150", "--lead-time", "2", "--csl", "95%")]
    [InlineData("error: --fill-rate '97.5%' is a percent; write the share as a fraction: 0.975 for 97.5 %. See 'chainseg calc safety-stock --help'.", "calc", "safety-stock", "--demand-mean", "250", "--demand-sd", "150", "--lead-time", "2", "--fill-rate", "97.5%", "--order-qty", "1000")]
    [InlineData("error: --capacity-share '85%' is a percent; write the share as a fraction: 0.85 for 85 %. See 'chainseg allocate --help'.", "allocate", "--capacity", "--capacity-share", "85%", "--out", "x")]
    public void Parse_ShareFlagAsAPercent_NamesTheFractionItStandsFor(string expected, params string[] args)
    {
        var run = CliRun.Invoke(args);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    // Beyond an int (or long) the message named the type's range, -2147483648 to 2147483647, where the command takes far
    // fewer (demo --customers [10, 10000000]): it names the flag's own range, as a value inside the type's range is told.
    [Theory]
    [InlineData("error: --customers must be in [10, 10000000]; got 99999999999. See 'chainseg demo --help'.", "demo", "--customers", "99999999999")]
    [InlineData("error: --customers must be in [10, 10000000]; got -99999999999. See 'chainseg generate --help'.", "generate", "--customers", "-99999999999", "--order-lines", "1000", "--out", "x")]
    [InlineData("error: --order-lines must be in [100, 2000000000]; got 99999999999999999999. See 'chainseg demo --help'.", "demo", "--order-lines", "99999999999999999999")]
    [InlineData("error: --order-lines must be in [100, 2000000000]; got 99999999999999999999. See 'chainseg generate --help'.", "generate", "--customers", "100", "--order-lines", "99999999999999999999", "--out", "x")]
    [InlineData("error: --sample must be in [1, 2147483647]; got 99999999999. See 'chainseg validate --help'.", "validate", "--sample", "99999999999")]
    [InlineData("error: --days must be in [1, 3653]; got 99999999999. See 'chainseg simulate --help'.", "simulate", "--days", "99999999999", "--out", "x")]
    [InlineData("error: --sku-locations must be in [1, 2147483647]; got -99999999999. See 'chainseg simulate --help'.", "simulate", "--sku-locations", "-99999999999", "--out", "x")]
    [InlineData("error: --replications must be in [1, 1000]; got 99999999999. See 'chainseg simulate --help'.", "simulate", "--replications", "99999999999", "--out", "x")]
    // A seed takes [0, 2147483647] (SeedSetting); beyond an int it was told an int's range, negative half included.
    [InlineData("error: --seed must be in [0, 2147483647]; got 99999999999. See 'chainseg demo --help'.", "demo", "--seed", "99999999999")]
    [InlineData("error: --seed must be in [0, 2147483647]; got 2147483648. See 'chainseg generate --help'.", "generate", "--customers", "100", "--order-lines", "1000", "--seed", "2147483648", "--out", "x")]
    [InlineData("error: --seed must be in [0, 2147483647]; got -99999999999. See 'chainseg simulate --help'.", "simulate", "--seed", "-99999999999", "--out", "x")]
    public void Parse_WholeNumberBeyondItsType_NamesTheFlagsOwnRange(string expected, params string[] args)
    {
        var run = CliRun.Invoke(args);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
    }

    // Every numeric flag of every command, so a flag added later with a plain Option<int> fails here.
    [Fact]
    public void EveryNumericOption_BadValue_NamesTheFlagNotADotNetType()
    {
        var root = ChainSegApp.BuildRoot(new CliContext(new TestConsole(), TextWriter.Null, TimeProvider.System), new GlobalOptions());
        var numeric = new[] { typeof(int), typeof(long), typeof(double), typeof(int?), typeof(long?), typeof(double?) };
        var checkedOptions = 0;
        foreach (var (path, option) in Options(root, []).Where(o => numeric.Contains(o.Option.ValueType)))
        {
            var run = CliRun.Invoke([.. path, option.Name, "abc"]);
            Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
            Assert.DoesNotContain("expected type", run.Error);
            Assert.DoesNotContain("System.", run.Error);
            checkedOptions++;
        }
        Assert.True(checkedOptions > 30, $"only {checkedOptions} numeric options found");
    }

    private static IEnumerable<(string[] Path, Option Option)> Options(Command command, string[] path) =>
        command.Options.Select(o => (path, o)).Concat(command.Subcommands.SelectMany(c => Options(c, [.. path, c.Name])));
}
