using System.Globalization;
using System.Text.Json;
using ChainSeg.Cli.Commands;
using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class CalcReportTests
{
    [Fact]
    public void Write_JsonOnNarrowConsole_IsNotWrapped()
    {
        // Spectre wraps text at the console width (80 when output is redirected); JSON must bypass it to stay parseable.
        var console = new TestConsole();
        console.Profile.Width = 20;
        var context = new CliContext(console, new StringWriter(), TimeProvider.System);
        var result = new { committed_service_times = new Dictionary<string, int> { ["a-very-long-node-identifier-from-the-erp"] = 3 } };

        CalcReport.Write(context, json: true, result, () => throw new InvalidOperationException("no table with --json"));

        using var document = JsonDocument.Parse(console.Output);
        Assert.Equal(3, document.RootElement.GetProperty("committed_service_times").GetProperty("a-very-long-node-identifier-from-the-erp").GetInt32());
    }

    [Fact]
    public void Write_Table_ShowsDashForUnknownFigure()
    {
        var console = new TestConsole();
        console.Profile.Width = 120;
        var context = new CliContext(console, new StringWriter(), TimeProvider.System);

        CalcReport.Write(context, json: false, new object(), () => CalcReport.Figures("t", [new("fill_rate", null, "needs Q"), new("csl", 0.95, "Type 1")]));

        Assert.Contains("—", console.Output);
        Assert.Contains("0.95", console.Output);
    }

    [Fact]
    public void PlainMessage_OutOfRange_DropsParameterAndActualValue()
    {
        var exception = new ArgumentOutOfRangeException("csl", 1.2, "Cycle service level must be in (0, 1); got 1.2.");

        Assert.Equal("Cycle service level must be in (0, 1); got 1.2.", CalcReport.PlainMessage(exception));
    }

    [Fact]
    public void PlainMessage_WithoutParameter_KeepsMessage()
    {
        Assert.Equal("Network must have at least one node.", CalcReport.PlainMessage(new ArgumentException("Network must have at least one node.")));
    }

    [Fact]
    public void Number_GermanCulture_StaysInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("304.047", CalcReport.Number(304.0467800264368));
            Assert.Equal("1E-20", CalcReport.Number(1e-20));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
