using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChainSeg.Cli;

/// <summary>How commands print JSON for machines: snake_case keys, numbers as numbers, indented, readable non-ASCII text.</summary>
internal static class JsonOutput
{
    /// <summary>The shared settings, with <paramref name="converters"/> added.</summary>
    public static JsonSerializerOptions Options(params JsonConverter[] converters)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            // Reasons and meanings keep ≤, σ and € as written.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // A figure that is undefined (a critical ratio at zero costs) is printed rather than failing the command.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        foreach (var converter in converters)
            options.Converters.Add(converter);
        return options;
    }

    /// <summary>Writes <paramref name="value"/> straight to the output writer: Spectre would wrap long lines at the console width and break the JSON.</summary>
    public static void Write(CliContext context, object value, JsonSerializerOptions options) =>
        context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), options));
}
