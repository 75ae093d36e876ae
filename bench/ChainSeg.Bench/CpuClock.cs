using System.Diagnostics;

namespace ChainSeg.Bench;

/// <summary>Wall and process CPU seconds of a piece of work: CPU is the steadier figure on a shared machine.</summary>
internal static class CpuClock
{
    /// <summary>Runs the work and returns its wall and process CPU seconds.</summary>
    public static (double Wall, double Cpu) Time(Action work)
    {
        var (clock, cpu) = (Stopwatch.StartNew(), ProcessCpu());
        work();
        return (clock.Elapsed.TotalSeconds, (ProcessCpu() - cpu).TotalSeconds);
    }

    /// <summary>CPU time this process has used so far.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
