using System.Text.Json;
using static ChainSeg.Cli.Tests.Commands.CompareRenameTests;
using static ChainSeg.Cli.Tests.Commands.TinyConfig;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class ExplainRenameTests
{
    // CompareRenameTests' two runs: the second names the rule's segment 'large' for 'big'. Hand-computed: big → large holds
    // 11 of big's 12 customers (91.7 %) and all 11 of large's, a likely rename; B12 fell from big to small on its revenue.
    private static TinyRuns RenamedBetweenRuns()
    {
        var runs = new TinyRuns();
        runs.Run(Lines(b12Drops: false), Segmentation(BigFrom("tiers", 100)));
        runs.Run(Lines(b12Drops: true), Segmentation(BigFrom("tiers", 100, segment: "large")));
        return runs;
    }

    private static List<(string? Segment, string? RenamedFrom)> History(JsonElement explanation) =>
        explanation.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("segment").GetString(), h.GetProperty("likely_renamed_from").GetString())).ToList();

    [Fact]
    public void Explain_CustomerInARenamedSegment_SaysTheSegmentWasLikelyRenamed()
    {
        // B01's history read "tiers v1 big" then "tiers v1 large", as if B01 had moved; its segment was renamed around it.
        using var runs = RenamedBetweenRuns();

        var text = CliRun.Invoke("explain", "B01", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("explain", "B01", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        var history = text.Output[text.Output.IndexOf("archived runs", StringComparison.Ordinal)..];
        Assert.Contains("│ large (likely renamed from big) │", history);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(history, "renamed"));
        Assert.Equal([("big", null), ("large", "big")], History(json));
    }

    [Fact]
    public void Explain_CustomerWhoMovedOrStayed_GetsNoRenameNote()
    {
        // B12 really moved (big → small: its revenue fell below 100), though big → large is a rename in the same runs;
        // S1 stayed small. Neither history row says renamed, and --json gives null.
        using var runs = RenamedBetweenRuns();

        foreach (var customer in new[] { "B12", "S1" })
        {
            var text = CliRun.Invoke("explain", customer, "--out", runs.Out);
            var json = JsonDocument.Parse(CliRun.Invoke("explain", customer, "--out", runs.Out, "--json").Output).RootElement;

            Assert.Equal(ChainSegApp.Ok, text.ExitCode);
            Assert.DoesNotContain("renamed", text.Output);
            Assert.Equal(customer == "B12" ? [("big", null), ("small", null)] : [("small", null), ("small", null)], History(json));
        }
    }

    [Fact]
    public void Explain_RenamedSegmentUnderModel_SaysSoForThatModel()
    {
        // --model narrows the history to one model; the rename is still read from that model's two runs.
        using var runs = RenamedBetweenRuns();

        var json = JsonDocument.Parse(CliRun.Invoke("explain", "B05", "--model", "tiers", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal([("big", null), ("large", "big")], History(json));
    }
}
