using ChainSeg.Data.Configuration;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Store;

/// <summary>
/// The embedded DuckDB store: canonical tables and results per run (one schema per run), the run registry,
/// and forward migrations. A run becomes current only when it completes, so a failed run never replaces a good one.
/// </summary>
public sealed class ChainSegStore : IDisposable
{
    /// <summary>Complete runs whose tables are kept; older runs keep their registry row and archived results only.</summary>
    public const int RunsKept = 3;

    /// <summary>DuckDB storage format of stores this version creates (readable by DuckDB 1.5 and later).</summary>
    public const string StorageVersion = "v1.5.0";

    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "run registry", """
            CREATE TABLE runs (
                run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, status VARCHAR NOT NULL,
                config_hash VARCHAR NOT NULL, input_hashes VARCHAR NOT NULL, is_current BOOLEAN NOT NULL DEFAULT false,
                error VARCHAR, summary VARCHAR, data_dropped BOOLEAN NOT NULL DEFAULT false);
            """),
        (2, "segmentation history and model registry", """
            CREATE TABLE assignment_history (
                run_id VARCHAR NOT NULL, model VARCHAR NOT NULL, model_version INTEGER NOT NULL, definition_hash VARCHAR NOT NULL,
                config_hash VARCHAR NOT NULL, as_of DATE NOT NULL, customer_id VARCHAR NOT NULL, segment VARCHAR NOT NULL, reason VARCHAR);
            CREATE TABLE segmentation_models (
                model VARCHAR NOT NULL, version INTEGER NOT NULL, method VARCHAR NOT NULL, definition_hash VARCHAR NOT NULL,
                definition VARCHAR NOT NULL, assumptions VARCHAR, first_run_id VARCHAR NOT NULL,
                first_seen_at TIMESTAMP NOT NULL DEFAULT current_timestamp, PRIMARY KEY (model, version));
            """),
        (3, "configuration recorded with each run", """
            ALTER TABLE runs ADD COLUMN config_text VARCHAR;
            ALTER TABLE runs ADD COLUMN config_directory VARCHAR;
            """),
        (4, "archived assignments keep the raw segment and the active-model flag", """
            ALTER TABLE assignment_history ADD COLUMN raw_segment VARCHAR;
            ALTER TABLE assignment_history ADD COLUMN is_active_model BOOLEAN;
            """),
        (5, "each run's model definitions", """
            CREATE TABLE run_models (
                run_id VARCHAR NOT NULL, model VARCHAR NOT NULL, version INTEGER NOT NULL, definition VARCHAR NOT NULL,
                PRIMARY KEY (run_id, model));
            """),
        (6, "archived runs keep their identifier crosswalk", """
            CREATE TABLE crosswalk_history (
                run_id VARCHAR NOT NULL, source_system VARCHAR, source_customer_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL);
            """),
        // The clock orders nothing: a run started on a clock behind the earlier runs' was taken for the oldest. Runs of a
        // store run one at a time, so the order they were registered in is the order they ran; older runs take their starts'.
        (7, "runs numbered in the order they ran", """
            ALTER TABLE runs ADD COLUMN seq BIGINT;
            UPDATE runs SET seq = o.n FROM (SELECT run_id, row_number() OVER (ORDER BY started_at, run_id) AS n FROM runs) o WHERE runs.run_id = o.run_id;
            """),
    ];

    private readonly string _memoryLimit;

    private ChainSegStore(DuckDBConnection connection, string path, string memoryLimit)
    {
        Connection = connection;
        Path = path;
        _memoryLimit = memoryLimit;
    }

    /// <summary>The open connection (DuckDB allows one writer process per file).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>Database file.</summary>
    public string Path { get; }

    /// <summary>Schema version after migrations.</summary>
    public static int CurrentSchemaVersion => Migrations[^1].Version;

    // The process holding the lock is usually a run in progress, which finishes by itself: waiting is the first fix.
    private const string LockAdvice = "Another process has it open (a run in progress, or a command left open): wait for it to finish or stop it, or pass another --store.";

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="path"/>; marks runs left running by a dead process as interrupted.</summary>
    /// <exception cref="ConfigurationException">The file is locked by another process, cannot be opened, is not a DuckDB database, or is another program's DuckDB database.</exception>
    public static ChainSegStore Open(string path, string memoryLimit = "1536MB")
    {
        RequireDatabaseFile(path);
        CreateFolderOf(path);
        // A new store is created in DuckDB's current storage format, whose string compression (DICT_FSST) writes
        // large tables about twice as fast as the default backward-compatible format; existing stores keep theirs.
        var store = Connect(path, $"storage_compatibility_version={StorageVersion}", memoryLimit, "read and write");
        try
        {
            // A DuckDB file with tables of its own and no schema_version is someone else's database: route, simulate and
            // allocate, which only read a store, wrote chainseg's tables into it, and a run a whole run. An empty one is new.
            if (!store.Connection.TableExists("main", "schema_version") && store.Connection.ScalarLong("SELECT count(*) FROM information_schema.tables") > 0)
                throw NotAStore(path);
            store.Migrate();
            store.MarkInterruptedRuns();
        }
        catch
        {
            store.Dispose(); // A store refused (newer schema) or failing its migration is not left open and locked.
            throw;
        }
        return store;
    }

    /// <summary>
    /// Opens an existing store for reading only (explain, compare): a user who may read but not write the file can, and
    /// readers do not lock each other out. A store an older chainseg made is opened for writing once, to be migrated.
    /// </summary>
    /// <exception cref="ConfigurationException">The file is locked by a writer, cannot be read, is not a DuckDB database, or is newer than this chainseg.</exception>
    public static ChainSegStore OpenReadOnly(string path, string memoryLimit = "1536MB")
    {
        RequireDatabaseFile(path);
        var store = Connect(path, "access_mode=READ_ONLY", memoryLimit, "read");
        // A DuckDB file without chainseg's schema table is someone else's database, not an old store (the first migration
        // made both): reading it must not write chainseg's tables into it.
        if (!store.Connection.TableExists("main", "schema_version"))
        {
            store.Dispose();
            throw NotAStore(path);
        }
        var applied = store.AppliedVersion();
        // Runs a dead process left running stay so until a writer opens the store: readers see complete runs only.
        if (applied == CurrentSchemaVersion)
            return store;
        store.Dispose();
        store.RequireKnownVersion(applied);
        try
        {
            return Open(path, memoryLimit);
        }
        catch (ConfigurationException e) when (!e.Message.EndsWith(LockAdvice, StringComparison.Ordinal))
        {
            throw new ConfigurationException($"cannot open store {path}: an older chainseg made it (schema version {applied}, this one reads {CurrentSchemaVersion}), and it is upgraded once by a process that can write it, which this one cannot; run any chainseg command on it as a user who may write the file. ({e.Message})");
        }
    }

    // A file where the store's folder (or one above it) should be is this path's problem, named with --store, not a runtime failure.
    private static void CreateFolderOf(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = Pipeline.OutputFolder.FileInTheWay(folder) is { } blocking ? $"{blocking} is a file" : e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
            throw new ConfigurationException($"cannot open store {path}: its folder cannot be created ({reason}). Pass a store file in a folder you can write with --store.");
        }
    }

    private static ChainSegStore Connect(string path, string settings, string memoryLimit, string access)
    {
        var connection = new DuckDBConnection($"Data Source={path};{settings}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            // DuckDB's lock message goes on to suggest its CLI's -readonly flag, which chainseg has no use for.
            var reason = e.Message.Split('\n')[0].Replace("DuckDBOpen failed: ", "", StringComparison.Ordinal).Split(" However, you would be able")[0].TrimEnd();
            // Only a lock is another process's doing; a refused permission or a folder in the way is this path's problem.
            throw reason.Contains("not a valid DuckDB database", StringComparison.Ordinal) ? NotADatabase(path)
                : reason.Contains("Could not set lock", StringComparison.Ordinal)
                    ? new ConfigurationException($"cannot open store {path}: {reason}. {LockAdvice}")
                    : new ConfigurationException($"cannot open store {path}: {reason}. Pass a store file you can {access} with --store.");
        }
        var store = new ChainSegStore(connection, path, memoryLimit);
        connection.Execute($"SET memory_limit = {Ingestion.Sql.Str(memoryLimit)}; SET preserve_insertion_order = true");
        return store;
    }

    // DuckDB opens a path ending in .csv, .parquet or .json as a read-only view of that file in an in-memory database, so
    // a run "stored" there would keep nothing: such a path, or an existing file without DuckDB's magic bytes ("DUCK" at
    // offset 8 of its header), is refused before DuckDB sees it.
    private static void RequireDatabaseFile(string path)
    {
        // DuckDB's words for a folder were "IO Error: Could not read from file …: Is a directory".
        if (Directory.Exists(path))
            throw new ConfigurationException($"cannot open store {path}: it is a folder; pass the store file in it (--store duckdb:{System.IO.Path.Combine(path, StoreLocation.DefaultFileName)}).");
        var name = System.IO.Path.GetFileName(path);
        if (DataFileExtensions.Any(ext => name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)))
            throw new ConfigurationException($"cannot open store {path}: that is the name of a data file, not a database. Pass a store file such as chainseg.duckdb.");
        try
        {
            if (IsDatabaseOrNew(path))
                return;
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot open store {path}: permission denied. Pass a store file you can read with --store, or ask its owner for access.");
        }
        throw NotADatabase(path);
    }

    /// <summary>Whether the file at <paramref name="path"/> is a DuckDB database by its header, or missing or empty (a new store).</summary>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    public static bool IsDatabaseOrNew(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
            return true;
        Span<byte> header = stackalloc byte[12];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header[8..12].SequenceEqual("DUCK"u8);
    }

    private static ConfigurationException NotAStore(string path) =>
        new($"cannot open store {path}: it is a DuckDB database, but not a chainseg store (no schema_version table). Pass the store a run wrote, with --store or --out.");

    private static ConfigurationException NotADatabase(string path) =>
        new($"cannot open store {path}: the file is not a DuckDB database. Pass another --store, or move the file away.");

    private static readonly string[] DataFileExtensions = [".csv", ".csv.gz", ".tsv", ".parquet", ".json", ".jsonl", ".ndjson", ".xlsx"];

    /// <summary>
    /// Gives memory DuckDB keeps after heavy queries (freed blocks its allocator holds, cached table pages) back to the
    /// operating system, by lowering the memory limit for a moment and restoring it; a pipeline calls it between stages
    /// so the process' peak is one stage's need, not the sum of DuckDB's leftovers and the next stage's.
    /// </summary>
    public void ReleaseMemory()
    {
        Connection.Execute("SET memory_limit = '64MB'");
        Connection.Execute($"SET memory_limit = {Ingestion.Sql.Str(_memoryLimit)}");
    }

    /// <summary>Schema name for a run id.</summary>
    public static string SchemaOf(string runId) => "run_" + runId.Replace('-', '_').ToLowerInvariant();

    /// <summary>Registers a new run as running and creates its schema.</summary>
    public RunRecord BeginRun(string runId, DateTime startedAt, string configHash, string inputHashes)
    {
        using (var command = Connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO runs (run_id, started_at, status, config_hash, input_hashes, seq) SELECT $1, $2, $3, $4, $5, coalesce(max(seq), 0) + 1 FROM runs";
            command.Parameters.Add(new DuckDBParameter(runId));
            command.Parameters.Add(new DuckDBParameter(startedAt));
            command.Parameters.Add(new DuckDBParameter(RunStatus.Running));
            command.Parameters.Add(new DuckDBParameter(configHash));
            command.Parameters.Add(new DuckDBParameter(inputHashes));
            command.ExecuteNonQuery();
        }
        Connection.Execute($"CREATE SCHEMA {Ingestion.Sql.Id(SchemaOf(runId))}");
        return GetRun(runId)!;
    }

    /// <summary>Records the configuration a run is made with: the chainseg.yaml text (null for the defaults) and the folder its paths are relative to.</summary>
    public void RecordConfig(string runId, string? configText, string configDirectory) =>
        Update(runId, "config_text = $2, config_directory = $3", (object?)configText ?? DBNull.Value, configDirectory);

    /// <summary>The configuration a run was made with, so later commands (route, allocate) apply the same policies.</summary>
    /// <exception cref="ConfigurationException">The run is unknown, or was made before runs recorded their configuration.</exception>
    public ChainSegConfig ConfigOf(string runId)
    {
        var recorded = Connection.Query($"SELECT config_text, config_directory FROM runs WHERE run_id = {Ingestion.Sql.Str(runId)}",
            r => (Text: r.IsDBNull(0) ? null : r.GetString(0), Directory: r.IsDBNull(1) ? null : r.GetString(1)));
        if (recorded.Count == 0)
            throw new ConfigurationException($"run {runId} is not in store {Path}.");
        if (recorded[0].Directory is not { } directory)
            throw new ConfigurationException($"run {runId} was made before runs recorded their configuration; pass --config with the chainseg.yaml it used.");
        var config = recorded[0].Text is { } text ? ConfigLoader.Parse(text, $"the configuration recorded with run {runId}") : new ChainSegConfig();
        config.BaseDirectory = directory;
        return config;
    }

    /// <summary>Records the input file hashes once they are known (they are computed while ingestion runs).</summary>
    public void SetInputHashes(string runId, string inputHashes) => Update(runId, "input_hashes = $2", inputHashes);

    /// <summary>
    /// Marks a run complete and current and drops the tables of runs beyond <see cref="RunsKept"/>, all in one
    /// transaction: when it throws, nothing changed and the previous run is still current.
    /// </summary>
    public void CompleteRun(string runId, DateTime endedAt, string summary)
    {
        Connection.Execute("BEGIN TRANSACTION");
        try
        {
            Connection.Execute("UPDATE runs SET is_current = false WHERE is_current");
            Update(runId, "status = 'complete', is_current = true, ended_at = $2, summary = $3", endedAt, summary);
            foreach (var old in Runs().Where(r => r.Status == RunStatus.Complete).Skip(RunsKept))
            {
                if (!old.DataDropped)
                    ArchiveCrosswalk(old.RunId);
                DropRunData(old.RunId);
            }
            Connection.Execute("COMMIT");
        }
        catch
        {
            Connection.Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>Marks a run failed and drops its partial tables; the current run is untouched.</summary>
    public void FailRun(string runId, DateTime endedAt, string error)
    {
        // Records first, status last: a process stopped between the two leaves the run 'running', which the next writer
        // marks interrupted and forgets again; the other way round it stayed 'failed' with its archive rows and model
        // versions, which no later run cleans up (only running runs are recovered).
        ForgetRunRecords(runId);
        Update(runId, "status = 'failed', ended_at = $2, error = $3", endedAt, error);
    }

    /// <summary>The current (latest complete) run, or null before the first.</summary>
    public RunRecord? CurrentRun() => Runs().FirstOrDefault(r => r.IsCurrent);

    /// <summary>One run, or null.</summary>
    public RunRecord? GetRun(string runId) => Runs().FirstOrDefault(r => r.RunId == runId);

    /// <summary>All runs, the latest first (in the order they ran, whatever their clocks said).</summary>
    public IReadOnlyList<RunRecord> Runs() => Connection.Query(
        "SELECT run_id, started_at, ended_at, status, config_hash, input_hashes, is_current, error, data_dropped FROM runs ORDER BY seq DESC",
        r => new RunRecord(r.GetString(0), r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetDateTime(2), r.GetString(3), r.GetString(4),
            r.GetString(5), r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetBoolean(8)));

    /// <inheritdoc />
    public void Dispose() => Connection.Dispose();

    private void Update(string runId, string assignments, params object[] values)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"UPDATE runs SET {assignments} WHERE run_id = $1";
        command.Parameters.Add(new DuckDBParameter(runId));
        foreach (var value in values)
            command.Parameters.Add(new DuckDBParameter(value));
        command.ExecuteNonQuery();
    }

    // A complete run's accepted crosswalk rows move to crosswalk_history before its tables go, so an id another system
    // writes (ERP 700012 for C-00012) still finds the customer in the archive (SegmentationHistory), as it did while the
    // run's tables were kept. Once per run: a run whose tables are gone has nothing left to copy.
    private void ArchiveCrosswalk(string runId)
    {
        var schema = SchemaOf(runId);
        if (Connection.TableExists(schema, "id_crosswalk"))
            Connection.Execute($"""
                INSERT INTO crosswalk_history (run_id, source_system, source_customer_id, customer_id)
                SELECT {Ingestion.Sql.Str(runId)}, source_system, source_customer_id, customer_id FROM {Ingestion.Sql.Id(schema)}.id_crosswalk
                """);
    }

    private void DropRunData(string runId)
    {
        Connection.Execute($"DROP SCHEMA IF EXISTS {Ingestion.Sql.Id(SchemaOf(runId))} CASCADE; DROP SCHEMA IF EXISTS {Ingestion.Sql.Id(SchemaOf(runId) + "_stage")} CASCADE");
        Update(runId, "data_dropped = true");
    }

    private void Migrate()
    {
        Connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
        var applied = AppliedVersion();
        RequireKnownVersion(applied);
        foreach (var migration in Migrations.Where(m => m.Version > applied))
        {
            Connection.Execute("BEGIN TRANSACTION");
            Connection.Execute(migration.Sql);
            Connection.Execute($"INSERT INTO schema_version (version, description) VALUES ({migration.Version}, {Ingestion.Sql.Str(migration.Description)})");
            Connection.Execute("COMMIT");
        }
    }

    private int AppliedVersion() => (int)Connection.ScalarLong("SELECT coalesce(max(version), 0) FROM schema_version");

    private void RequireKnownVersion(int applied)
    {
        if (applied > CurrentSchemaVersion)
            throw new ConfigurationException($"store {Path} has schema version {applied}, newer than this chainseg ({CurrentSchemaVersion}); upgrade chainseg or use another --store.");
    }

    // A run that did not complete leaves no archived assignments and no model definitions it introduced: a version first
    // seen in a failed run was never used, and keeping it would make the next good run warn version_not_bumped.
    private void ForgetRunRecords(string runId)
    {
        Connection.Execute($"DELETE FROM assignment_history WHERE run_id = {Ingestion.Sql.Str(runId)}");
        Connection.Execute($"DELETE FROM run_models WHERE run_id = {Ingestion.Sql.Str(runId)}");
        Connection.Execute($"DELETE FROM segmentation_models WHERE first_run_id = {Ingestion.Sql.Str(runId)}");
        DropRunData(runId);
    }

    private void MarkInterruptedRuns()
    {
        foreach (var run in Runs().Where(r => r.Status == RunStatus.Running))
        {
            ForgetRunRecords(run.RunId);
            Update(run.RunId, "status = 'interrupted', error = 'the process stopped before the run completed'");
        }
    }
}
