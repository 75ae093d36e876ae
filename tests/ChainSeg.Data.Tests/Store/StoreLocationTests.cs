using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Store;

public sealed class StoreLocationTests
{
    [Fact]
    public void Parse_Nothing_EmbeddedStoreInTheOutputFolder() =>
        Assert.Equal(new StoreLocation("duckdb", Path.GetFullPath(Path.Combine("out", "chainseg.duckdb"))), StoreLocation.Parse(null, "out"));

    [Theory]
    [InlineData("duckdb:results/chainseg.duckdb")]
    [InlineData("DuckDB:results/chainseg.duckdb")]
    [InlineData("results/chainseg.duckdb")]
    [InlineData("results/CHAINSEG.DUCKDB")]
    public void Parse_DuckDbFile_WithOrWithoutTheScheme(string value) =>
        Assert.Equal(Path.GetFullPath(value.Split(':')[^1]), StoreLocation.Parse(value, "out").Target);

    [Theory]
    [InlineData("results/chainseg.db", "--store 'results/chainseg.db' is not understood; use duckdb:PATH")]
    [InlineData("duckdb:", "--store 'duckdb:' is not understood")]
    // Blanks after the scheme were taken as a store file named "  " in the current folder.
    [InlineData("duckdb:  ", "--store 'duckdb:  ' is not understood")]
    [InlineData("postgres:Host=localhost", "--store postgres: is not available in this build")]
    // An empty --store (an unset shell variable: --store "$STORE") opened the store in --out without a word, as if left out.
    [InlineData("", "--store is empty; pass duckdb:PATH, or leave --store out for chainseg.duckdb in the output folder.")]
    [InlineData("  ", "--store is empty; pass duckdb:PATH")]
    public void Parse_OtherForms_OneLineErrorNamingTheFix(string value, string message) =>
        Assert.StartsWith(message, Assert.Throws<ConfigurationException>(() => StoreLocation.Parse(value, "out")).Message, StringComparison.Ordinal);
}
