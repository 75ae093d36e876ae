namespace ChainSeg.Cli.Tests;

// Guards on the repository itself: the README's set-up commands and no half-resolved merges.
public sealed class RepositoryTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChainSeg.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ChainSeg.slnx not found");
    }

    [Fact]
    public void Readme_StartsWithTheDemoAndTestCommands()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var block = lines.SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dotnet run --project src/ChainSeg.Cli -c Release -- demo", "./test.sh"], block);
        Assert.True(File.Exists(Path.Combine(Root, "test.sh")));
    }

    [Fact]
    public void Sources_HaveNoMergeConflictMarkers()
    {
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}"))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)
                        || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".sh", StringComparison.Ordinal));
        var marked = files.Where(f => File.ReadLines(f).Any(l => l.StartsWith("<<<<<<< ", StringComparison.Ordinal) || l.StartsWith(">>>>>>> ", StringComparison.Ordinal))).ToList();
        Assert.Empty(marked);
    }
}
