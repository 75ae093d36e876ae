using System.Globalization;
using Spectre.Console;

namespace ChainSeg.Cli;

/// <summary>How wide the process console draws its tables: the terminal's own width, or, with standard output redirected to a file or a pipe, COLUMNS when set, else <see cref="Redirected"/>.</summary>
internal static class ConsoleWidth
{
    /// <summary>
    /// The width of output redirected without COLUMNS: wide enough that no table cuts a word, narrow enough that a long warning wraps at its spaces rather than running 600 characters wide. Spectre.Console's 80 for a
    /// standard output that is no terminal wrapped cells mid-word in a file ("missing_required:cust" / "omer_id").
    /// </summary>
    public const int Redirected = 200;

    /// <summary>The width to draw at when standard output is <paramref name="outputRedirected"/>, under the COLUMNS variable <paramref name="columns"/>; null keeps the terminal's.</summary>
    public static int? For(bool outputRedirected, string? columns) => !outputRedirected ? null
        : int.TryParse(columns, NumberStyles.Integer, CultureInfo.InvariantCulture, out var width) && width > 0 ? width : Redirected;

    /// <summary>The process console (<see cref="AnsiConsole.Console"/>) at the width <see cref="For"/> gives.</summary>
    public static IAnsiConsole Process()
    {
        var console = AnsiConsole.Console;
        if (For(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS")) is { } width)
            console.Profile.Width = width;
        return console;
    }
}
