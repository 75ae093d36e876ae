using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ChainSeg.Core.Inventory;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Cli.Commands;

/// <summary>Reads a guaranteed-service network (<c>z</c>, <c>nodes[]</c>) from a JSON file; every error is one line naming the file.</summary>
internal static partial class GsmNetworkFile
{
    private const string NodeKeys = "id, predecessors, processing_time, holding_cost, demand_mean, demand_sd, external_inbound_cst, outbound_cst, z";

    private const string Example = "examples/gsm/example-6-5.json shows the form";

    private const string WriteAsJson = $"write the network as JSON: an object with z and nodes[] ({Example}).";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A misspelt key (holding_costs) would otherwise be dropped and the cost silently read as 0.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new WholeNumber() },
    };

    /// <summary>The network in the file.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or not a network object.</exception>
    public static GsmNetwork Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
            throw new ConfigurationException($"--network {file} is a folder; pass the network's JSON file ({Example}).");
        if (!file.Exists)
            throw new ConfigurationException($"network file not found: {file}. Pass an existing JSON file with --network ({Example}).");
        try
        {
            // An empty file, or a table's header (the node keys as CSV), got System.Text.Json's words for its first token.
            var text = File.ReadAllText(file.FullName);
            var start = text.TrimStart();
            if (start.Length == 0)
                throw new ConfigurationException($"network file {file} is empty; {WriteAsJson}");
            if (!StartsAsJson(start))
                throw new ConfigurationException($"network file {file} is not JSON (it starts '{FirstLine(start)}'); {WriteAsJson}");
            var network = JsonSerializer.Deserialize<GsmNetwork>(text, Json)
                ?? throw new ConfigurationException($"network file {file} holds null, not an object with z and nodes.");
            // Core's "Network must have at least one node." named neither the file nor what a node holds.
            if (network.Nodes.Count == 0)
                throw new ConfigurationException($"network file {file} has no nodes; list at least one under nodes ({NodeKeys}; {Example}).");
            return network;
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"network file {file} is not a valid network: {Describe(e)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"network file {file} cannot be read: {e.Message}");
        }
    }

    // What a JSON value starts with (comments allowed): an object, array, string, number or literal.
    private static bool StartsAsJson(string text) =>
        text[0] is '{' or '[' or '"' or '/' or '-' or (>= '0' and <= '9')
        || Literal().IsMatch(text);

    // The first line, at most 40 characters: enough to recognise a CSV header or a YAML key.
    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].TrimEnd('\r');
        line = new string(line.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return line.Length <= 40 ? line : line[..40] + "…";
    }

    [GeneratedRegex(@"^(null|true|false)\b")]
    private static partial Regex Literal();

    // System.Text.Json speaks of .NET types and members; a planner needs the key, the line and what is allowed.
    private static string Describe(JsonException e)
    {
        string message = e.Message;
        int details = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (details >= 0)
            message = message[..details];
        message = UnknownNodeKey().Replace(message, $"is not a node key (keys: {NodeKeys}).");
        message = UnknownNetworkKey().Replace(message, "is not a network key (keys: z, nodes).");
        message = MissingRequired().Replace(message, m => $"a {Noun(m.Groups[1].Value)} lacks the required key ");
        message = NullValue().Replace(message, "'$1' must not be null.");
        message = message.Replace("System.Int32", "a whole number", StringComparison.Ordinal)
            .Replace("System.Double", "a number", StringComparison.Ordinal)
            .Replace("System.String", "text", StringComparison.Ordinal);
        message = TypeName().Replace(message, m => Noun(m.Groups[1].Value));
        string where = e.LineNumber is { } line ? $" (line {line + 1}{(e.Path is { Length: > 1 } path ? ", at " + path : string.Empty)})" : string.Empty;
        return message.TrimEnd() + where;
    }

    // A time written 1e9 or 2.0 is a whole number; System.Text.Json reads an int from digits alone. Exact as a decimal, so
    // 1.0000000000000001e9 stays fractional; a fraction or a string still throws the "not a whole number" refusal.
    private sealed class WholeNumber : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
                return value;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out decimal number) || number != decimal.Truncate(number))
                throw new JsonException();
            // A whole number out of an int's range is a typo of size, not of kind: say so rather than "not a whole number".
            return number switch
            {
                > int.MaxValue => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{number} is too large for a whole number here (at most {int.MaxValue:N0}).")),
                < int.MinValue => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{number} is too small for a whole number here (at least {int.MinValue:N0}).")),
                _ => (int)number,
            };
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private static string Noun(string typeName) => typeName == nameof(GsmNode) ? "node" : "network";

    [GeneratedRegex(@"could not be mapped to any \.NET member contained in type '[^']*GsmNode'\.")]
    private static partial Regex UnknownNodeKey();

    [GeneratedRegex(@"could not be mapped to any \.NET member contained in type '[^']*GsmNetwork'\.")]
    private static partial Regex UnknownNetworkKey();

    [GeneratedRegex(@"JSON deserialization for type '[^']*(GsmNode|GsmNetwork)' was missing required properties,? including:? ")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"The property or field '([^']*)' on type '[^']*' doesn't allow setting null values\.( Consider updating its nullability annotation\.)?")]
    private static partial Regex NullValue();

    [GeneratedRegex(@"'?ChainSeg\.Core\.Inventory\.(GsmNode|GsmNetwork)'?")]
    private static partial Regex TypeName();
}
