using System.Buffers;
using System.Collections;
using System.Formats.Tar;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ChainSeg.Core.Segmentation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChainSeg.Data.Configuration;

/// <summary>Reads <c>chainseg.yaml</c> and turns YAML mistakes into one-line messages that name the fix.</summary>
public static partial class ConfigLoader
{
    /// <summary>Name of the configuration file looked for in a data folder.</summary>
    public const string DefaultFileName = "chainseg.yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        // A key written twice (two models of one name, window: twice) would otherwise keep the last silently.
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(new NumberScalars(), where => where.OnTop())
        .Build();

    /// <summary>Loads a configuration file.</summary>
    /// <exception cref="ConfigurationException">The file is missing or not valid chainseg.yaml.</exception>
    public static ChainSegConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
            throw new ConfigurationException($"--config {path} is a folder; pass the chainseg.yaml in it ({Path.Combine(path, DefaultFileName)}), or the folder of exports with --data.");
        if (NotAFile(fullPath) is { } kind)
            throw new ConfigurationException($"--config {path} is {kind}, not a file: ChainSeg reads its configuration more than once, records its path with the run and reads paths in it from its folder; save it as a file (e.g. cat > chainseg.yaml) and pass that.");
        // Through links: File.Exists holds for a link whose target is gone.
        if (!File.Exists(Pipeline.RealPath.Of(fullPath)))
            throw new ConfigurationException($"config file not found: {path}. Pass an existing file with --config, or leave --config out to use the defaults.");
        // A data file given as --config was read as YAML and its first line reported as a mistake to fix in it.
        if (DataExtensions.FirstOrDefault(e => fullPath.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension)
            throw new ConfigurationException($"{Path.GetFileName(fullPath)} is not a chainseg.yaml: a {extension} file holds data, not settings; {PassTheYaml}");
        var text = ReadText(fullPath);
        var config = Parse(text, Path.GetFileName(fullPath));
        config.BaseDirectory = Path.GetDirectoryName(fullPath)!;
        config.SourceFile = fullPath;
        return config;
    }

    // "a pipe" or "a device" for a path that is one, else null. A pipe (`--config <(…)`, /dev/stdin read from a pipe: links
    // to "pipe:[N]" in /proc) was "not found", and a FIFO no one writes to blocked the run for ever, which SIGTERM does not
    // end (a run stops at its next stage). Refused rather than read once: the store records the text and the summary the
    // path, and relative source paths are taken from the config's folder, which a pipe has none of. /dev/null stays an
    // empty configuration: the way to run a data folder without its chainseg.yaml.
    private static string? NotAFile(string fullPath)
    {
        var real = Pipeline.RealPath.Of(fullPath);
        if (!File.Exists(real))
            return Path.GetFileName(real).StartsWith("pipe:[", StringComparison.Ordinal) || Path.GetFileName(real).StartsWith("socket:[", StringComparison.Ordinal) ? "a pipe" : null;
        // FIFOs and devices have no size; a file with some is a file.
        if (real == "/dev/null" || new FileInfo(real).Length > 0)
            return null;
        // .NET tells a path's type no further than folder or link; the tar writer reads it (lstat) for its entry's type,
        // without opening a FIFO or a device.
        using var tar = new MemoryStream();
        try
        {
            using var writer = new TarWriter(tar, leaveOpen: true);
            writer.WriteEntry(real, "config");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null; // a socket, or a file that may not be read: reading it says so
        }
        tar.Position = 0;
        using var reader = new TarReader(tar);
        return reader.GetNextEntry()?.EntryType switch
        {
            TarEntryType.Fifo => "a pipe",
            TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "a device",
            _ => null,
        };
    }

    // The files a run reads as data (and .tsv, .xls), the longer ending first.
    private static readonly string[] DataExtensions = [".csv.gz", ".csv", ".tsv", ".gz", ".parquet", ".xlsx", ".xls"];

