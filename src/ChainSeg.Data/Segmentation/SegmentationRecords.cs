using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Segmentation;

// Per period, each customer's raw and stabilised segment (-1 where it had no raw segment) and, where they differ, why
// hysteresis held it (else -1), as codes of Names.
internal sealed record StabilisedPeriods(IReadOnlyList<string> Names, int[][] Raw, int[][] Segments, int[][] Notes);

internal sealed record StabilisedAssignment(string Segment, string RawSegment, string Reason);

/// <summary>
/// Writes what the segmentation stage produced into the run schema and the archive: each model's assignments (into
/// assignment_history, which the run's assignments view reads), its per-period segments, transitions and stability
/// summary, a k-means model's clusters and choice of k, and the model registry.
/// </summary>
internal sealed class SegmentationRecords(DuckDBConnection connection, string runSchema)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // A model's rows are inserted on a background thread while the next model is segmented in C# (a model's insert takes
    // 0.35-0.9 s at 200 k customers); whatever touches the connection next awaits it first, so the connection is never
    // used by two threads at once.
    private Task? _pendingInsert;

    /// <summary>Waits for the last model's rows to be inserted, rethrowing its failure.</summary>
    public void AwaitPendingInsert()
    {
        var pending = _pendingInsert;
        _pendingInsert = null;
        pending?.GetAwaiter().GetResult();
    }

    /// <summary>Waits for the last model's rows without rethrowing: the run is already failing with its first error.</summary>
    public void AbandonPendingInsert()
    {
        try
        {
            _pendingInsert?.Wait();
        }
        catch (AggregateException)
        {
        }
        _pendingInsert = null;
    }

    /// <summary>Creates the run's segmentation tables, and its assignments view over its rows of the archive.</summary>
    /// <remarks>
    /// A view, not a copy: the archive is written once (writing 600 k rows with their reasons a second time took 0.44 s
    /// at 200 k customers), and the two can never disagree.
    /// </remarks>
    public void CreateTables(string runId)
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE VIEW {s}.assignments AS
                SELECT customer_id, model, model_version, segment, raw_segment, reason, is_active_model
                FROM main.assignment_history WHERE run_id = {Sql.Str(runId)};
            CREATE TABLE IF NOT EXISTS {s}.period_assignments (model VARCHAR, period_end DATE, customer_id VARCHAR, raw_segment VARCHAR,
                segment VARCHAR, hysteresis VARCHAR);
            CREATE TABLE IF NOT EXISTS {s}.segment_stability (model VARCHAR, basis VARCHAR, from_period DATE, to_period DATE, from_segment VARCHAR,
                to_segment VARCHAR, customers BIGINT, row_share DOUBLE);
            CREATE TABLE IF NOT EXISTS {s}.stability_summary (model VARCHAR, basis VARCHAR, from_period DATE, to_period DATE, customers_compared BIGINT,
                changed_share DOUBLE, adjusted_rand_index DOUBLE, entered BIGINT, exited BIGINT);
            CREATE TABLE IF NOT EXISTS {s}.cluster_profiles (model VARCHAR, cluster INTEGER, cluster_name VARCHAR, segment VARCHAR, tier INTEGER,
                customers BIGINT, customer_share DOUBLE, dimension_index INTEGER, dimension VARCHAR, log_scaled BOOLEAN, centroid DOUBLE, centroid_sigma DOUBLE);
            CREATE TABLE IF NOT EXISTS {s}.cluster_selection (model VARCHAR, clusters INTEGER, silhouette DOUBLE, inertia DOUBLE, feasible BOOLEAN, chosen BOOLEAN);
            """);
    }

    /// <summary>Writes a k-means model's clusters (a row per cluster and dimension) and how each candidate k scored.</summary>
    // What an analyst needs to trust a clustering: the centroids the names and reasons come from, and the silhouette that
    // chose k among the candidates.
    public void WriteClusters(string model, FittedClusterModel fitted)
    {
        using (var appender = connection.CreateAppender(runSchema, "cluster_profiles"))
        {
            foreach (var cluster in fitted.Profiles)
                for (var d = 0; d < fitted.Dimensions.Count; d++)
                    appender.CreateRow().AppendValue(model).AppendValue(cluster.Cluster + 1).AppendValue(cluster.Name).AppendValue(cluster.TierName ?? cluster.Name)
                        .AppendValue(cluster.Tier).AppendValue((long)cluster.Size).AppendValue(cluster.Share).AppendValue(d + 1).AppendValue(fitted.Dimensions[d])
                        .AppendValue(fitted.LogScaled[d]).AppendValue(Finite(cluster.CentroidOriginal[d])).AppendValue(cluster.CentroidSigma[d]).EndRow();
        }
        using (var appender = connection.CreateAppender(runSchema, "cluster_selection"))
        {
            foreach (var score in fitted.CountScores)
                appender.CreateRow().AppendValue(model).AppendValue(score.ClusterCount).AppendValue(Finite(score.Silhouette)).AppendValue(Finite(score.Inertia))
                    .AppendValue(score.Feasible).AppendValue(score.ClusterCount == fitted.Profiles.Count).EndRow();
        }
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    // Appending a string costs DuckDB's appender about five times an integer, and a model's rows repeat a few segment names
    // over 200 k customers and four periods, so the rows are appended as codes into temp tables and spelled out by a join
    // inside DuckDB (0.35 s a model at 200 k customers instead of 0.68 s). Readers order the rows themselves.
    private const string WrittenCustomers = "chainseg_written_customers";
    private const string WrittenNames = "chainseg_written_names";
    private const string WrittenAssignments = "chainseg_written_assignments";
    private const string WrittenPeriods = "chainseg_written_periods";

    /// <summary>Writes a model's final assignments into the archive and its segments per period, on a background thread.</summary>
    // Every customer of the grid (ordinal order) with its slot, final assignments and per-period segments as codes.
    public void WriteModel(string name, SegmentationModelConfig model, ArchiveKey archive, IReadOnlyList<DateOnly> periodEnds, PeriodGrid grid,
        StabilisedPeriods paths, StabilisedAssignment?[] final, bool isActive)
    {
        var customers = grid.Customers;
        connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE {WrittenCustomers} (slot INTEGER, customer_id VARCHAR);
            CREATE OR REPLACE TEMP TABLE {WrittenNames} (code INTEGER, name VARCHAR);
            CREATE OR REPLACE TEMP TABLE {WrittenAssignments} (slot INTEGER, segment INTEGER, raw_segment INTEGER, reason VARCHAR);
            CREATE OR REPLACE TEMP TABLE {WrittenPeriods} (slot INTEGER, period INTEGER, raw_segment INTEGER, segment INTEGER, hysteresis INTEGER);
            """);
        // AppendRow with a static callback and the row as its state: CreateRow allocates an object per row (0.2 GB of
        // garbage over a run's three models), this reuses one.
        using (var appender = connection.CreateAppender("temp", "main", WrittenCustomers))
        {
            for (var i = 0; i < customers.Length; i++)
                appender.AppendRow((i, customers[i]), static (row, c) => row.AppendValue(c.Item1).AppendValue(c.Item2));
        }
        using (var appender = connection.CreateAppender("temp", "main", WrittenAssignments))
        {
            for (var i = 0; i < customers.Length; i++)
                if (final[i] is { } a)
                    appender.AppendRow((i, paths.Segments[^1][i], paths.Raw[^1][i], a.Reason),
                        static (row, w) => row.AppendValue(w.Item1).AppendValue(w.Item2).AppendValue(w.Item3).AppendValue(w.Item4));
        }
        // Raw and stabilised segment per period end; the hysteresis note only where they differ.
        using (var appender = connection.CreateAppender("temp", "main", WrittenPeriods))
        {
            for (var i = 0; i < customers.Length; i++)
                for (var p = 0; p < periodEnds.Count; p++)
                    if (paths.Raw[p][i] >= 0)
                        appender.AppendRow((i, p, paths.Raw[p][i], paths.Segments[p][i], paths.Notes[p][i] is var note and >= 0 ? note : (int?)null),
                            static (row, w) => row.AppendValue(w.Item1).AppendValue(w.Item2).AppendValue(w.Item3).AppendValue(w.Item4).AppendValue(w.Item5));
        }
        using (var appender = connection.CreateAppender("temp", "main", WrittenNames))
        {
            for (var code = 0; code < paths.Names.Count; code++)
                appender.AppendRow((code, paths.Names[code]), static (row, n) => row.AppendValue(n.Item1).AppendValue(n.Item2));
        }
        var s = Sql.Id(runSchema);
        var periodEnd = $"[{string.Join(", ", periodEnds.Select(SegmentationSql.Date))}][w.period + 1]";
        var insert = $"""
            INSERT INTO main.assignment_history (run_id, model, model_version, definition_hash, config_hash, as_of, customer_id, segment, reason, raw_segment, is_active_model)
            SELECT {Sql.Str(archive.RunId)}, {Sql.Str(name)}, {model.Version}, {Sql.Str(archive.DefinitionHash)}, {Sql.Str(archive.ConfigHash)},
                {SegmentationSql.Date(archive.AsOf)}, c.customer_id, n.name, w.reason, r.name, {(isActive ? "true" : "false")}
            FROM temp.main.{WrittenAssignments} w JOIN temp.main.{WrittenCustomers} c USING (slot)
            JOIN temp.main.{WrittenNames} n ON n.code = w.segment JOIN temp.main.{WrittenNames} r ON r.code = w.raw_segment;
            INSERT INTO {s}.period_assignments (model, period_end, customer_id, raw_segment, segment, hysteresis)
            SELECT {Sql.Str(name)}, {periodEnd}, c.customer_id, r.name, n.name, h.name
            FROM temp.main.{WrittenPeriods} w JOIN temp.main.{WrittenCustomers} c USING (slot)
            JOIN temp.main.{WrittenNames} r ON r.code = w.raw_segment JOIN temp.main.{WrittenNames} n ON n.code = w.segment
            LEFT JOIN temp.main.{WrittenNames} h ON h.code = w.hysteresis;
            DROP TABLE temp.main.{WrittenCustomers}; DROP TABLE temp.main.{WrittenNames}; DROP TABLE temp.main.{WrittenAssignments}; DROP TABLE temp.main.{WrittenPeriods};
            """;
        _pendingInsert = Task.Run(() => connection.Execute(insert));
    }

    /// <summary>What a model's archived rows carry besides the assignment: run, definition and config hash, as-of date.</summary>
    /// <remarks>Archived rows are never overwritten, so any past segmentation can be queried.</remarks>
    public sealed record ArchiveKey(string RunId, string DefinitionHash, string ConfigHash, DateOnly AsOf);

    /// <summary>Registers a model version's definition; returns a warning when that version was first used with another.</summary>
    // The same version with another definition means someone changed the model without bumping the version, which breaks
    // the audit trail, so the run says so.
    // The run's own definition is kept too (run_models), so compare can tell, between runs of different chainseg builds,
    // a changed model from the same settings serialised anew.
    public IEnumerable<string> RegisterModel(string name, SegmentationModelConfig model, string definitionHash, string runId)
    {
        var definition = JsonSerializer.Serialize(model, Json);
        connection.Execute($"INSERT OR REPLACE INTO main.run_models (run_id, model, version, definition) VALUES ({Sql.Str(runId)}, {Sql.Str(name)}, {model.Version}, {Sql.Str(definition)})");
        var known = connection.Scalar($"SELECT definition_hash FROM main.segmentation_models WHERE model = {Sql.Str(name)} AND version = {model.Version}") as string;
        if (known is null)
        {
            connection.Execute($"""
                INSERT INTO main.segmentation_models (model, version, method, definition_hash, definition, first_run_id, assumptions)
                VALUES ({Sql.Str(name)}, {model.Version}, {Sql.Str(model.Method)}, {Sql.Str(definitionHash)}, {Sql.Str(definition)},
                        {Sql.Str(runId)}, {(model.Assumptions is null ? "NULL" : Sql.Str(model.Assumptions))})
                """);
            yield break;
        }
        if (known != definitionHash && !SameDefinition(name, model))
        {
            // The next unused version, not version + 1: that one may be registered with yet another definition.
            var unused = connection.ScalarLong($"SELECT max(version) FROM main.segmentation_models WHERE model = {Sql.Str(name)}") + 1;
            yield return $"version_not_bumped: model {name} version {model.Version} has a different definition than when it was first used; "
                + $"write version: {unused} under segmentation.models.{name} so the archive tells the two definitions apart.";
        }
    }

    // A registry row hashed before definitions were normalised (or by another release) is compared by its stored JSON.
    private bool SameDefinition(string name, SegmentationModelConfig model) =>
        connection.Scalar($"SELECT definition FROM main.segmentation_models WHERE model = {Sql.Str(name)} AND version = {model.Version}") is string stored
        && DefinitionHashOf(stored) == DefinitionHash(model);

    /// <summary>The <see cref="DefinitionHash"/> this build gives a definition stored as JSON (registry, run_models); null if it no longer reads.</summary>
    public static string? DefinitionHashOf(string storedDefinition)
    {
        try
        {
            if (JsonSerializer.Deserialize<SegmentationModelConfig>(storedDefinition, Json) is not { } model)
                return null;
            // Stored before the configuration's names were read in NFC, a segment typed with a combining accent is the same name.
            NameForms.Normalise(model);
            return DefinitionHash(model);
        }
        catch (Exception e) when (e is JsonException or ConfigurationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first 16 hex digits of the SHA-256 of what the model computes, as JSON: the version and the free-text
    /// assumptions are left out, k-means' cluster range is written once whichever spelling set it (<c>k: { min, max }</c>
    /// or <c>min_segments</c>/<c>max_segments</c>), and each rule's condition in its canonical spelling
    /// (<see cref="RuleExpression.Canonical"/>), so rewording any of them is no new definition.
    /// </summary>
    public static string DefinitionHash(SegmentationModelConfig model)
    {
        var definition = JsonSerializer.SerializeToNode(model, Json)!.AsObject();
        definition.Remove("version");
        definition.Remove("assumptions");
        definition.Remove("k");
        if (definition["rules"] is JsonArray rules)
            foreach (var rule in rules.OfType<JsonObject>())
                if (rule["when"]?.GetValue<string>() is { } when)
                    rule["when"] = CanonicalCondition(when);
        if (model.Method == "kmeans")
        {
            var (min, max) = SegmentationMethods.ClusterRange(model, "segmentation.models");
            definition.Remove("min_segments");
            definition.Remove("max_segments");
            definition.Add("cluster_range", new JsonArray(min, max));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition.ToJsonString())))[..16];
    }

    // "revenue>=5e4" and "revenue >= 50000" compute the same; a condition that does not parse (refused before any run
    // uses it) is kept as written.
    private static string CanonicalCondition(string when)
    {
        try
        {
            return RuleExpression.Canonical(when);
        }
        catch (RuleSyntaxException)
        {
            return when;
        }
    }

    /// <summary>Writes a model's transitions and stability summary between consecutive period ends.</summary>
    // Stability on both bases: the raw segments (what the method says each period) and the stabilised ones (what
    // operations run after hysteresis), so the report shows what hysteresis achieved. Per period, the customers and
    // segments written to period_assignments (those with a raw segment), one slot per customer in customer order.
    public void WriteStability(string model, IReadOnlyList<DateOnly> periodEnds, StabilisedPeriods paths)
    {
        // Without hysteresis the stabilised segments are the raw ones, the same arrays: each pair of periods is measured once.
        var measured = new Dictionary<(int[], int[]), TransitionMatrix>();
        foreach (var (basis, byPeriod) in new[] { ("raw", paths.Raw), ("stabilised", paths.Segments) })
        {
            for (var p = 1; p < periodEnds.Count; p++)
            {
                var pair = (byPeriod[p - 1], byPeriod[p]);
                if (!measured.TryGetValue(pair, out var matrix))
                    measured.Add(pair, matrix = TransitionMatrix.Between(paths.Names, pair.Item1, pair.Item2));
                using (var appender = connection.CreateAppender(runSchema, "segment_stability"))
                {
                    foreach (var cell in matrix.Cells)
                        appender.CreateRow().AppendValue(model).AppendValue(basis).AppendValue(periodEnds[p - 1].ToDateTime(TimeOnly.MinValue))
                            .AppendValue(periodEnds[p].ToDateTime(TimeOnly.MinValue)).AppendValue(cell.From).AppendValue(cell.To)
                            .AppendValue((long)cell.Count).AppendValue(cell.RowShare).EndRow();
                }
                // Appended as doubles, not spelt into SQL: a share's 17 digits (22 / 1,998 = 0.011011011011011011) were read by
                // DuckDB as a DECIMAL and converted with a rounding of its own (0.011011011011011013).
                using (var appender = connection.CreateAppender(runSchema, "stability_summary"))
                {
                    var ari = matrix.AdjustedRandIndex;
                    appender.CreateRow().AppendValue(model).AppendValue(basis).AppendValue(periodEnds[p - 1].ToDateTime(TimeOnly.MinValue))
                        .AppendValue(periodEnds[p].ToDateTime(TimeOnly.MinValue)).AppendValue((long)matrix.CustomersInBoth).AppendValue(matrix.ShareChanged)
                        .AppendValue(double.IsNaN(ari) ? null : ari).AppendValue((long)matrix.TotalEntered).AppendValue((long)matrix.TotalLeft).EndRow();
                }
            }
        }
    }
}
