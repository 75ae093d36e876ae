using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChainSeg.Cli.Commands;

/// <summary>One figure of a calculator's answer: its JSON key, its value (null when it cannot be known) and what it means.</summary>
internal sealed record Figure(string Key, double? Value, string Meaning);

/// <summary>How the calculators print an answer: JSON for machines (snake_case keys, numbers as numbers) or a table for people.</summary>
internal static class CalcReport
{
    private static readonly JsonSerializerOptions Json = JsonOutput.Options(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));

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
