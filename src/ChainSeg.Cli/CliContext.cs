using Spectre.Console;

namespace ChainSeg.Cli;

/// <summary>What every command writes to and reads from: console, error stream, clock, flags and cancellation.</summary>
public sealed class CliContext(IAnsiConsole console, TextWriter error, TimeProvider time)
{
    /// <summary>Standard output (Spectre.Console; a TestConsole in tests).</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Where one-line errors go.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Clock for run ids and timestamps.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Print stack traces with errors.</summary>
    public bool Verbose { get; set; }

    /// <summary>Print only errors.</summary>
    public bool Quiet { get; set; }

    /// <summary>Signalled on Ctrl-C.</summary>
    public CancellationToken Cancellation { get; set; }

    // Read by the signal handler's thread.
    private volatile bool _stopsAtStages;

    /// <summary>Whether the work under way checks <see cref="Cancellation"/> between its stages (a run, generating a company).</summary>
    public bool StopsAtStages => _stopsAtStages;

    /// <summary>
    /// Runs <paramref name="work"/>, which checks <see cref="Cancellation"/> between its stages, so that a first Ctrl-C or
    /// SIGTERM stops it there rather than ending the process; stopped, it throws an <see cref="OperationCanceledException"/>
    /// whose message is <paramref name="whenStopped"/>, what the stop left behind and what to do (the error line says it).
    /// </summary>
    public T AtStages<T>(Func<T> work, string whenStopped)
    {
        _stopsAtStages = true;
        // Said on the signal handler's thread as the first signal is kept, so that whoever sent it knows a second one now
        // ends the process: two signals sent while the first is still pending (the kernel can hold one for most of a second
        // while a long native statement runs) are one signal, and only this line says the first was seen.
        using var notice = Cancellation.Register(() => Say("stopping at the next stage; a second Ctrl-C or SIGTERM ends it at once"));
        try
        {
            return work();
        }
        catch (OperationCanceledException e) when (Cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException(whenStopped, e, Cancellation);
        }
        finally
        {
            _stopsAtStages = false;
        }
    }

    /// <summary>Writes a line unless --quiet.</summary>
    public void Say(string markup)
    {
        if (!Quiet)
            Console.MarkupLine(markup);
    }
}