    private const string PassTheYaml = "pass your chainseg.yaml with --config, and put data files in the folder given with --data.";

    // A byte order mark names its encoding (UTF-16 from Notepad's "Unicode"); without one the file is UTF-8, read strictly:
    // a Latin-1 or Windows-1252 é was replaced by U+FFFD, and a segment named with it was assigned under another name.
    private static string ReadText(string fullPath)
    {
        var bytes = File.ReadAllBytes(fullPath);
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        var utf8 = bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes.AsSpan(3) : bytes;
        var chars = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            return new string(chars, 0, written);
        var line = utf8[..read].Count((byte)'\n') + 1;
        throw new ConfigurationException($"{Path.GetFileName(fullPath)} line {line}: the file is not UTF-8 (byte 0x{utf8[read]:X2} is no character in it, as Latin-1 or Windows-1252 write é or É); save it as UTF-8.");
    }

    /// <summary>Parses configuration text; <paramref name="displayName"/> names it in error messages.</summary>
    /// <exception cref="ConfigurationException">The text is not valid chainseg.yaml.</exception>
    public static ChainSegConfig Parse(string yaml, string displayName = DefaultFileName)
    {
        try
        {
            var config = Deserializer.Deserialize<ChainSegConfig?>(yaml) ?? new ChainSegConfig();
            FillEmpty(config, "");
            MarkWrittenKeys(config, yaml);
            MetricAliases.Resolve(config.Segmentation);
            Segmentation.SegmentationPresets.Expand(config.Segmentation);
            NameForms.Normalise(config, yaml, displayName);
            return config;
        }
        catch (YamlException e)
        {
            // Text that is not settings at all (a CSV, a list) is no chainseg.yaml with a mistake at line 1, column 1.
            if (TopLevel(yaml) is { } topLevel)
                throw new ConfigurationException($"{displayName} is not a chainseg.yaml: its top level is {topLevel}, not a mapping of settings (key: value lines such as segmentation: or policies:); {PassTheYaml}");
            var (description, setting) = Describe(e, yaml);
            var path = setting.Count > 0 ? $" ({string.Join("", setting.Select((part, i) => part.StartsWith('[') || i == 0 ? part : "." + part))})" : "";
            // The scanner reports a tab of indentation at the mapping it breaks, line 1 for a tab anywhere below a top-level key.
            var line = description.StartsWith(TabIndents, StringComparison.Ordinal) ? TabIndentedLine(yaml) ?? e.Start.Line : e.Start.Line;
            var column = line == e.Start.Line ? e.Start.Column : 1;
            throw new ConfigurationException($"{displayName} line {line}, column {column}{path}: {description}");
        }
    }

    // A key whose children are all commented out ("policies:" and nothing under it) deserialises to null, which every
    // stage would have to guard against; it means what leaving the key out means, the section's defaults. A model has
    // no default (what it segments by is the point of writing it), so an empty one is named instead.
    private static void FillEmpty(object section, string path)
    {
        var defaults = Activator.CreateInstance(section.GetType())!;
        foreach (var property in Settable(section.GetType()))
        {
            var key = path + UnderscoredNamingConvention.Instance.Apply(property.Name);
            var value = property.GetValue(section);
            if (value is null && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.NotNull)
                property.SetValue(section, value = property.GetValue(defaults));
            switch (value)
            {
                case IDictionary entries when IsSection(property.PropertyType.GetGenericArguments()[1]):
                    foreach (var name in entries.Keys.Cast<string>().ToList())
                        entries[name] = Filled(entries[name], property.PropertyType.GetGenericArguments()[1], $"{key}.{name}");
                    break;
                case IList items when IsSection(property.PropertyType.GetGenericArguments()[0]):
                    for (var i = 0; i < items.Count; i++)
                        items[i] = Filled(items[i], property.PropertyType.GetGenericArguments()[0], $"{key}[{i + 1}]");
                    break;
                // A '- ' line left blank (or ~) in a list of names: every stage reading the list would meet a null name.
                case IList items when items.IndexOf(null) is var blank and >= 0:
                    throw new ConfigurationException($"{key}[{blank + 1}] is empty; write a value or remove the item.");
                case not null when IsSection(value.GetType()):
                    FillEmpty(value, key + ".");
                    break;
            }
        }
    }

