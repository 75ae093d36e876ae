using System.Globalization;
using ChainSeg.Data.Ingestion;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace ChainSeg.Data.Tests.Ingestion;

// Parquet files are written with Parquet.Net, column by column in the physical and logical types exporters use, and
// each accepted value is compared with the value written.
public sealed class ParquetSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly DateTime HalfPastElevenUtc = new(2025, 3, 1, 23, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("America/New_York")]
    public async Task SelectAsText_TimestampAdjustedToUtc_IsItsUtcTimeInAnySessionTimeZone(string timeZone)
    {
        // DuckDB wrote a TIMESTAMP WITH TIME ZONE as text in the session's time zone, the machine's: 23:30 UTC on
        // 1 March was "2025-03-02 08:30:00+09" in Tokyo, and 00:30 UTC on 2 March "2025-03-01 19:30:00-05" in New York.
        var file = await Write("utc", [new DateTimeDataField("order_date", DateTimeFormat.Timestamp, isAdjustedToUTC: true)],
            [[HalfPastElevenUtc], [HalfPastElevenUtc.AddHours(1)]]);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = $"SET TimeZone = '{timeZone}'";
            set.ExecuteNonQuery();
        }

        var text = ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(connection, ParquetSource.SelectAsText(connection, file, CultureInfo.InvariantCulture), r => r.GetString(0));

        Assert.Equal(["2025-03-01 23:30:00", "2025-03-02 00:30:00"], text);
    }

    // Every kind of timestamp keeps the day the file holds: 23:30 stays on 1 March and 00:30 on 2 March, with or without
    // the adjustment to UTC (an instant is read in UTC, as no time zone of the business comes with it).
    [Theory]
    [InlineData("date")]
    [InlineData("millis")]
    [InlineData("micros")]
    [InlineData("int96")]
    [InlineData("millis-utc")]
    [InlineData("micros-utc")]
    [InlineData("micros-local")]
    [InlineData("text")]
    public async Task Ingest_ParquetOrderDates_KeepTheDayWritten(string kind)
    {
        DataField field = kind switch
        {
            "date" => new DateTimeDataField("order_date", DateTimeFormat.Date),
            "millis" => new DateTimeDataField("order_date", DateTimeFormat.DateAndTime),
            "micros" => new DateTimeDataField("order_date", DateTimeFormat.DateAndTimeMicros),
            "int96" => new DateTimeDataField("order_date", DateTimeFormat.Impala),
            "millis-utc" => new DateTimeDataField("order_date", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis),
            "micros-utc" => new DateTimeDataField("order_date", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros),
            "micros-local" => new DateTimeDataField("order_date", DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Micros),
            _ => new DataField<string>("order_date"),
        };
        object[] written = kind == "text" ? ["2025-03-01 23:30", "2025-03-02T00:30:00"] : [HalfPastElevenUtc, HalfPastElevenUtc.AddHours(1)];
        var file = await Write("dates-" + kind, [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<string>("sku"), field, new DataField<double>("net_amount"), new DataField<double>("quantity")],
            [["SO-1", "C1", "X", written[0], 1.0, 1.0], ["SO-2", "C1", "X", written[1], 1.0, 1.0]]);

        var output = PipelineOutput.Run(Path.GetDirectoryName(file)!, Path.Combine(Path.GetDirectoryName(file)!, "out"));

        Assert.Equal(kind == "date" ? ["2025-03-01 00:00:00", "2025-03-02 00:00:00"] : ["2025-03-01 23:30:00", "2025-03-02 00:30:00"],
            output.Canonical("order_lines", "order_id", "order_date").Select(r => r[1]));
    }

    // Decimals, floats and whole numbers arrive as the number written (a FLOAT as the shortest decimal that gives it
    // back, 19.99 rather than 19.9899997711); an INT64 customer id is the id the CSV text '123' is.
    [Theory]
    [InlineData("decimal-18-4")]
    [InlineData("decimal-38-10")]
    [InlineData("float")]
    [InlineData("double")]
    [InlineData("int32")]
    [InlineData("int64")]
    public async Task Ingest_ParquetNumbers_ArriveAsTheValuesWritten(string kind)
    {
        var (quantity, amount, values) = kind switch
        {
            "decimal-18-4" => ((DataField)new DecimalDataField("quantity", 18, 4), (DataField)new DecimalDataField("net_amount", 18, 4),
                new object[][] { [1.2345m, 1234567.0123m], [-3.0001m, -0.0001m] }),
            "decimal-38-10" => (new DecimalDataField("quantity", 38, 10), new DecimalDataField("net_amount", 38, 10),
                [[1.2345678901m, 1234567.0123456789m], [-3m, -0.1000000001m]]),
            "float" => (new DataField<float>("quantity"), new DataField<float>("net_amount"), [[0.1f, 19.99f], [-3f, -1e-4f]]),
            "double" => (new DataField<double>("quantity"), new DataField<double>("net_amount"), [[0.1, 0.1 + 0.2], [-3.0, -1234567.0123456789]]),
            "int32" => (new DataField<int>("quantity"), new DataField<int>("net_amount"), [[5, 100], [-2, -40]]),
            _ => (new DataField<long>("quantity"), new DataField<long>("net_amount"), new object[][] { [5L, 999_999_999_999L], [-2L, -40L] }),
        };
        var file = await Write("numbers-" + kind, [new DataField<string>("order_id"), new DataField<long>("customer_id"), new DataField<string>("sku"), new DateTimeDataField("order_date", DateTimeFormat.Date), quantity, amount],
            values.Select((v, i) => new object?[] { $"SO-{i + 1}", 123L, "X", new DateTime(2025, 3, 1), v[0], v[1] }).ToArray());

        var output = PipelineOutput.Run(Path.GetDirectoryName(file)!, Path.Combine(Path.GetDirectoryName(file)!, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        var rows = output.Canonical("order_lines", "order_id", "customer_id", "quantity", "net_amount");
        Assert.Equal(["123", "123"], rows.Select(r => r[1]));
        Assert.Equal(values.Select(v => (Shown(v[0]), Shown(v[1]))), rows.Select(r => (Number(r[2]), Number(r[3]))));
    }

    [Fact]
    public async Task Ingest_ParquetNullsAndDictionaryText_QuarantinedWithReasonsThatReconcile()
    {
        // Nulls in required columns are missing_required of their column, a column of nulls alone (unit_price) is no value,
        // and dictionary-encoded ids (100 rows, 2 values) read as plain ones.
        var rows = new List<object?[]>
        {
            new object?[] { "SO-1", "C1", null, 1.0, 1.0 },
            new object?[] { "SO-2", "C1", new DateTime(2025, 3, 1), null, 1.0 },
            new object?[] { "SO-3", null, new DateTime(2025, 3, 1), 1.0, 1.0 },
            new object?[] { "SO-4", "C1", new DateTime(2025, 3, 1), 1.0, null },
        };
        rows.AddRange(Enumerable.Range(5, 100).Select(i => new object?[] { $"SO-{i}", i % 2 == 0 ? "00123" : "C2", new DateTime(2025, 3, 1), 1.0, 1.0 }));
        var file = await Write("nulls", [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<DateTime?>("order_date"), new DataField<double?>("net_amount"), new DataField<double?>("quantity"), new DataField<double?>("unit_price"), new DataField<string>("sku")],
            rows.Select(r => r.Append(null).Append("X").ToArray()).ToArray());

        var output = PipelineOutput.Run(Path.GetDirectoryName(file)!, Path.Combine(Path.GetDirectoryName(file)!, "out"));

        Assert.Equal(new Dictionary<string, long>
        {
            ["missing_required:order_date"] = 1, ["missing_required:unit_price|net_amount"] = 1, ["missing_required:customer_id"] = 1, ["missing_required:quantity"] = 1,
        }, output.Reasons("order_lines"));
        var (read, accepted, merged, quarantined) = (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"),
            output.Count("order_lines", "rows_merged"), output.Count("order_lines", "rows_quarantined"));
        Assert.Equal((104L, 100L, 104L), (read, accepted, accepted + merged + quarantined));
        var accepted100 = output.Canonical("order_lines", "order_id", "customer_id", "quantity", "unit_price");
        Assert.Equal(50, accepted100.Count(r => r[1] == "00123"));
        Assert.All(accepted100, r => Assert.Equal(("1.0", null), (r[2], r[3])));
    }

    [Fact]
    public async Task Ingest_ParquetBooleanQuantity_QuarantinedAdvisingTheMappingNotACulture()
    {
        // A BOOLEAN read where a quantity belongs is unparseable, and the advice named a number culture ("for example
        // culture: de-DE"), which reads no true or false.
        var file = await Write("boolean", [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<string>("sku"), new DateTimeDataField("order_date", DateTimeFormat.Date), new DataField<bool>("quantity"), new DataField<double>("net_amount")],
            [["SO-1", "C1", "X", new DateTime(2025, 3, 1), true, 1.0], ["SO-2", "C1", "X", new DateTime(2025, 3, 1), false, 1.0]]);

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(Path.GetDirectoryName(file)!, Path.Combine(Path.GetDirectoryName(file)!, "out")));

        Assert.EndsWith("2 of 2 rows (100 %) have an unparseable quantity, such as 'true'; the column holds true or false, not numbers: "
            + "map quantity to the column that holds them under sources.order_lines.columns.", e.Message);
    }

    // culture: and formats: say how numbers and dates written as text are laid out. Typed columns were turned into invariant
    // text first and then read by them: under de-DE a DOUBLE 1.234 became 1234, 1.5 and every DATE were unparseable.
    [Fact]
    public async Task Ingest_CultureAndFormatsDeclared_ReadTextColumnsByThemAndTypedColumnsAsTheyAre()
    {
        var file = await Write("culture", [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<string>("sku"), new DateTimeDataField("order_date", DateTimeFormat.Date),
                new DataField<double>("quantity"), new DecimalDataField("unit_price", 18, 4), new DataField<string>("net_amount")],
            [["SO-1", "C1", "X", new DateTime(2025, 3, 1), 1.5, 1.234m, "1.234,50"], ["SO-2", "C1", "X", new DateTime(2025, 3, 2), -2.0, 1234.5m, "-3,5"]]);
        var data = Path.GetDirectoryName(file)!;
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"),
            "sources:\n  order_lines:\n    path: order_lines.parquet\n    culture: de-DE\n    formats: { order_date: dd.MM.yyyy }\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        var rows = output.Canonical("order_lines", "order_id", "order_date", "quantity", "unit_price", "net_amount");
        Assert.Equal(["2025-03-01 00:00:00", "2025-03-02 00:00:00"], rows.Select(r => r[1]));
        Assert.Equal([(1.5, 1.234, 1234.5), (-2, 1234.5, -3.5)], rows.Select(r => (Number(r[2]), Number(r[3]), Number(r[4]))));
    }

    // A typed timestamp's text is read beside formats:, to its microsecond: a nanosecond one (Spark, pandas' default) is
    // written with nine digits of fraction, which the ISO fallback beside formats: did not read.
    [Theory]
    [InlineData("micros")]
    [InlineData("nanos")]
    public async Task Ingest_TimestampsWithFormatsDeclared_KeepTheirTime(string unit)
    {
        var field = new DateTimeDataField("order_date", DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: unit == "nanos" ? DateTimeTimeUnit.Nanos : DateTimeTimeUnit.Micros);
        var file = await Write("formats-" + unit, [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<string>("sku"), field, new DataField<double>("net_amount"), new DataField<double>("quantity")],
            [["SO-1", "C1", "X", HalfPastElevenUtc.AddTicks(1_234_567), 1.0, 1.0]]);
        var data = Path.GetDirectoryName(file)!;
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: order_lines.parquet\n    formats: { order_date: dd.MM.yyyy }\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(["2025-03-01 23:30:00.123456"], output.Canonical("order_lines", "order_id", "order_date").Select(r => r[1]));
    }

    [Fact]
    public async Task Ingest_ColumnWithAnEmptyName_IsNamedByItsNumberAndMappedByIt()
    {
        // A column named "" (a pandas frame's unnamed column written as it is) was "column"; it is named by its number, as an
        // empty header cell of a CSV or workbook is.
        var file = await Write("empty-name", [new DataField<string>("order_id"), new DataField<string>("customer_id"), new DataField<string>("sku"), new DateTimeDataField("order_date", DateTimeFormat.Date),
                new DataField<double>("quantity"), new DataField<double>("net_amount"), new DataField<string>("")],
            [["SO-1", "C1", "X", new DateTime(2025, 3, 1), 1.0, 10.5, "EUR"]]);
        var data = Path.GetDirectoryName(file)!;
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: order_lines.parquet\n"
            + "    columns: { order_id: order_id, customer_id: customer_id, sku: sku, order_date: order_date, quantity: quantity, net_amount: net_amount, source_system: column_7 }\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal([["SO-1", "EUR"]], output.Canonical("order_lines", "order_id", "source_system"));
    }

    // A nested column (Spark's struct of an address, a list of tags) is one column of the file, under the name the file gives
    // it: its leaves were read as the columns, so a struct of two fields shifted every column after it and the run refused the
    // file as damaged, and a list was named 'element'.
    [Fact]
    public void Ingest_NestedColumns_AreOneColumnEachUnderTheirNames()
    {
        var data = _folder.Sub("nested");
        var file = Path.Combine(data, "order_lines.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var copy = connection.CreateCommand();
            copy.CommandText = "COPY (SELECT 'SO-' || i AS order_id, {'street': 'Main ' || i, 'city': 'Berlin'} AS address, 'C' || i AS customer_id, 'X' AS sku, "
                + $"DATE '2025-03-01' AS order_date, ['a', 'b'] AS tags, CAST(i AS DOUBLE) AS quantity, 2.5 AS unit_price FROM range(1, 3) t(i)) TO '{file}' (FORMAT PARQUET)";
            copy.ExecuteNonQuery();
        }
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: order_lines.parquet\n"
            + "    columns: { order_id: order_id, customer_id: customer_id, sku: sku, order_date: order_date, quantity: quantity, unit_price: unit_price, source_system: tags }\n");

        var headers = ParquetSource.ReadHeaders(file);
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(["order_id", "address", "customer_id", "sku", "order_date", "tags", "quantity", "unit_price"], headers);
        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal([["SO-1", "C1", "1.0", "[a, b]"], ["SO-2", "C2", "2.0", "[a, b]"]],
            output.Canonical("order_lines", "order_id", "customer_id", "quantity", "source_system"));
    }

    private static double Shown(object value) => Convert.ToDouble(value is float f ? double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value, CultureInfo.InvariantCulture);

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    private async Task<string> Write(string name, DataField[] fields, object?[][] rows)
    {
        var file = Path.Combine(_folder.Sub(name), "order_lines.parquet");
        var records = rows.Select(r => (IDictionary<string, object?>)fields.Select((f, i) => (f.Name, Value: r[i])).ToDictionary(p => p.Name, p => p.Value)).ToList();
        await using var stream = File.Create(file);
        await ParquetSerializer.SerializeUntypedAsync(records, new ParquetSchema(fields), stream);
        return file;
    }

    public void Dispose() => _folder.Dispose();
}
