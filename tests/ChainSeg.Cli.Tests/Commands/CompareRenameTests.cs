using System.Text.Json;
using static ChainSeg.Cli.Tests.Commands.TinyConfig;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class CompareRenameTests
{
    // B01–B12 order 200 each and S1–S5 40 each; in the second run B12 orders 50 and so falls below the threshold of 100.
    internal static string Lines(bool b12Drops) =>
        string.Concat(Enumerable.Range(1, 12).Select(i => $"SO-B{i},B{i:00},X,2025-04-01,{(i == 12 && b12Drops ? 1 : 5)},{(i == 12 && b12Drops ? 50 : 40)}\n"))
        + string.Concat(Enumerable.Range(1, 5).Select(i => $"SO-S{i},S{i},X,2025-04-01,1,40\n"));

    [Fact]
    public void Compare_SegmentRenamedBetweenRuns_NotesTheRenameAndTheShareChangedApartFromIt()
    {
        // The second run names the rule's segment 'large' instead of 'big': 11 of big's 12 customers are large and make up
        // all of large (B12 fell to small). Compare said "changed segment: 70.6 %" (12 of 17) as if 11 customers had moved.
        // Hand-computed: big → large 11 (11/12 = 91.7 % of big, 11/11 = 100 % of large); apart from it B12 alone changed, 1 of 17.
        using var runs = new TinyRuns();
        runs.Run(Lines(b12Drops: false), Segmentation(BigFrom("tiers", 100)));
        runs.Run(Lines(b12Drops: true), Segmentation(BigFrom("tiers", 100, segment: "large")));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        var output = text.Output.ReplaceLineEndings(" ");
        Assert.Contains("changed segment: 70.6 %, 5.9 % apart from likely renames;", output);
        Assert.Contains("note: 'big' → 'large': 91.7 % of its customers, 100.0 % of the other's; likely the same segment renamed (renamed in the model's definition", output);
        Assert.Equal(12.0 / 17, json.GetProperty("changed_share").GetDouble(), 12);
        Assert.Equal(1.0 / 17, json.GetProperty("changed_share_apart_from_renames").GetDouble(), 12);
        var rename = Assert.Single(json.GetProperty("likely_renames").EnumerateArray().ToList());
        Assert.Equal(("big", "large", 11), (rename.GetProperty("from").GetString(), rename.GetProperty("to").GetString(), rename.GetProperty("customers").GetInt32()));
        Assert.Equal(11.0 / 12, rename.GetProperty("share_of_from").GetDouble(), 12);
        Assert.Equal(1.0, rename.GetProperty("share_of_to").GetDouble());
        // The transition table and the adjusted Rand index stay as they were: big → large is still a transition.
        Assert.Contains(json.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("from").GetString() == "big"
            && t.GetProperty("to").GetString() == "large" && t.GetProperty("customers").GetInt32() == 11);
    }

    [Fact]
    public void Compare_SameNamesOnBothSides_NotesNoRenameAndKeepsTheHeadline()
    {
        // B12 falls from big to small under the same names: no rename, so no note and no "apart from" figure in the text;
        // --json says so with an empty list and the changed share again.
        using var runs = new TinyRuns();
        runs.Run(Lines(b12Drops: false), Segmentation(BigFrom("tiers", 100)));
        runs.Run(Lines(b12Drops: true), Segmentation(BigFrom("tiers", 100)));

        var text = CliRun.Invoke("compare", "previous", "current", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "previous", "current", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Contains("changed segment: 5.9 %;", text.Output.ReplaceLineEndings(" "));
        Assert.DoesNotContain("rename", text.Output);
        Assert.Empty(json.GetProperty("likely_renames").EnumerateArray());
        Assert.Equal(1.0 / 17, json.GetProperty("changed_share_apart_from_renames").GetDouble(), 12);
    }

    [Fact]
    public void Compare_TwoModels_LooksForNoRename()
    {
        // Two models' names are not one another's, so no changed share and no rename is read from them, however they agree.
        using var runs = new TinyRuns();
        runs.Run(Lines(b12Drops: false), Segmentation(BigFrom("tiers", 100) + BigFrom("sizes", 100, segment: "large")));

        var text = CliRun.Invoke("compare", "current:tiers", "current:sizes", "--out", runs.Out);
        var json = JsonDocument.Parse(CliRun.Invoke("compare", "current:tiers", "current:sizes", "--out", runs.Out, "--json").Output).RootElement;

        Assert.Equal(ChainSegApp.Ok, text.ExitCode);
        Assert.DoesNotContain("rename", text.Output);
        Assert.Empty(json.GetProperty("likely_renames").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("changed_share_apart_from_renames").ValueKind);
    }
}