    // The keys each model wrote: a setting of another method written with its default value (method: abc beside
    // xyz: { x: 0.5, y: 1.0 }, fallback: standard on abc_xyz) was taken for one left out, and accepted without a word.
    private static void MarkWrittenKeys(ChainSegConfig config, string yaml)
    {
        if (config.Segmentation?.Models is not { Count: > 0 } models)
            return;
        if (Tree(yaml) is not YamlMappingNode root
            || Child(root, "segmentation") is not YamlMappingNode segmentation || Child(segmentation, "models") is not YamlMappingNode written)
            return;
        foreach (var (name, value) in written.Children)
            if (value is YamlMappingNode keys && models.TryGetValue(name.ToString(), out var model))
                model.WrittenKeys = keys.Children.SelectMany(WrittenWithin).ToHashSet(StringComparer.Ordinal);

        static YamlNode? Child(YamlMappingNode mapping, string key) =>
            mapping.Children.FirstOrDefault(c => c.Key.ToString() == key).Value;

        // A section's own keys too (abc.a beside abc), so a refusal can tell a cut-off written from one left at its default.
        static IEnumerable<string> WrittenWithin(KeyValuePair<YamlNode, YamlNode> entry) =>
            entry.Value is YamlMappingNode section
                ? section.Children.Keys.Select(k => $"{entry.Key}.{k}").Prepend(entry.Key.ToString())
                : [entry.Key.ToString()];
    }

    private static object Filled(object? entry, Type type, string key)
    {
        if (entry is null && type == typeof(SegmentationModelConfig))
            throw new ConfigurationException($"{key} is empty; give the model its method and settings (e.g. method: abc) or remove it.");
        entry ??= Activator.CreateInstance(type)!;
        FillEmpty(entry, key + ".");
        return entry;
    }

    // A list type of settings (DateLayouts) is a value, not a section of keys.
    private static bool IsSection(Type type) => type.Namespace == typeof(ChainSegConfig).Namespace && type.IsClass && !typeof(IEnumerable).IsAssignableFrom(type);

    /// <summary>Loads <paramref name="configPath"/> when given, else <c>chainseg.yaml</c> in the data folder when present, else the defaults.</summary>
    public static ChainSegConfig Resolve(string? configPath, string? dataDirectory)
    {
        if (configPath is not null)
            return Load(configPath);
        if (dataDirectory is not null)
        {
            var candidate = Path.Combine(dataDirectory, DefaultFileName);
            // A folder in its place was passed over, the run going on with the defaults; a link to nothing failed with .NET's
            // "Could not find file" and exit code 1.
            if (Directory.Exists(candidate))
                throw new ConfigurationException($"{DefaultFileName} in {dataDirectory} is a folder, not a file; put the chainseg.yaml in its place, or pass the one in it with --config.");
            if (Pipeline.RealPath.DanglingLinkTarget(candidate) is { } target)
                throw new ConfigurationException($"{DefaultFileName} in {dataDirectory} is a link to {target}, which does not exist; point the link at the chainseg.yaml, or replace it with the file.");
            if (File.Exists(candidate))
                return Load(candidate);
            // chainseg.yml or ChainSeg.yaml was passed over, the run going on with the defaults and the file's settings unread.
            if (OtherSpelling(dataDirectory) is { } other)
                throw new ConfigurationException($"{Path.GetFileName(other)} in {dataDirectory} is not read: a run reads its settings from {DefaultFileName}, in lower case; "
                                                 + $"rename it to {DefaultFileName}, or pass it with --config {other}.");
            return new ChainSegConfig { BaseDirectory = Path.GetFullPath(dataDirectory) };
        }
        return new ChainSegConfig();
    }

