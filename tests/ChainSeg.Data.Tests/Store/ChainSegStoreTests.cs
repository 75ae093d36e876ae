using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Store;

public sealed class ChainSegStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ConfigOf_RecordedYaml_ParsesWithTheRecordedFolder()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "a.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");
        store.RecordConfig("r1", "policies:\n  default: { csl: 0.9, route: drop_ship }\n", "/data/exports");

        var config = store.ConfigOf("r1");

        Assert.Equal("drop_ship", config.Policies.Default!.Route);
        Assert.Equal("/data/exports", config.BaseDirectory);
    }

    [Fact]
    public void ConfigOf_RunMadeWithTheDefaults_GivesTheDefaults()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "b.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");
        store.RecordConfig("r1", null, "/data");

        Assert.Null(store.ConfigOf("r1").Policies.Default);
    }

    [Fact]
    public void ConfigOf_RunFromBeforeConfigsWereRecorded_AsksForConfig()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "c.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");

        var error = Assert.Throws<ConfigurationException>(() => store.ConfigOf("r1"));
        Assert.Contains("pass --config", error.Message);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_NamesItAndLeavesItAlone()
    {
        var path = Path.Combine(_folder.Path, "notes.duckdb");
        File.WriteAllText(path, "meeting notes, not a store\n");

        var error = Assert.Throws<ConfigurationException>(() => ChainSegStore.Open(path));

        Assert.Equal($"cannot open store {path}: the file is not a DuckDB database. Pass another --store, or move the file away.", error.Message);
        Assert.Equal("meeting notes, not a store\n", File.ReadAllText(path));
    }

    [Fact]
    public void Open_PathIsAFolder_NamesTheProblemWithoutTheLockHint()
    {
        // Only a lock held by another process is fixed by closing it; a folder in the way (or a refused permission) is not.
        // DuckDB's words for it were "IO Error: Could not read from file …: Is a directory".
        var error = Assert.Throws<ConfigurationException>(() => ChainSegStore.Open(_folder.Path));

        Assert.Equal($"cannot open store {_folder.Path}: it is a folder; pass the store file in it (--store duckdb:{Path.Combine(_folder.Path, "chainseg.duckdb")}).", error.Message);
        Assert.DoesNotContain("Another process has it open", error.Message);
    }

    [Fact]
    public void Open_StorePathInsideAFile_NamesThePathAndTheFix()
    {
        // The folder for the store cannot be made where a file is: .NET's "The file '…' already exists" left as a runtime
        // failure, exit code 1, naming neither the store nor --store.
        var file = Path.Combine(_folder.Path, "order_lines.csv");
        File.WriteAllText(file, "order_id\n");
        var path = Path.Combine(file, "chainseg.duckdb");

        var error = Assert.Throws<ConfigurationException>(() => ChainSegStore.Open(path));

        Assert.Equal($"cannot open store {path}: its folder cannot be created ({file} is a file). Pass a store file in a folder you can write with --store.", error.Message);
        Assert.Equal("order_id\n", File.ReadAllText(file));
    }

    [Fact]
    public void OpenReadOnly_Store_ReadsWithoutWriting()
    {
        // explain and compare open the store read-only, so a user who may read but not write the file can use them.
        var path = Path.Combine(_folder.Path, "r.duckdb");
        using (var store = ChainSegStore.Open(path))
            store.BeginRun("r1", Start, "abc", "{}");

        using var reader = ChainSegStore.OpenReadOnly(path);

        // A writer would have marked the run a dead process left running as interrupted.
        Assert.Equal(RunStatus.Running, Assert.Single(reader.Runs()).Status);
        var refused = Assert.Throws<DuckDBException>(() => reader.Connection.Execute("CREATE TABLE t (a INTEGER)"));
        Assert.Contains("read-only mode", refused.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_DuckDbFileOfAnotherApplication_IsRefusedUnchanged(bool readOnly)
    {
        // Without chainseg's schema table it was taken for a store of version 0 and migrated: explain wrote runs,
        // assignment_history and segmentation_models into someone's database (or failed half-way on a table of theirs).
        // Opened for writing it still was: route, simulate and allocate, which only read a store, did so, and a run wrote
        // a whole run into it.
        var path = Path.Combine(_folder.Path, "foreign.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE runs (a INTEGER)";
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<ConfigurationException>(() => readOnly ? ChainSegStore.OpenReadOnly(path) : ChainSegStore.Open(path));

        Assert.Contains("not a chainseg store", error.Message);
        using var check = new DuckDBConnection($"Data Source={path};access_mode=READ_ONLY");
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM duckdb_tables()";
        Assert.Equal("runs", tables.ExecuteScalar());
    }

    [Fact]
    public void Open_DuckDbFileWithoutTables_BecomesAStore()
    {
        // An empty database (made ahead by a script, or by DuckDB's CLI) is no one's data: it is the new store.
        var path = Path.Combine(_folder.Path, "empty.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={path}"))
            connection.Open();

        using var store = ChainSegStore.Open(path);

        Assert.Empty(store.Runs());
    }

    [Theory]
    [InlineData("export.csv")]
    [InlineData("export.parquet")]
    public void Open_DataFileName_IsRefusedBeforeDuckDbOpensItAsAView(string name)
    {
        // DuckDB opens such a path as an in-memory database with a view of the file: a run stored there kept nothing.
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, "a,b\n1,2\n");

        var error = Assert.Throws<ConfigurationException>(() => ChainSegStore.Open(path));

        Assert.Equal($"cannot open store {path}: that is the name of a data file, not a database. Pass a store file such as chainseg.duckdb.", error.Message);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
    }

    [Fact]
    public void Open_NewStore_WritesStringsInTheCurrentStorageFormat()
    {
        var path = Path.Combine(_folder.Path, "d.duckdb");
        using (var store = ChainSegStore.Open(path))
            store.Connection.Execute("CREATE TABLE t AS SELECT 'C-' || (i % 1000) AS id FROM range(200000) r(i); CHECKPOINT");

        // Read back through a plain connection: DICT_FSST exists only in storage format v1.3 and later.
        using var plain = new DuckDBConnection($"Data Source={path}");
        plain.Open();
        var methods = plain.Query("SELECT DISTINCT compression FROM pragma_storage_info('t') WHERE column_name = 'id' AND segment_type = 'VARCHAR'", r => r.GetString(0));
        Assert.Equal(["DICT_FSST"], methods);
    }

    [Fact]
    public void Open_StoreInDuckDbsDefaultFormat_OpensAndMigrates()
    {
        // A file made by a plain DuckDB connection (the format stores had before they were created in v1.5.0), with
        // chainseg's schema table as every store has it (here empty, as before the first migration).
        var path = Path.Combine(_folder.Path, "e.duckdb");
        using (var plain = new DuckDBConnection($"Data Source={path}"))
        {
            plain.Open();
            plain.Execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
            plain.Execute("CREATE TABLE kept AS SELECT 42 AS answer");
        }

        using var store = ChainSegStore.Open(path);

        Assert.Equal(42, store.Connection.ScalarLong("SELECT answer FROM kept"));
        Assert.Equal(ChainSegStore.CurrentSchemaVersion, store.Connection.ScalarLong("SELECT max(version) FROM schema_version"));
    }

    public void Dispose() => _folder.Dispose();
}
