namespace ChainSeg.Core.Policies;

/// <summary>
/// A product class's cells (Fisher 1997: functional, innovative): an override for every segment's demand of the class, and
/// overrides for named segments, which refine it part by part.
/// </summary>
public sealed record ProductClassPolicy
{
    /// <summary>Creates a product class's cells.</summary>
    /// <param name="productClass">The class, as the product axis names it (e.g. <c>innovative</c>).</param>
    /// <param name="allSegments">The override for every segment; null when only named segments change.</param>
    /// <param name="segments">Overrides for named segments (ordinal names, as the segmentation writes them).</param>
    /// <exception cref="ArgumentException">The class or a segment name is blank, or an override is null.</exception>
    public ProductClassPolicy(string productClass, PolicyOverride? allSegments, IReadOnlyDictionary<string, PolicyOverride>? segments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productClass);
        segments ??= new Dictionary<string, PolicyOverride>();
        foreach (var (segment, cell) in segments)
        {
            if (string.IsNullOrWhiteSpace(segment))
            {
                throw new ArgumentException($"Product class '{productClass}' names a blank segment.", nameof(segments));
            }

            if (cell is null)
            {
                throw new ArgumentException($"Product class '{productClass}', segment '{segment}' has no override (null).", nameof(segments));
            }

            // A segment's own target where the class makes it to order would be dropped without a word (make-to-order holds no
            // stock to set a target for), so the contradiction is refused as it is within one cell.
            if (cell.Target is { } target && cell.Over(allSegments).FulfilmentMode == FulfilmentMode.MakeToOrder)
            {
                throw new ArgumentException(
                    $"Segment '{segment}' sets a {target.DefinitionId} target of {PolicyText.Share(target.Value)}, but the class makes its cell make_to_order, which holds no stock; "
                    + "give the segment's cell a fulfilment_mode that stocks (make_to_stock, assemble_to_order) or remove its target.",
                    nameof(segments));
            }
        }

        ProductClass = productClass;
        AllSegments = allSegments;
        Segments = new Dictionary<string, PolicyOverride>(segments, StringComparer.Ordinal);
    }

    /// <summary>The class.</summary>
    public string ProductClass { get; }

    /// <summary>The override for every segment; null when only named segments change.</summary>
    public PolicyOverride? AllSegments { get; }

    /// <summary>Overrides for named segments.</summary>
    public IReadOnlyDictionary<string, PolicyOverride> Segments { get; }

    /// <summary>The override a segment's cell takes (its own refining the class-wide one), or null when the class changes nothing for it.</summary>
    public PolicyOverride? For(string? segment)
    {
        var cell = segment is not null && Segments.TryGetValue(segment, out var own) ? own.Over(AllSegments) : AllSegments;
        return cell is null || cell.IsEmpty ? null : cell;
    }
}