    // A file in the data folder named chainseg.yaml or chainseg.yml in any case, other than chainseg.yaml itself.
    private static string? OtherSpelling(string dataDirectory) =>
        Directory.Exists(dataDirectory)
            ? Directory.EnumerateFiles(dataDirectory).Order(StringComparer.Ordinal).FirstOrDefault(f =>
                Path.GetFileName(f) is var name && name != DefaultFileName
                && (name.Equals(DefaultFileName, StringComparison.OrdinalIgnoreCase) || name.Equals("chainseg.yml", StringComparison.OrdinalIgnoreCase)))
            : null;

    /// <summary>SHA-256 (hex, first 12 characters used in run ids) of the configuration file, or of the empty default.</summary>
    public static string Hash(ChainSegConfig config)
    {
        var bytes = config.SourceFile is null ? [] : File.ReadAllBytes(config.SourceFile);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    // The description in the file's words, and the setting at the error's position as its path of keys (and [n] items).
    private static (string Description, IReadOnlyList<string> Setting) Describe(YamlException e, string yaml)
    {
        var innermost = e;
        while (innermost.InnerException is YamlException inner)
            innermost = inner;
        var message = innermost.InnerException?.Message ?? innermost.Message;
        var match = UnknownProperty().Match(message);
        var setting = SettingAt(yaml, e.Start, deepest: match.Success);
        if (match.Success)
        {
            // Keys under a setting that takes a single value (late_days: { a: 1 }) were reported as an unknown key 'a':
            // the keys are the mistake, not their names, and the setting is the one above them.
            if (typeof(ChainSegConfig).Assembly.GetType(match.Groups[2].Value) is not { } type)
                return (ExpectedSingle + ". Fix the YAML at that position.", setting.Take(Math.Max(0, setting.Count - 1)).ToList());
            var key = match.Groups[1].Value;
            // A top-level setting written under another (window under metrics) has the right name in the wrong place: the
            // keys of the level it stands at never list it, so say where it belongs.
            if (type != typeof(ChainSegConfig) && setting.Count >= 2 && KnownKeys(typeof(ChainSegConfig)).Contains(key, StringComparer.Ordinal))
                return ($"unknown key '{key}' under {setting[^2]}: {key} is a top-level setting; write it unindented, not under {setting[^2]}.", setting);
            return ($"unknown key '{key}'{MetricNameSuggestion.Hint(key, KnownKeys(type))}; expected one of: {string.Join(", ", KnownKeys(type))}. Fix the key name.", setting);
        }
        return ((ExpectedShape(message, yaml, e.Start) ?? message.TrimEnd('.')) + ". Fix the YAML at that position.", setting);
    }

    // What the document's top level is when it is not a mapping of settings, or null (a mapping, or text that is no YAML).
    private static string? TopLevel(string yaml) => Tree(yaml) switch
    {
        YamlScalarNode => "plain text",
        YamlSequenceNode => "a list",
        _ => null,
    };

    /// <summary>The first document's node tree, or null when the text holds none or does not load as YAML (a syntax error).</summary>
    internal static YamlNode? Tree(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        // YamlDotNet's scanner fails on some unclosed brackets with an InvalidOperationException of its own.
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null;
        }
        return stream.Documents.FirstOrDefault()?.RootNode;
    }

    // The keys (and [n] list items, counted from 1) leading to the node an error points at, which starts there. A block
    // mapping starts where its first key does: an unknown key is that key (the deepest node starting there), any other
    // error the setting whose value it is (the shallowest). Empty when the text does not load as YAML (a syntax error).
    private static List<string> SettingAt(string yaml, Mark at, bool deepest) =>
        Tree(yaml) is { } root && Find(root, at.Index, deepest) is { } path ? path : [];

