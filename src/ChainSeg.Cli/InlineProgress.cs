namespace ChainSeg.Cli;

/// <summary>An <see cref="IProgress{T}"/> that handles reports on the reporting thread, in order.</summary>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
