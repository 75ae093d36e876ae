using System.Runtime.InteropServices;

namespace ChainSeg.Bench;

/// <summary>
/// How much memory a process touches for the first time, and what the machine charges for that: each fresh page is a fault the
/// kernel (and, on a virtual machine, the hypervisor) serves, which no code change inside the call can avoid.
/// </summary>
internal static class FreshMemory
{
    /// <summary>Minor page faults of this process so far (first touches of fresh pages); 0 where /proc is not available.</summary>
    public static long MinorFaults()
    {
        const string Stat = "/proc/self/stat";
        if (!File.Exists(Stat))
        {
            return 0;
        }

        // Fields after the parenthesised command name: state is the first, minflt the eighth (proc(5)).
        var fields = File.ReadAllText(Stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Wall and CPU seconds to write one byte in every page of a fresh native block of the given size.</summary>
    public static (double Wall, double Cpu) TimeFirstTouch(long bytes) => CpuClock.Time(() =>
    {
        var block = Marshal.AllocHGlobal((nint)bytes);
        try
        {
            for (long offset = 0; offset < bytes; offset += Environment.SystemPageSize)
            {
                Marshal.WriteByte(block + (nint)offset, 1);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    });
}