    private static List<string>? Find(YamlNode node, long at, bool deepest)
    {
        IEnumerable<(string Part, YamlNode? Key, YamlNode Value)> children = node switch
        {
            YamlMappingNode mapping => mapping.Children.Select(c => (c.Key.ToString(), (YamlNode?)c.Key, c.Value)),
            YamlSequenceNode sequence => sequence.Children.Select((item, i) => ($"[{i + 1}]", (YamlNode?)null, item)),
            _ => [],
        };
        foreach (var (part, key, value) in children)
        {
            var here = key?.Start.Index == at || value.Start.Index == at;
            if (here && !deepest)
                return [part];
            if (Find(value, at, deepest) is { } below)
                return below.Prepend(part).ToList();
            if (here)
                return [part];
        }
        return null;
    }

    // The value's shape in the words of the file rather than .NET's types ("Invalid cast from 'System.String' to
    // 'System.Collections.Generic.List`1[[System.String, …", "The input string 'two' was not in a correct format").
    private const string ExpectedList = "expected a list here, e.g. [C, X] or one item per '- ' line";
    private const string ExpectedSingle = "expected a single value here, not a list or a block of keys";
    private const string ExpectedBoolean = "expected true or false here";
    private const string WholeTooLarge = "is a whole number too large for this setting; write a smaller one";

