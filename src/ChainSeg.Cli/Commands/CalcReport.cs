using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChainSeg.Data.Configuration;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChainSeg.Cli.Commands;

/// <summary>One figure of a calculator's answer: its JSON key, its value (null when it cannot be known) and what it means.</summary>
internal sealed record Figure(string Key, double? Value, string Meaning);

/// <summary>How the calculators print an answer: JSON for machines (snake_case keys, numbers as numbers) or a table for people.</summary>
internal static class CalcReport
{
    private static readonly JsonSerializerOptions Json = JsonOutput.Options(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new UndefinedAsNull());

    /// <summary>Writes the result as JSON, or the table built by <paramref name="table"/>.</summary>
    public static void Write(CliContext context, bool json, object result, Func<IRenderable> table)
    {
        if (json)
        {
            JsonOutput.Write(context, result, Json);
            return;
        }

        context.Console.Write(table());
    }

    /// <summary>Writes the result as JSON, or <paramref name="figures"/> as a table, once every figure is in range.</summary>
    /// <param name="inputs">The numbers given, by which an undefined figure is told an overflow or an underflow (see <see cref="RequireInRange"/>).</param>
    /// <exception cref="ConfigurationException">A figure is beyond the range of a double or undefined (see <see cref="RequireInRange"/>).</exception>
    public static void Write(CliContext context, bool json, object result, string title, IReadOnlyList<Figure> figures, IEnumerable<double>? inputs = null)
    {
        RequireInRange(figures, inputs);
        Write(context, json, result, () => Figures(title, figures));
    }

    /// <summary>
    /// Refuses an answer with an infinite or NaN figure: the inputs are finite, so such a figure is an overflow (Q* = √(2KD/h)
    /// with K = D = 1e308 is infinite) or an underflow (Q* rounds to 0 with K = D = 1e-300, and K·D/Q is 0/0), not an answer;
    /// one that is undefined by definition is given as null instead.
    /// </summary>
    /// <param name="figures">The answer's figures.</param>
    /// <param name="inputs">The numbers given: with one whose square passes ±1.8e308 and none whose square rounds to 0, a NaN figure is an overflow.</param>
    /// <exception cref="ConfigurationException">The first such figure, named with what happened and the fix.</exception>
    public static void RequireInRange(IEnumerable<Figure> figures, IEnumerable<double>? inputs = null)
    {
        // The figures come answer first (Q before the costs of ordering it): an overflow shows as an infinite figure before
        // the NaN it may cause (∞/∞), so a NaN that comes first is a 0/0, and an infinite figure after it a division by that 0.
        // An overflow inside a figure can end in a NaN too (σ² of a demand SD of 1e155 is ∞, and the cost ∞ − ∞): told by the
        // inputs, large enough that a square of one overflows and none small enough that one underflows.
        var given = inputs?.Select(Math.Abs).ToList() ?? [];
        var overflows = given.Any(x => x * x > double.MaxValue) && !given.Any(x => x > 0 && x * x == 0);
        switch (figures.FirstOrDefault(f => f.Value is { } v && !double.IsFinite(v)))
        {
            case { Value: double.NaN } undefined when overflows:
                throw new ConfigurationException($"{undefined.Key} is out of range for these inputs: a quantity computed from them exceeds {ModerateInputs}");
            case { Value: double.NaN } undefined:
                throw new ConfigurationException($"{undefined.Key} cannot be computed for these inputs: they are too small to compute with (a quantity computed from them rounds to 0, below 4.9e-324, the smallest positive number ChainSeg computes with, and the answer becomes 0/0); give inputs of a more moderate magnitude (e.g. costs in cents rather than millions, demand per year rather than per second).");
            case { } infinite:
                throw new ConfigurationException($"{infinite.Key} is out of range for these inputs: the answer exceeds {ModerateInputs}");
        }
    }

    /// <summary>The limit an overflowing figure passed and the fix, after "exceeds".</summary>
    public const string ModerateInputs = "±1.8e308, the largest number ChainSeg computes with; give inputs of a more moderate magnitude (e.g. demand in thousands of units).";

    /// <summary>A table of figures, one row each: key, value and meaning.</summary>
    public static Table Figures(string title, IEnumerable<Figure> figures)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("figure", "value", "meaning");
        foreach (var figure in figures)
        {
            table.AddRow(Markup.Escape(figure.Key), figure.Value is { } value ? Number(value) : "—", Markup.Escape(figure.Meaning));
        }

        return table;
    }

    /// <summary>A number as people read it: six significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The message of an argument exception without the parameter name and the "Actual value was" line .NET appends.</summary>
    public static string PlainMessage(ArgumentException exception)
    {
        string message = exception.Message.Split('\n')[0].TrimEnd('\r');
        string suffix = $" (Parameter '{exception.ParamName}')";
        return exception.ParamName is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}

// Writes an undefined figure (NaN: a critical ratio at zero costs) as null, so --json holds numbers or null, never the string
// "NaN"; infinite figures never get here (CalcReport.RequireInRange).
internal sealed class UndefinedAsNull : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteNullValue();
    }
}
