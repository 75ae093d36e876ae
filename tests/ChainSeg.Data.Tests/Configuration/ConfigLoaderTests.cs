using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Parse_UnknownKey_NamesTheKeyTheLineAndTheValidKeys()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse("sources:\n  order_lines:\n    colums: {}\n"));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("unknown key 'colums'", e.Message);
        Assert.Contains("columns", e.Message);
    }

    // A misspelt key was listed with every valid one at its level, the one meant left to find among them (22 under a
    // model); the nearest within two edits, or the same in another case, is now named first. A key near none gets no guess.
    [Theory]
    [InlineData("segmentaton:\n  active: x\n", "unknown key 'segmentaton' (did you mean 'segmentation'?); expected one of: sources, identifiers,")]
    [InlineData("Segmentation:\n  active: x\n", "unknown key 'Segmentation' (did you mean 'segmentation'?); expected one of: ")]
    [InlineData("segmentation:\n  models:\n    t:\n      method: abc\n      hysteresys: { periods: 2 }\n", "unknown key 'hysteresys' (did you mean 'hysteresis'?); expected one of: version, method,")]
    [InlineData("policies:\n  segments:\n    AX: { csl: 0.9, leadtime_days: 2 }\n", "unknown key 'leadtime_days' (did you mean 'lead_time_days'?); expected one of: csl,")]
    [InlineData("metrics:\n  otif: { levle: line }\n", "unknown key 'levle' (did you mean 'level'?); expected one of: level, reference,")]
    [InlineData("banana: 1\n", "unknown key 'banana'; expected one of: sources,")]
    public void Parse_MisspeltKey_SuggestsTheKeyMeant(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    // window, periods and as_of are top-level settings; written under metrics (where the metrics audit first looked for the
    // window) the error listed metrics' own keys alone, none of them the one meant, and said to fix a name that was right.
    [Theory]
    [InlineData("metrics:\n  window: 6 months\n", "unknown key 'window' under metrics: window is a top-level setting; write it unindented, not under metrics")]
    [InlineData("segmentation:\n  periods: quarter\n", "unknown key 'periods' under segmentation: periods is a top-level setting; write it unindented, not under segmentation")]
    public void Parse_TopLevelKeyNested_SaysItIsTopLevel(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MisspeltSourceTable_SuggestsTheTableMeant()
    {
        var config = ConfigLoader.Parse("sources:\n  orderlines: { path: x.csv }\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.StartsWith("unknown table 'orderlines' under sources (did you mean 'order_lines'?); expected one of: locations,", e.Message, StringComparison.Ordinal);
    }

    // Wrong shapes are named in the file's words, never .NET's types; a key written twice is refused, not overwritten.
    [Theory]
    [InlineData("identifiers:\n  customer_id:\n    strip_prefixes: C\n", "chainseg.yaml line 3, column 21 (identifiers.customer_id.strip_prefixes): expected a list here, e.g. [C, X] or one item per '- ' line. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: two }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): 'two' is not a number; write a number here. Fix the YAML at that position.")]
    // A fraction where a whole number belongs said "'2.5' is not a number; write a number here": it is one, of the wrong kind.
    [InlineData("segmentation:\n  models:\n    m: { method: abc, hysteresis: { periods: 2.5 } }\n", "chainseg.yaml line 3, column 46 (segmentation.models.m.hysteresis.periods): '2.5' is not a whole number; write a whole number here. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: kmeans, dimensions: [revenue], k: { min: 2.0, max: 4 } }\n", "chainseg.yaml line 3, column 59 (segmentation.models.m.k.min): '2.0' is not written as a whole number; write 2. Fix the YAML at that position.")]
    // YAML hands the parser the digits without their sign, so -2.0 was told "'2.0' is not written as a whole number; write 2"
    // (another value), and a whole number beyond the setting's range (3e9) was told to write 3000000000, refused in turn.
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: -2.0 }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): '-2.0' is not written as a whole number; write -2. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, hysteresis: { periods: '-2.5' } }\n", "chainseg.yaml line 3, column 46 (segmentation.models.m.hysteresis.periods): '-2.5' is not a whole number; write a whole number here. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: 3e9 }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): '3e9' is a whole number too large for this setting; write a smaller one. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: -1e20 }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): '-1e20' is a whole number too large for this setting; write a smaller one. Fix the YAML at that position.")]
    // A signed zero fraction: .NET's integer parser answered "Could not find any recognizable digits".
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: -0.0 }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): '-0.0' is not written as a whole number; write 0. Fix the YAML at that position.")]
    [InlineData("window: 12 months\nwindow: 6 months\n", "chainseg.yaml line 2, column 1: 'window' is written twice at this level; keep one (the later would silently win). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc }\n    m: { method: rfm }\n", "chainseg.yaml line 3, column 5: 'm' is written twice at this level;")]
    [InlineData("policies:\n  inventory: 5\n", "chainseg.yaml line 2, column 14 (policies.inventory): expected keys with values here (key: value)")]
    [InlineData("window: [12 months\n", "chainseg.yaml line 1, column 9: expected a single value here, not a list or a block of keys.")]
    // A whole number beyond the setting's type said .NET's "Arithmetic operation resulted in an overflow".
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: 2147483648 }\n", "chainseg.yaml line 3, column 32 (segmentation.models.m.version): the number is too large for this setting; write a smaller one. Fix the YAML at that position.")]
    public void Parse_WrongShapeOrRepeatedKey_NamesThePositionInPlainWords(string yaml, string expectedStart)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
    }

    // A wrong shape was named by its line and column alone; the setting it is for is named too, with its path, as the checks
    // after parsing name theirs (metrics.otif.in_full_tolerance must be …), so a file of many models says which one is wrong.
    [Theory]
    [InlineData("metrics:\n  otif:\n    late_days: lots\n", "chainseg.yaml line 3, column 16 (metrics.otif.late_days): 'lots' is not a number; write a number here.")]
    [InlineData("segmentation:\n  models:\n    m: { method: kmeans, dimensions: [revenue], min_segments: 2.5 }\n", "chainseg.yaml line 3, column 63 (segmentation.models.m.min_segments): '2.5' is not a whole number")]
    [InlineData("segmentation:\n  models:\n    m:\n      rules:\n        - { segment: a, when: [x] }\n", "chainseg.yaml line 5, column 31 (segmentation.models.m.rules[1].when): expected a single value here")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      min_segmnets: 3\n", "chainseg.yaml line 5, column 7 (segmentation.models.m.min_segmnets): unknown key 'min_segmnets' (did you mean 'min_segments'?); expected one of: ")]
    public void Parse_WrongShapeOrUnknownKey_NamesTheSettingByItsPath(string yaml, string expectedStart)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }

    // YamlDotNet's own words leaked for these: "Index was outside the bounds of the array" (an empty number), "unknown key 'a'"
    // (keys where a number belongs: no key was unknown), "Failed to create an instance of type 'System.String'" (keys where a
    // word belongs) and "is not a valid YAML Boolean".
    [Theory]
    [InlineData("metrics:\n  otif:\n    late_days: ''\n", "(metrics.otif.late_days): the value is empty; write a number here, or remove the key for its default.")]
    [InlineData("metrics:\n  otif:\n    late_days: { a: 1 }\n", "(metrics.otif.late_days): expected a single value here, not a list or a block of keys.")]
    [InlineData("metrics:\n  demand_measure: { a: 1 }\n", "(metrics.demand_measure): expected a single value here, not a list or a block of keys.")]
    [InlineData("metrics:\n  roll_up_hierarchy: maybe\n", "(metrics.roll_up_hierarchy): expected true or false here.")]
    // NaN and Infinity as .NET spells them (YAML's are .nan and .inf) were told "'NaN' is not a whole number" for a share.
    [InlineData("segmentation:\n  models:\n    m:\n      min_segment_share: NaN\n", "(segmentation.models.m.min_segment_share): 'NaN' is not a number; write a number here.")]
    [InlineData("segmentation:\n  models:\n    m:\n      hysteresis: { margin: Infinity }\n", "(segmentation.models.m.hysteresis.margin): 'Infinity' is not a number; write a number here.")]
    public void Parse_ValueOfTheWrongKind_SaysWhatBelongsThere(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
    }

    // An empty item in a list of names (a '- ' line left blank, or ~) crashed the run after ingest with "Value cannot be null",
    // exit code 1.
    [Theory]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      dimensions: [revenue, ~]\n", "segmentation.models.m.dimensions[2] is empty; write a value or remove the item.")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      dimensions: [revenue, orders]\n      log_scale:\n        -\n", "segmentation.models.m.log_scale[1] is empty; write a value or remove the item.")]
    [InlineData("identifiers:\n  customer_id:\n    strip_prefixes: [C, ~]\n", "identifiers.customer_id.strip_prefixes[2] is empty; write a value or remove the item.")]
    public void Parse_EmptyItemInAList_NamesTheItem(string yaml, string expected) =>
        Assert.Equal(expected, Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml)).Message);

    // A list where a number belongs named .NET's type: "No node deserializer was able to deserialize the node into type
    // System.Nullable`1[[System.Int32, System.Private.CoreLib, …".
    [Theory]
    [InlineData("segmentation:\n  models:\n    m:\n      max_segments: [1, 2]\n", "(segmentation.models.m.max_segments): expected a number here.")]
    [InlineData("segmentation:\n  models:\n    m:\n      hysteresis: { periods: [2] }\n", "(segmentation.models.m.hysteresis.periods): expected a number here.")]
    public void Parse_ListForAnOptionalNumber_SaysANumberBelongsThere(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
    }

    // Syntax the parser reported in its own terms, or at another place: an unclosed [ said "Operation is not valid due to the
    // current state of the object", a decimal comma '0,25' said "'0' is not written as a whole number; write 0", a tab said
    // "line 1, column 1" wherever it was, and a second document "Expected 'StreamEnd', got 'DocumentStart'".
    [Theory]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      dimensions:\n      - [revenue\n      - orders\n", "the YAML cannot be read on from here; look for a [ or { left open, or a quote left unclosed, at or above this line. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m:\n      hysteresis: { margin: '0,25' }\n", "chainseg.yaml line 4, column 29 (segmentation.models.m.hysteresis.margin): '0,25' is not a number; write a number here (with a dot for decimals: 0.25). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    m:\n\t  method: kmeans\n", "chainseg.yaml line 4, column 1: a tab indents this line; indent with spaces only. Fix the YAML at that position.")]
    [InlineData("window: 3 months\n---\nwindow: 6 months\n", "chainseg.yaml line 2, column 1: a second YAML document begins here (---); chainseg.yaml holds one: remove the --- line and keep each setting once. Fix the YAML at that position.")]
    // An unclosed quote said "While scanning a quoted scalar, found unexpected end of stream" (or, with a line below it,
    // "While scanning a multi-line double-quoted scalar, found wrong indentation"); a line indented to no level above it
    // or a stray character said "While parsing a block mapping, did not find expected key".
    [InlineData("segmentation:\n  active: \"tiers\n", "chainseg.yaml line 2, column 11: the quote \" opened here is not closed on its line; close it with \" where the value ends. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: 'tiers\nwindow: 12 months\n", "chainseg.yaml line 2, column 11: the quote ' opened here is not closed on its line; close it with ' where the value ends. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: \"tiers\nwindow: 12 months\n", "chainseg.yaml line 2, column 11: the quote \" opened here is not closed on its line; close it with \" where the value ends. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: tiers\n x: 1\n", "chainseg.yaml line 3, column 2: 'x' is indented by 1 space, which lines up with no key above it; indent it as far as the keys it belongs beside (spaces only). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    a:\n      method: abc\n   window: 3\n", "chainseg.yaml line 5, column 4: 'window' is indented by 3 spaces, which lines up with no key above it; indent it as far as the keys it belongs beside (spaces only). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: tiers\n  ]\n", "chainseg.yaml line 3, column 3: ']' stands where a key belongs; remove it, or write it as key: value. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: tiers\n  - abc\n", "chainseg.yaml line 3, column 3: '- abc' stands where a key belongs; remove it, or write it as key: value. Fix the YAML at that position.")]
    // YamlDotNet's own phrases ("While scanning a quoted scalar, found unknown escape character", "While parsing a flow
    // mapping, did not find expected ',' or '}'", "found character that cannot start any token", "While scanning a plain
    // scalar value, found invalid mapping") named no fix.
    [InlineData("segmentation:\n  active: \"a\\qb\"\n", "chainseg.yaml line 2, column 11: a backslash in double quotes starts an escape (\\n, \\t, \\\\); write the value in single quotes ('C:\\data') or double each backslash. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    a: { method: abc\n", "chainseg.yaml line 4, column 1: a { opened at or above this line is not closed; close it with } (its key: value pairs separated by commas). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  models:\n    a: { method: kmeans, dimensions: [revenue, orders }\n", "a [ opened at or above this line is not closed; close it with ] (its items separated by commas). Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: tiers\n @x: 1\n", "chainseg.yaml line 3, column 2: '@' cannot begin a key or value in YAML; put the value in quotes, or remove the character. Fix the YAML at that position.")]
    [InlineData("window: 12 months\n  periods: 3\n", "chainseg.yaml line 2, column 10: this line is indented under the value above it, so it reads as part of that value; indent it as far as the keys it belongs beside (spaces only), or quote a value holding ': '. Fix the YAML at that position.")]
    [InlineData("segmentation:\n  active: \"tiers\" x\n", "chainseg.yaml line 2, column 19: 'x' follows the closed value on its line; remove it, or move it inside the quotes or brackets. Fix the YAML at that position.")]
    public void Parse_SyntaxError_SaysWhereAndWhatToFixInTheFilesWords(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.EndsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("chainseg.yaml line ", e.Message, StringComparison.Ordinal);
    }

    // A CSV (or any text that is not settings) passed as --config was told "expected keys with values here (key: value),
    // not a single value or a list. Fix the YAML at that position.", as if a chainseg.yaml had a mistake on line 1.
    [Theory]
    [InlineData("customer_id,name,country\nC1,Acme,DE\n", "customers.csv is not a chainseg.yaml: its top level is plain text, not a mapping of settings (key: value lines such as segmentation: or policies:); pass your chainseg.yaml with --config, and put data files in the folder given with --data.")]
    [InlineData("- C1\n- C2\n", "customers.csv is not a chainseg.yaml: its top level is a list, not a mapping of settings (key: value lines such as segmentation: or policies:); pass your chainseg.yaml with --config, and put data files in the folder given with --data.")]
    public void Parse_TopLevelNotAMapping_SaysTheFileIsNotAChainSegYaml(string text, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(text, "customers.csv"));
        Assert.Equal(expected, e.Message);
    }

    // A data file was read as YAML: a quoted CSV header said "Did not find expected <document end>", a workbook "the file
    // is not UTF-8 … save it as UTF-8", one line of "key: value" an unknown key.
    [Theory]
    [InlineData("customers.csv", "\"customer_id\",\"name\"\n\"C1\",\"Acme\"\n")]
    [InlineData("orders.CSV", "note: a\n")]
    [InlineData("book.xlsx", "PK\u0003\u0004\u00ff")]
    [InlineData("order_lines.csv.gz", "\u001f\u008b")]
    public void Load_DataFile_SaysItIsNotAChainSegYaml(string name, string content)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, content.Select(c => (byte)c).ToArray());

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));

        var extension = name.EndsWith(".gz", StringComparison.Ordinal) ? ".csv.gz" : Path.GetExtension(name).ToLowerInvariant();
        Assert.Equal($"{name} is not a chainseg.yaml: a {extension} file holds data, not settings; pass your chainseg.yaml with --config, and put data files in the folder given with --data.", e.Message);
    }

    [Fact]
    public void Parse_KeysLeftEmpty_ReadAsEmptyNotAsACrash()
    {
        // A draft whose columns: mapped nothing, an empty formats:, and a bare source entry: they failed with "Object
        // reference not set to an instance of an object".
        var config = ConfigLoader.Parse("sources:\n  order_lines:\n    path: orders.csv\n    columns:\n    formats:\n");
        Assert.Empty(config.Sources["order_lines"].Columns);
        Assert.Empty(config.Sources["order_lines"].Formats);

        var bare = ConfigLoader.Parse("sources:\n  order_lines:\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(bare, null));
        Assert.Equal("sources.order_lines: path is missing. Add path: <file> (relative to the config file).", e.Message);
    }

    // A section whose children are all commented out reads as null; each of these crashed validate and run with
    // "Object reference not set to an instance of an object" or "Value cannot be null".
    [Theory]
    [InlineData("sources:\n  # later\n")]
    [InlineData("identifiers:\n")]
    [InlineData("identifiers:\n  customer_id:\n")]
    [InlineData("metrics:\n")]
    [InlineData("metrics:\n  otif:\n")]
    [InlineData("simulation:\n")]
    [InlineData("costs:\n")]
    [InlineData("costs:\n  activity_rates:\n")]
    [InlineData("policies:\n  # later\n")]
    [InlineData("policies:\n  segments:\n")]
    [InlineData("policies:\n  segments:\n    AX:\n")]
    [InlineData("policies:\n  shortage:\n")]
    [InlineData("policies:\n  calendar:\n")]
    [InlineData("policies:\n  calendar:\n    weekend:\n")]
    [InlineData("policies:\n  inventory:\n")]
    [InlineData("policies:\n  capacity:\n")]
    [InlineData("policies:\n  capacity:\n    resources:\n      r:\n")]
    [InlineData("segmentation:\n  stability:\n")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: abc\n      abc:\n")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: rfm\n      rfm:\n")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      dimensions: [revenue, orders]\n      k:\n")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: kmeans\n      dimensions:\n")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: rules\n      rules:\n")]
    public void Parse_SectionLeftEmpty_ReadsAsItsDefaults(string yaml)
    {
        var config = ConfigLoader.Parse(yaml);
        Assert.NotNull(config.Identifiers.CustomerId.StripPrefixes);
        var e = Record.Exception(() => ConfigCheck.Settings(config)) ?? Record.Exception(() => SourceResolver.Resolve(config, _folder.Path));
        Assert.True(e is null or ConfigurationException, e?.ToString());
    }

    [Fact]
    public void Parse_ModelLeftEmpty_NamesTheModel()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse("segmentation:\n  models:\n    m:\n      # later\n"));
        Assert.Equal("segmentation.models.m is empty; give the model its method and settings (e.g. method: abc) or remove it.", e.Message);
    }

    // A file saved as Latin-1 (or Windows-1252, Excel's "ANSI") was read as UTF-8 with its É replaced: the run assigned
    // the segment "\uFFFDquipe" without a word.
    [Fact]
    public void Load_FileNotUtf8_NamesTheLineAndTheEncodingToSave()
    {
        var path = Path.Combine(_folder.Path, "chainseg.yaml");
        File.WriteAllBytes(path, [.. "segmentation:\n  models:\n    t:\n      rules:\n        - segment: "u8, 0xC9, .. "quipe\n          when: \"revenue >= 1\"\n"u8]);

        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));

        Assert.Equal("chainseg.yaml line 5: the file is not UTF-8 (byte 0xC9 is no character in it, as Latin-1 or Windows-1252 write é or É); save it as UTF-8.", e.Message);
    }

    // A byte order mark names its encoding: UTF-16 (Windows Notepad's "Unicode") and UTF-8 with a mark read as they are.
    [Fact]
    public void Load_Utf16OrUtf8WithByteOrderMark_ReadsTheText()
    {
        const string yaml = "segmentation:\n  models:\n    t:\n      rules:\n        - segment: \u00c9quipe\n          when: \"revenue >= 1\"\n";
        var path = Path.Combine(_folder.Path, "chainseg.yaml");
        foreach (var encoding in new System.Text.Encoding[] { new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true) })
        {
            File.WriteAllBytes(path, [.. encoding.GetPreamble(), .. encoding.GetBytes(yaml)]);
            Assert.Equal("\u00c9quipe", ConfigLoader.Load(path).Segmentation!.Models["t"].Rules[0].Segment);
        }
    }

    [Fact]
    public void Parse_Empty_GivesDefaults()
    {
        var config = ConfigLoader.Parse("");
        Assert.Empty(config.Sources);
        Assert.True(config.Identifiers.CustomerId.StripLeadingZeros);
    }

    [Fact]
    public void Resolve_MappingNamesMissingColumn_NamesColumnAndFile()
    {
        _folder.File("orders.csv", "id,cust,sku,date,qty,price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml",
            "sources:\n  order_lines:\n    path: orders.csv\n    columns: { order_id: id, customer_id: customer, sku: sku, order_date: date, quantity: qty, unit_price: price }\n"));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.Equal("sources.order_lines.columns.customer_id: column 'customer' not found in orders.csv; the file has: id, cust, sku, date, qty, price.", e.Message);
    }

    [Fact]
    public void Resolve_TitleLinesHoldingACommaAboveASemicolonHeader_ReadsTheHeaderBelowThem()
    {
        // A title holding a comma ("Report: Sales, Germany") was kept as the header of a ';' export, so delimiter: ';'
        // gave "column 'Auftrag' not found; the file has: Report: Sales, Germany". A ';' header read with ',' (one field,
        // its data rows split in two by decimal commas) stays the header, so the message can name its separator.
        const string table = "Auftrag;Kunde;Artikel;Datum;Menge;Preis\nA-1;K1;X-1;03.01.2025;2;12,50\nA-2;K2;X-2;04.01.2025;1;3,00\n";
        _folder.File("bericht.csv", "Report: Sales, Germany\nPeriod: 01.01.2025 - 31.03.2025, all plants\n\n" + table);
        _folder.File("auftraege.csv", table);
        const string columns = "columns: { order_id: Auftrag, customer_id: Kunde, sku: Artikel, order_date: Datum, quantity: Menge, unit_price: Preis }";

        var source = SourceResolver.Resolve(ConfigLoader.Load(_folder.File("chainseg.yaml",
            $"sources:\n  order_lines:\n    path: bericht.csv\n    delimiter: ';'\n    {columns}\n")), null).Single();
        var wrongDelimiter = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Load(_folder.File("chainseg.yaml",
            $"sources:\n  order_lines:\n    path: auftraege.csv\n    {columns}\n")), null));

        Assert.Equal(["Auftrag", "Kunde", "Artikel", "Datum", "Menge", "Preis"], source.Headers);
        Assert.Equal(4, source.HeaderLines.Single());
        Assert.EndsWith("The header looks separated by ';': in chainseg.yaml give sources.order_lines path: auftraege.csv and delimiter: ';'.", wrongDelimiter.Message);
    }

    [Fact]
    public void Resolve_GlobFilesWithDifferentHeaders_NamesTheDifference()
    {
        // "ol_2.csv has other columns than ol_1.csv" left the two headers to be compared by eye: a column renamed, added
        // or only moved (a month exported with another column order) is now named.
        const string header = "order_id,customer_id,sku,order_date,quantity,unit_price";
        string Refused(string other)
        {
            _folder.File("ol_1.csv", header + "\n");
            _folder.File("ol_2.csv", other + "\n");
            return Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Load(_folder.File("chainseg.yaml", "sources:\n  order_lines:\n    path: 'ol_*.csv'\n")), null)).Message;
        }

        Assert.Equal("sources.order_lines: ol_2.csv has other columns than ol_1.csv (it lacks unit_price; it adds price, note); files matched by one path must share a header.",
            Refused("order_id,customer_id,sku,order_date,quantity,price,note"));
        Assert.Equal("sources.order_lines: ol_2.csv has other columns than ol_1.csv (the same columns in another order: sku, order_id, customer_id, …); files matched by one path must share a header.",
            Refused("sku,order_id,customer_id,order_date,quantity,unit_price"));
    }

    [Fact]
    public void Resolve_MappingNamesHeaderInAnotherCaseOrWithoutItsSpaces_NamesTheHeaderToMap()
    {
        // The message listed the file's headers and left the difference to be seen: " Order ID " (an export padding its
        // headers) beside a mapped Order ID is invisible in the list, and a wide export's list is cut at 200 characters.
        _folder.File("orders.csv", " Order ID ,AUFTRAG,customer_id,sku,order_date,Menge,unit_price\n");
        string Refused(string columns) => Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Load(_folder.File("chainseg.yaml",
            $"sources:\n  order_lines:\n    path: orders.csv\n    columns: {{ customer_id: customer_id, sku: sku, order_date: order_date, unit_price: unit_price, {columns} }}\n")), null)).Message;

        Assert.Equal("sources.order_lines.columns.order_id: column 'Order ID' not found in orders.csv (did you mean ' Order ID '? quote it: the spaces at its edges are part of the header); the file has:  Order ID , AUFTRAG, customer_id, sku, order_date, Menge, unit_price.",
            Refused("order_id: Order ID, quantity: Menge"));
        Assert.StartsWith("sources.order_lines.columns.line_no: column 'Auftrag' not found in orders.csv (did you mean 'AUFTRAG'?); the file has: ",
            Refused("order_id: ' Order ID ', quantity: Menge, line_no: Auftrag"));
        Assert.StartsWith("sources.order_lines.columns.quantity: column 'Mengen' not found in orders.csv (did you mean 'Menge'?); the file has: ",
            Refused("order_id: ' Order ID ', quantity: Mengen"));
    }

    [Fact]
    public void Resolve_RequiredColumnNotMapped_SaysWhichAndHowToFix()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith("sources.order_lines: required column 'order_date' is not mapped", e.Message);
    }

    [Fact]
    public void Resolve_ExportOrFolderNameWithSpaces_TheInspectCommandNamedRunsAsPrinted()
    {
        // "chainseg inspect /data/Order Lines.csv" was printed bare: pasted, inspect was given two paths and refused both.
        var exports = _folder.Sub("Sales 2025");
        File.WriteAllText(Path.Combine(exports, "Order Lines.csv"), "order_id,customer_id,sku,quantity,unit_price\n");
        var unmapped = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), exports));
        File.Delete(Path.Combine(exports, "Order Lines.csv"));
        File.WriteAllText(Path.Combine(exports, "it's.csv"), "a,b\n");
        var noSource = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), exports));

        Assert.EndsWith($"(chainseg inspect '{exports}/Order Lines.csv' drafts the mapping).", unmapped.Message);
        Assert.EndsWith($"(chainseg inspect '{exports}' drafts it from the exports).", noSource.Message);
    }

    [Fact]
    public void Resolve_HeadersWithSpacesHyphensOrNoSeparator_MapToTheCanonicalNames()
    {
        _folder.File("order_lines.csv", "Order ID,Customer-Id,SKU,OrderDate,Quantity,Unit Price,Order_Line.No\n");
        var source = Assert.Single(SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path), s => s.Table.Name == "order_lines");
        Assert.Equal("Order ID", source.Columns["order_id"]);
        Assert.Equal("Customer-Id", source.Columns["customer_id"]);
        Assert.Equal("OrderDate", source.Columns["order_date"]);
        Assert.Equal("Unit Price", source.Columns["unit_price"]);
        Assert.False(source.Columns.ContainsKey("line_no"));
    }

    [Fact]
    public void Resolve_TwoHeadersReadingAsOneName_AsksForTheMapping()
    {
        _folder.File("order_lines.csv", "Order ID,OrderId,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("sources.order_lines: 'Order ID' and 'OrderId' both read as order_id; map it under columns:.", e.Message);
    }

    [Fact]
    public void Resolve_TableNameWrittenOtherwiseAsFileName_IsFound()
    {
        _folder.File("Order Lines.CSV", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var source = Assert.Single(SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("Order Lines.CSV", Path.GetFileName(source.Files[0]));
    }

    [Fact]
    public void Resolve_TwoFilesReadingAsOneTable_AsksWhichToUse()
    {
        _folder.File("Order Lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        _folder.File("OrderLines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("Order Lines.csv and OrderLines.csv both read as order_lines; map the one to use under sources.order_lines.path in chainseg.yaml.", e.Message);
    }

    [Fact]
    public void Resolve_CsvBesideItsGzip_AsksWhichToUseInsteadOfReadingOne()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        _folder.File("order_lines.csv.gz", "not read");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("order_lines.csv and order_lines.csv.gz both read as order_lines; map the one to use under sources.order_lines.path in chainseg.yaml.", e.Message);
    }

    // GZipStream's "compressed using an unsupported compression method" named neither the file nor the fix.
    [Fact]
    public void Resolve_GzFileThatIsNotGzip_NamesTheFile()
    {
        var file = _folder.File("order_lines.csv.gz", "notgz\n");
        const string expected = "order_lines.csv.gz is not a gzip file; compress it with gzip, or name it for what it is (.csv, .xlsx, …).";
        Assert.Equal(expected, Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path)).Message);
        Assert.Equal(expected, Assert.Throws<ConfigurationException>(() => ExportInspection.Inspect(file, null, null)).Message);
    }

    // A folder with an export's name was passed over: without order_lines.csv the run said to add the file the folder
    // showed, and without customers.csv it ran on without the customers' master data.
    [Theory]
    [InlineData("order_lines.csv", "order_lines")]
    [InlineData("customers.csv", "customers")]
    public void Resolve_FolderNamedAsAnExport_NamesTheFolder(string name, string table)
    {
        _folder.Sub(Path.GetFileName(ExportsWithout(name)));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal($"{name} in {_folder.Path} is a folder, not an export; put the {table} export in its place, or map the file in it under sources.{table}.path in chainseg.yaml.", e.Message);
    }

    // A link to a file that is gone failed to open with .NET's "Could not find file" and exit code 1.
    [Theory]
    [InlineData("order_lines.csv", "order_lines")]
    [InlineData("customers.csv", "customers")]
    public void Resolve_ExportIsALinkToAMissingFile_NamesTheLinkAndItsTarget(string name, string table)
    {
        var link = ExportsWithout(name);
        var gone = Path.Combine(_folder.Path, "gone", name);
        File.CreateSymbolicLink(link, gone);
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        var inspected = Assert.Throws<ConfigurationException>(() => ExportInspection.Inspect(link));
        Assert.Equal($"sources.{table}: {name} is a link to {gone}, which does not exist; point the link at the export, or replace it with the file.", e.Message);
        Assert.Equal($"{name} is a link to {gone}, which does not exist; point the link at the export, or replace it with the file.", inspected.Message);
    }

    // Order lines and customers in the folder, but for the one named: its path, for something else to take its place.
    private string ExportsWithout(string name)
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        _folder.File("customers.csv", "customer_id\n");
        var path = Path.Combine(_folder.Path, name);
        File.Delete(path);
        return path;
    }

    // A folder named chainseg.yaml, or a link to nothing, in the data folder was passed over: the run went on with the defaults.
    [Theory]
    [InlineData("folder", "is a folder, not a file; put the chainseg.yaml in its place, or pass the one in it with --config.")]
    [InlineData("link", "is a link to {0}, which does not exist; point the link at the chainseg.yaml, or replace it with the file.")]
    public void Resolve_ChainsegYamlInTheDataFolderIsNoFile_NamesItAndTheFix(string kind, string problem)
    {
        var candidate = Path.Combine(_folder.Path, "chainseg.yaml");
        var gone = Path.Combine(_folder.Path, "gone.yaml");
        if (kind == "folder")
            _folder.Sub("chainseg.yaml");
        else
            File.CreateSymbolicLink(candidate, gone);
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Resolve(null, _folder.Path));
        Assert.Equal($"chainseg.yaml in {_folder.Path} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, problem, gone), e.Message);
    }

    [Fact]
    public void Load_ConfigIsALinkToAMissingFile_SaysItIsNotFound()
    {
        var link = Path.Combine(_folder.Path, "chainseg.yaml");
        File.CreateSymbolicLink(link, Path.Combine(_folder.Path, "gone.yaml"));
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(link));
        Assert.StartsWith($"config file not found: {link}.", e.Message);
    }

    [Fact]
    public void Resolve_SheetOnACsvSource_IsRefused()
    {
        _folder.File("orders.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml", "sources:\n  order_lines:\n    path: orders.csv\n    sheet: Orders\n"));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.Equal("sources.order_lines: sheet applies to .xlsx sources only, and orders.csv is not one; remove sheet: or point path: at the workbook.", e.Message);
    }

    [Fact]
    public void Resolve_HeaderWrittenTwice_AsksWhichToRead()
    {
        // The second "quantity" once went unread while the first (line numbers in the export) became the quantity.
        _folder.File("order_lines.csv", "order_id,quantity,customer_id,sku,order_date,quantity,unit_price\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.Equal("sources.order_lines: 'quantity' and 'quantity_2' both read as quantity in order_lines.csv (a header written twice is numbered _2); map the one to read under columns:.", e.Message);
    }

    [Fact]
    public void Resolve_HeadersDifferingOnlyInCaseOrNamedRowid_AreNumberedAndTheMappingIsToldSo()
    {
        // DuckDB's column names ignore case, and its rowid is the raw table's own: Quantity beside quantity, or ROWID, is
        // numbered as a header written twice is, and a mapping naming ROWID is told the name to map.
        _folder.File("order_lines.csv", "order_id,quantity,customer_id,sku,order_date,Quantity,unit_price\n");
        var twice = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        _folder.File("orders.csv", "ROWID,order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml", "sources:\n  order_lines:\n    path: orders.csv\n    columns: { line_no: ROWID }\n"));
        var rowid = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));

        Assert.Equal("sources.order_lines: 'quantity' and 'Quantity_2' both read as quantity in order_lines.csv (a header written twice is numbered _2); map the one to read under columns:.", twice.Message);
        Assert.Equal("sources.order_lines.columns.line_no: column 'ROWID' not found in orders.csv; the file has: ROWID_2, order_id, customer_id, sku, order_date, quantity, unit_price. A header written twice (in any case) or named _file or rowid is numbered: map 'ROWID_2'.", rowid.Message);
    }

    [Fact]
    public void Resolve_NoOrderLinesButOtherFiles_ListsWhatTheFolderHas()
    {
        _folder.File("Orders.csv", "a\n");
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith($"no order_lines source in {_folder.Path} (the folder has: Orders.csv): add order_lines.csv", e.Message);
    }

    [Fact]
    public void Resolve_NoOrderLines_SaysWhatToAdd()
    {
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), _folder.Path));
        Assert.StartsWith("no order_lines source", e.Message);
    }

    [Fact]
    public void Resolve_ConfigWithoutSourcesAndNoDataFolder_SaysToMapOrPassData()
    {
        // run --config FILE without --data: the message said "add order_lines.csv … to the data folder", a folder nobody gave.
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Parse(""), null));
        Assert.Equal("no order_lines source: chainseg.yaml maps none under sources: and no --data folder was given; map it (sources: order_lines: path: FILE), or pass --data DIR with order_lines.csv (or .csv.gz, .parquet, .xlsx).", e.Message);
    }

    [Theory]
    [InlineData("yyyy-MM-dd HH:mm:ss", "%Y-%m-%d %H:%M:%S")]
    [InlineData("M/d/yyyy H:mm", "%m/%d/%Y %H:%M")]
    [InlineData("dd.MM.yyyy", "%d.%m.%Y")]
    [InlineData("yyyy'T'HH", "%YT%H")]
    [InlineData("d MMM yyyy hh:mm tt", "%d %b %Y %I:%M %p")]
    public void ToStrptime_DotNetFormats_Translate(string dotNet, string strptime) =>
        Assert.Equal(strptime, DateFormat.ToStrptime(dotNet));

    // An empty layout reached DuckDB's strptime, whose error named neither the key nor the fix.
    [Theory]
    [InlineData("''")]
    [InlineData("' '")]
    [InlineData("")]
    public void Resolve_EmptyDateFormat_NamesTheKey(string layout)
    {
        _folder.File("orders.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml", $"sources:\n  order_lines:\n    path: orders.csv\n    formats: {{ order_date: {layout} }}\n"));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.Equal("sources.order_lines.formats.order_date is empty; write the export's date layout (e.g. dd.MM.yyyy), or leave the key out to read ISO dates.", e.Message);
    }

    // formats: takes a list of layouts for a column (tried in order) beside the single one; a bad or empty layout in the
    // list is named by its place, as a message naming the column alone left the reader to find which of several it was.
    [Theory]
    [InlineData("[dd.MM.yyyy, 'dd.MM.yyyy HH:gg']", "sources.order_lines.formats.order_date[2]: date format 'dd.MM.yyyy HH:gg': specifier 'g' is not supported; use yyyy, MM, dd, HH, mm, ss, fff, tt or quote literal text.")]
    [InlineData("[dd.MM.yyyy, '']", "sources.order_lines.formats.order_date[2] is empty; write the export's date layout (e.g. dd.MM.yyyy), or remove the item.")]
    [InlineData("[]", "sources.order_lines.formats.order_date is empty; write the export's date layout (e.g. dd.MM.yyyy), or leave the key out to read ISO dates.")]
    [InlineData("'yyyy-gg'", "sources.order_lines.formats.order_date: date format 'yyyy-gg': specifier 'g' is not supported")]
    public void Resolve_BadLayoutInFormats_NamesWhichOne(string layouts, string expected)
    {
        _folder.File("orders.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var config = ConfigLoader.Load(_folder.File("chainseg.yaml", $"sources:\n  order_lines:\n    path: orders.csv\n    formats: {{ order_date: {layouts} }}\n"));
        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(config, null));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FormatsAsOneLayoutOrAList_ReadAsTheLayoutsInOrder()
    {
        var config = ConfigLoader.Parse("sources:\n  order_lines:\n    formats:\n      order_date: dd.MM.yyyy\n      requested_date:\n        - dd.MM.yyyy\n        - dd.MM.yyyy HH:mm\n"
            + "      ship_date: [dd.MM.yyyy, dd.MM.yyyy HH:mm]\n");
        var formats = config.Sources["order_lines"].Formats;
        Assert.Equal(("dd.MM.yyyy", "dd.MM.yyyy | dd.MM.yyyy HH:mm"), (string.Join(" | ", formats["order_date"]), string.Join(" | ", formats["requested_date"])));
        Assert.Equal("dd.MM.yyyy | dd.MM.yyyy HH:mm", string.Join(" | ", formats["ship_date"]));
    }

    [Fact]
    public void ToStrptime_UnsupportedSpecifier_SaysWhichOnesWork()
    {
        var e = Assert.Throws<ConfigurationException>(() => DateFormat.ToStrptime("yyyy-gg"));
        Assert.Contains("specifier 'g' is not supported", e.Message);
    }

    // YAML's null became 0 for a number that cannot be none: "version: ~" was refused as "got 0", and "ordering_cost: ~"
    // was taken as orders costing nothing. The value is named empty at its position, with what to write.
    [Theory]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: ~ }\n", "line 3, column 32 (segmentation.models.m.version): the value is empty; write a whole number here, or remove the key for its default.")]
    [InlineData("segmentation:\n  models:\n    m:\n      method: abc\n      version:\n", "(segmentation.models.m.version): the value is empty; write a whole number here")]
    [InlineData("segmentation:\n  models:\n    m: { method: abc, version: null }\n", "(segmentation.models.m.version): the value is empty; write a whole number here")]
    [InlineData("costs: { ordering_cost: ~ }\n", "line 1, column 25 (costs.ordering_cost): the value is empty; write a number here, or remove the key for its default.")]
    [InlineData("costs: { activity_rates: { picking: ~ } }\n", "(costs.activity_rates.picking): the value is empty; write a number here")]
    public void Parse_EmptyNumberThatCannotBeNone_SaysItIsEmptyAndWhatToWrite(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("got 0", e.Message, StringComparison.Ordinal);
    }

    // A number that may be none keeps ~ as none: kanban_container: ~ is one week of demand, as leaving it out is.
    [Fact]
    public void Parse_EmptyNumberThatMayBeNone_IsNone() =>
        Assert.Null(ConfigLoader.Parse("policies:\n  inventory:\n    kanban_container: ~\n").Policies.Inventory.KanbanContainer);

    // Café typed with e + combining accent (U+0301, as macOS and some editors write it) and with é (U+00E9) look the same but
    // were two names: a rule's segment in one form and its policy in the other applied no policy, and assignments, the
    // archive and compare kept whichever form was typed. Model and segment names are read in NFC; ids and data are not.
    [Fact]
    public void Parse_ModelAndSegmentNamesInDecomposedAndComposedForms_AreReadInNfc()
    {
        var config = ConfigLoader.Parse("""
            identifiers:
              customer_id: { strip_prefixes: ["Cafe\u0301"] }
            segmentation:
              active: "ti\u00e9rs"
              models:
                "tie\u0301rs":
                  rules:
                    - segment: "Cafe\u0301"
                      when: "region == 'Cafe\u0301'"
                  fallback: "Bl\u00e9"
                clusters:
                  method: kmeans
                  dimensions: [revenue]
                  tiers: ["Ore\u0301", "Bl\u00e9"]
            policies:
              segments:
                "Caf\u00e9": { csl: 0.95 }
                "Ble\u0301": { csl: 0.9 }
              shortage:
                "Cafe\u0301": { min_fill: 0.5 }
              capacity:
                resources:
                  docks: { capacity: 10, per_unit_by_segment: { "Ble\u0301": 2 } }
            """);

        var segmentation = config.Segmentation!;
        Assert.Equal("ti\u00e9rs", segmentation.Active);
        Assert.Equal(["ti\u00e9rs", "clusters"], segmentation.Models.Keys);
        var rules = segmentation.Models["ti\u00e9rs"];
        Assert.Equal(("Caf\u00e9", "Bl\u00e9"), (rules.Rules[0].Segment, rules.Fallback));
        Assert.Equal(["Or\u00e9", "Bl\u00e9"], segmentation.Models["clusters"].Tiers);
        Assert.Equal(["Caf\u00e9", "Bl\u00e9"], config.Policies.Segments.Keys);
        Assert.Equal(["Caf\u00e9"], config.Policies.Shortage.Keys);
        Assert.Equal(["Bl\u00e9"], config.Policies.Capacity.Resources["docks"].PerUnitBySegment.Keys);
        // A rule's condition compares data texts (either form matches already), and ids are data: both kept as written.
        Assert.Equal("region == 'Cafe\u0301'", rules.Rules[0].When);
        Assert.Equal(["Cafe\u0301"], config.Identifiers.CustomerId.StripPrefixes);
    }

    // Two keys of one mapping that are one name in NFC are refused as a key written twice is, with the forms said apart.
    [Theory]
    [InlineData("segmentation:\n  models:\n    \"Caf\u00e9\": { method: abc }\n    \"Cafe\u0301\": { method: rfm }\n",
        "chainseg.yaml line 4, column 5 (segmentation.models.Caf\u00e9): 'Caf\u00e9' is written twice at this level")]
    [InlineData("policies:\n  segments:\n    \"Cafe\u0301\": { csl: 0.9 }\n    core: { csl: 0.8 }\n    \"Caf\u00e9\": { csl: 0.95 }\n",
        "chainseg.yaml line 5, column 5 (policies.segments.Caf\u00e9): 'Caf\u00e9' is written twice at this level")]
    public void Parse_TwoNamesEqualInNfc_RefusedAsWrittenTwice(string yaml, string expectedStart)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse(yaml));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.Contains("a letter and a combining accent", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("keep one (the later would silently win). Fix the YAML at that position.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose() => _folder.Dispose();
}