    private static string? ExpectedShape(string message, string yaml, Mark start)
    {
        // The value is read from the file: YAML hands the number parser a scalar's digits without its sign (-2.0 reads '2.0',
        // and "write 2" would name another value), and .NET's integer parser names no value at all for a signed zero
        // fraction (-0.0: "Could not find any recognizable digits").
        if (NotANumber().IsMatch(message) || message.StartsWith("Could not find any recognizable digits", StringComparison.Ordinal))
        {
            // A number that fails to parse is a fraction where the setting (periods, version, k) counts whole things.
            var text = ScalarAt(yaml, start);
            var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            // A numeral beyond a double's range (1e400) parses as infinity: a number, only far too large.
            if (parsed && double.IsInfinity(value) && text.Any(char.IsAsciiDigit))
                return $"'{text}' {WholeTooLarge}";
            // NaN and Infinity parse in .NET's spelling, not YAML's (.nan, .inf): they are no number of any kind here.
            if (!parsed || !double.IsFinite(value))
                return double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var comma) && double.IsFinite(comma)
                    ? $"'{text}' is not a number; write a number here (with a dot for decimals: {comma.ToString(CultureInfo.InvariantCulture)})"
                    : $"'{text}' is not a number; write a number here";
            if (!double.IsInteger(value))
                return $"'{text}' is not a whole number; write a whole number here";
            // The whole-number settings are ints: 3e9 is whole, but writing it out would only meet the overflow message.
            // Adding 0.0 turns -0 into 0, so -0.0 is told to write 0.
            return value is >= int.MinValue and <= int.MaxValue
                ? $"'{text}' is not written as a whole number; write {(value + 0.0).ToString("0", CultureInfo.InvariantCulture)}"
                : $"'{text}' {WholeTooLarge}";
        }
        // An empty scalar where a number belongs ('' or "") failed inside the parser: "Index was outside the bounds of the array".
        if (message.StartsWith("Index was outside the bounds of the array", StringComparison.Ordinal) && ScalarAt(yaml, start).Length == 0)
            return "the value is empty; write a number here, or remove the key for its default";
        // Syntax the scanner words in its own terms: an unclosed [ failing inside it, a tab of indentation, a second document.
        if (message.StartsWith("Operation is not valid due to the current state of the object", StringComparison.Ordinal))
            return "the YAML cannot be read on from here; look for a [ or { left open, or a quote left unclosed, at or above this line";
        if (message.Contains("found invalid tab as indentation", StringComparison.Ordinal))
            return TabIndents + "; indent with spaces only";
        // An unclosed quote runs to the end of the file, or into the next line, which is not indented as a quoted value's rest.
        if (message.StartsWith("While scanning a quoted scalar, found unexpected end of stream", StringComparison.Ordinal)
            || message.StartsWith("While scanning a multi-line double-quoted scalar, found wrong indentation", StringComparison.Ordinal))
        {
            var quote = start.Index < yaml.Length && yaml[(int)start.Index] is '\'' ? '\'' : '"';
            return $"the quote {quote} opened here is not closed on its line; close it with {quote} where the value ends";
        }
        if (message.StartsWith("While parsing a block mapping, did not find expected key", StringComparison.Ordinal))
            return NotAKey(yaml, start);
        // A Windows path in double quotes ("C:\data") reads its backslashes as escapes.
        if (message.Contains("found unknown escape character", StringComparison.Ordinal))
            return "a backslash in double quotes starts an escape (\\n, \\t, \\\\); write the value in single quotes ('C:\\data') or double each backslash";
        if (message.StartsWith("While parsing a flow mapping, did not find expected ',' or '}'", StringComparison.Ordinal))
            return "a { opened at or above this line is not closed; close it with } (its key: value pairs separated by commas)";
        if (message.StartsWith("While parsing a flow sequence, did not find expected ',' or ']'", StringComparison.Ordinal))
            return "a [ opened at or above this line is not closed; close it with ] (its items separated by commas)";
        if (message.Contains("found character that cannot start any token", StringComparison.Ordinal))
        {
            var character = start.Index < yaml.Length ? yaml[(int)start.Index] : ' ';
            return $"'{character}' cannot begin a key or value in YAML; put the value in quotes, or remove the character";
        }
        // A key: value line indented under a plain value reads as that value's continuation, whose ': ' YAML refuses.
        if (message.StartsWith("While scanning a plain scalar value, found invalid mapping", StringComparison.Ordinal))
            return "this line is indented under the value above it, so it reads as part of that value; indent it as far as the keys it belongs beside (spaces only), or quote a value holding ': '";
        if (message.StartsWith("Expected 'StreamEnd', got 'DocumentStart'", StringComparison.Ordinal))
            return "a second YAML document begins here (---); chainseg.yaml holds one: remove the --- line and keep each setting once";
        // YamlDotNet's overflow names neither the value nor the type; the position does the rest.
        if (message.StartsWith("Arithmetic operation resulted in an overflow", StringComparison.Ordinal))
            return "the number is too large for this setting; write a smaller one";
        if (message.Contains("valid Boolean", StringComparison.Ordinal) || message.Contains("valid YAML Boolean", StringComparison.Ordinal))
            return ExpectedBoolean;
        if (DuplicateKey().Match(message) is { Success: true } duplicate)
            return WrittenTwice(duplicate.Groups[1].Value, "");
        if (message.StartsWith("Expected 'SequenceStart'", StringComparison.Ordinal))
            return ExpectedList;
        if (message.StartsWith("Expected 'MappingStart'", StringComparison.Ordinal))
            return "expected keys with values here (key: value)";
        if (message.StartsWith("Expected 'Scalar'", StringComparison.Ordinal))
            return ExpectedSingle;
        var target = CastTarget().Match(message) is { Success: true } cast ? cast.Groups[1].Value
            : NoDeserializer().Match(message) is { Success: true } node ? node.Groups[1].Value
            : NoInstance().Match(message) is { Success: true } instance ? instance.Groups[1].Value : null;
        // An optional setting (max_segments, hysteresis.periods) is System.Nullable`1[[System.Int32, …]]: its value type decides.
        if (target?.StartsWith("System.Nullable`1[[", StringComparison.Ordinal) == true)
            target = target["System.Nullable`1[[".Length..];
        return target switch
        {
            null => null,
            _ when target.Contains("List", StringComparison.Ordinal) => ExpectedList,
            _ when target.Contains("Dictionary", StringComparison.Ordinal) => "expected keys with values here (key: value), not a single value",
            _ when target.StartsWith("System.String", StringComparison.Ordinal) => ExpectedSingle,
            _ when target.StartsWith("System.Int", StringComparison.Ordinal) || target.StartsWith("System.Double", StringComparison.Ordinal) => "expected a number here",
            _ when target.StartsWith("System.Boolean", StringComparison.Ordinal) => ExpectedBoolean,
            _ when target.StartsWith("ChainSeg.", StringComparison.Ordinal) => "expected keys with values here (key: value), not a single value or a list",
            _ => null,
        };
    }

    // The scalar written at the error position (quotes dropped): a quoted one to its closing quote ('0,25' whole, not '0),
    // a plain one up to the next separator of flow or block style.
    private static string ScalarAt(string yaml, Mark start)
    {
        var at = (int)Math.Min(start.Index, yaml.Length);
        if (at < yaml.Length && yaml[at] is '\'' or '"' && yaml.IndexOf(yaml[at], at + 1) is var close and > 0)
            return yaml[(at + 1)..close];
        var text = new string(yaml[at..].TakeWhile(ch => ch is not (',' or '}' or ']' or '\n' or '\r' or '#')).ToArray()).Trim();
        return text.Trim('\'', '"');
    }

    private const string TabIndents = "a tab indents this line";

    // What stands where a mapping's next key belongs: text after a quoted or bracketed value on its line, a key indented to
    // no level of the keys above it, or a stray character.
    private static string NotAKey(string yaml, Mark start)
    {
        var at = (int)Math.Min(start.Index, yaml.Length);
        var lineStart = at == 0 ? 0 : yaml.LastIndexOf('\n', at - 1) + 1;
        var lineEnd = yaml.IndexOfAny(['\r', '\n'], at) is var end and >= 0 ? end : yaml.Length;
        var indent = yaml[lineStart..at];
        var text = yaml[at..lineEnd];
        text = (text.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0 ? text[..comment] : text).Trim();
        if (indent.Trim().Length > 0)
            return $"'{text}' follows the closed value on its line; remove it, or move it inside the quotes or brackets";
        if (KeyLine().Match(text) is { Success: true } key)
            return $"'{key.Groups[1].Value}' is indented by {indent.Length} space{(indent.Length == 1 ? "" : "s")}, which lines up with no key above it; indent it as far as the keys it belongs beside (spaces only)";
        return $"'{text}' stands where a key belongs; remove it, or write it as key: value";
    }

    // A line that reads as key: value (or key: and its block below).
    [GeneratedRegex(@"^([^\s\-\[\]{}#,:'""][^:#]*?):(\s|$)")]
    private static partial Regex KeyLine();

    // The first line whose indentation holds a tab (1-based), or null.
    private static int? TabIndentedLine(string yaml)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.TakeWhile(char.IsWhiteSpace).Contains('\t'));
        return index < 0 ? null : index + 1;
    }

    /// <summary>What a key written twice in one mapping is told, <paramref name="how"/> saying how where the file shows two spellings.</summary>
    internal static string WrittenTwice(string key, string how) => $"'{key}' is written twice at this level{how}; keep one (the later would silently win)";

    [GeneratedRegex("Encountered duplicate key (.+)$")]
    private static partial Regex DuplicateKey();

    [GeneratedRegex("The input string '(.*?)' was not in a correct format")]
    private static partial Regex NotANumber();

    [GeneratedRegex("Invalid cast from '[^']+' to '([^']+)'")]
    private static partial Regex CastTarget();

    [GeneratedRegex(@"deserialize the node into type ([^\s,]+)")]
    private static partial Regex NoDeserializer();

    // Keys where a word belongs (demand_measure: { a: 1 }): YamlDotNet tries to build the string as an object.
    [GeneratedRegex("Failed to create an instance of type '([^']+)'")]
    private static partial Regex NoInstance();

    private static IEnumerable<string> KnownKeys(Type type) => Settable(type).Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name));

    // The properties a YAML key sets.
    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<YamlIgnoreAttribute>() is null);

    [GeneratedRegex("Property '(.+?)' not found on type '(.+?)'")]
    private static partial Regex UnknownProperty();
}
