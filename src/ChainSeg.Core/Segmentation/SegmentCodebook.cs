namespace ChainSeg.Core.Segmentation;

/// <summary>
/// Numbers segment names (or any repeated texts) in the order first seen, so that per-customer, per-period tables can
/// hold integers: counting and writing them then costs no string hashing per cell.
/// </summary>
public sealed class SegmentCodebook
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <summary>The names by code.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The code of <paramref name="name"/>, adding it when new; -1 for null (no segment).</summary>
    public int Code(string? name)
    {
        if (name is null)
        {
            return -1;
        }

        if (!_codes.TryGetValue(name, out var code))
        {
            _codes.Add(name, code = _names.Count);
            _names.Add(name);
        }

        return code;
    }
}
