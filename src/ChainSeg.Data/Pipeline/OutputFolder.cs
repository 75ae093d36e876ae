using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Pipeline;

/// <summary>The folder a command writes its files to (<c>--out</c>).</summary>
public static class OutputFolder
{
    /// <summary>Creates the folder and its parents when missing.</summary>
    /// <exception cref="ConfigurationException">The path is a file, or no folder can be created there.</exception>
    public static void Ensure(string path)
    {
        if (File.Exists(path))
            throw new ConfigurationException($"--out {path} is a file; pass a folder (it is created when missing).");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--out {path} cannot be created ({e.Message.TrimEnd('.')}); pass a folder you can write to.");
        }
    }
}
