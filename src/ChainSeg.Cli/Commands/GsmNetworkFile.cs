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

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A misspelt key (holding_costs) would otherwise be dropped and the cost silently read as 0.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The network in the file.</summary>
    /// <exception cref="ConfigurationException">The file is missing, unreadable or not a network object.</exception>
    public static GsmNetwork Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Directory.Exists(file.FullName))
            throw new ConfigurationException($"--network {file} is a folder; pass the network's JSON file (examples/gsm/example-6-5.json shows the form).");
        if (!file.Exists)
            throw new ConfigurationException($"network file not found: {file}. Pass an existing JSON file with --network (examples/gsm/example-6-5.json shows the form).");
        try
        {
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<GsmNetwork>(stream, Json)
                ?? throw new ConfigurationException($"network file {file} holds null, not an object with z and nodes.");
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
