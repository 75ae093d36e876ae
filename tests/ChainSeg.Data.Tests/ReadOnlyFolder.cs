using System.Diagnostics;

namespace ChainSeg.Data.Tests;

/// <summary>A folder that takes no new files until disposed: mode 0555, and immutable (chattr +i) where root ignores the mode.</summary>
internal sealed class ReadOnlyFolder : IDisposable
{
    private readonly string _path;
    private readonly UnixFileMode _mode;
    private readonly bool _immutable;

    private ReadOnlyFolder(string path, UnixFileMode mode, bool immutable) => (_path, _mode, _immutable) = (path, mode, immutable);

    /// <summary>Makes <paramref name="path"/> read-only; fails the test when no file write can be refused there (root without chattr).</summary>
    public static ReadOnlyFolder Make(string path)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("read-only folders are made with Unix file modes");
        var mode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // Root writes into a 0555 folder all the same: only the immutable attribute stops it.
        var immutable = Writable(path) && Chattr("+i", path);
        var folder = new ReadOnlyFolder(path, mode, immutable);
        if (Writable(path))
        {
            folder.Dispose();
            throw new InvalidOperationException($"{path} still takes files (root without chattr +i); run this test as another user.");
        }
        return folder;
    }

    public void Dispose()
    {
        if (_immutable)
            Chattr("-i", _path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_path, _mode);
    }

    private static bool Writable(string folder)
    {
        try
        {
            using var _ = new FileStream(Path.Combine(folder, ".probe-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no chattr on this system
        }
    }
}
