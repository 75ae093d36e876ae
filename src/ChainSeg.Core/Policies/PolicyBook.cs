using System.Collections.Concurrent;

namespace ChainSeg.Core.Policies;

/// <summary>
/// Segment → service policy, with a fallback policy for segments that have no entry (e.g. "inactive", cluster names, a model
/// change that introduced a segment nobody configured). Segment names match exactly (ordinal), as the segmentation writes them.
/// With product classes (<see cref="WithProductClasses"/>), each class has a book of its own whose policies are the segments'
/// with the class's overrides: the cells of Fisher's product axis crossed with the customer segments.
/// </summary>
public sealed class PolicyBook
{
    private readonly Dictionary<string, ServicePolicy> _policies;

    // Routing and SKU-location targets resolve the same few segment names millions of times; a choice is immutable, so build
    // each once. The cache grows with the distinct segment names seen, which a segmentation keeps small.
    private readonly ConcurrentDictionary<string, PolicyChoice> _choices = new(StringComparer.Ordinal);

    private readonly PolicyChoice _noSegment;

    // Choose as a delegate made once: a method group passed to GetOrAdd would allocate one on every lookup.
    private readonly Func<string, PolicyChoice> _choose;

    // A product class's book refines the segments' book: null for the segments' book itself.
    private readonly PolicyBook? _segmentBook;
    private readonly ProductClassPolicy? _cells;

    // The segments' book's product class books, by class name.
    private readonly Dictionary<string, PolicyBook> _classBooks = new(StringComparer.Ordinal);

    /// <summary>Creates a book from per-segment policies and the fallback for every other segment.</summary>
    /// <exception cref="ArgumentException">A segment name is blank or given twice, or a policy is null.</exception>
    public PolicyBook(IEnumerable<KeyValuePair<string, ServicePolicy>> policies, ServicePolicy fallback)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(fallback);
        _policies = new Dictionary<string, ServicePolicy>(StringComparer.Ordinal);
        foreach (var (segment, policy) in policies)
        {
            if (string.IsNullOrWhiteSpace(segment))
            {
                throw new ArgumentException("A policy's segment name is empty.", nameof(policies));
            }

            if (policy is null)
            {
                throw new ArgumentException($"Segment '{segment}' has no policy (null).", nameof(policies));
            }

            if (!_policies.TryAdd(segment, policy))
            {
                throw new ArgumentException($"Segment '{segment}' has two policies; give each segment one.", nameof(policies));
            }
        }

        Fallback = fallback;
        _noSegment = new PolicyChoice(null, Fallback, IsFallback: true, "no segment → fallback policy");
        Segments = [.. _policies.Keys.Order(StringComparer.Ordinal)];
        _choose = Choose;
    }

    // A product class's book: every segment's policy, the fallback, and the segments the class names without an entry of
    // their own are refined here once, so an override that cannot apply (a stocked cell without a target) is refused up front.
    private PolicyBook(PolicyBook segments, ProductClassPolicy cells)
    {
        _segmentBook = segments;
        _cells = cells;
        _policies = new Dictionary<string, ServicePolicy>(StringComparer.Ordinal);
        foreach (var (segment, policy) in segments._policies)
        {
            _policies.Add(segment, Refine(cells, segment, policy));
        }

        foreach (var segment in cells.Segments.Keys.Where(s => !segments._policies.ContainsKey(s)))
        {
            Refine(cells, segment, segments.Fallback);
        }

        Fallback = Refine(cells, null, segments.Fallback);
        Segments = segments.Segments;
        _choose = Choose;
        _noSegment = Cell(segments.Resolve(null), cells.For(null));
    }

    /// <summary>The product class whose cells this book holds; null for the segments' own book.</summary>
    public string? ProductClass => _cells?.ProductClass;

    /// <summary>The product classes with cells of their own, ordered by name (ordinal); empty without any.</summary>
    public IReadOnlyList<string> ProductClasses { get; private set; } = [];

    /// <summary>A book with the same segment policies and these product classes' cells (replacing any it had).</summary>
    /// <exception cref="ArgumentException">A class is null or given twice, or one of its overrides cannot apply to some segment's policy.</exception>
    /// <exception cref="InvalidOperationException">This is already a product class's book.</exception>
    public PolicyBook WithProductClasses(IEnumerable<ProductClassPolicy> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        if (_segmentBook is not null)
        {
            throw new InvalidOperationException($"This is product class {ProductClass}'s book; add product classes to the segments' book.");
        }

        var book = new PolicyBook(_policies, Fallback);
        foreach (var cells in classes)
        {
            if (cells is null)
            {
                throw new ArgumentException("A product class policy is null.", nameof(classes));
            }

            if (!book._classBooks.TryAdd(cells.ProductClass, new PolicyBook(book, cells)))
            {
                throw new ArgumentException($"Product class '{cells.ProductClass}' is given twice; give each class one entry.", nameof(classes));
            }
        }

        book.ProductClasses = [.. book._classBooks.Keys.Order(StringComparer.Ordinal)];
        return book;
    }

    /// <summary>The book for demand of a product class's SKUs: the class's cells, or this book when the class has none (or is null).</summary>
    public PolicyBook ForProductClass(string? productClass) =>
        productClass is not null && _classBooks.TryGetValue(productClass, out var book) ? book : this;

    /// <summary>The policy for segments without an entry.</summary>
    public ServicePolicy Fallback { get; }

    /// <summary>Segments with their own entry, ordered by name (ordinal) for stable output.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The policy configured for a segment, without falling back.</summary>
    public bool TryGetPolicy(string segment, out ServicePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return _policies.TryGetValue(segment, out policy!);
    }

    /// <summary>The policy for a segment (its entry, else the fallback) with the explanation of which entry decided.</summary>
    /// <param name="segment">The segment; null or blank when the customer has no segment.</param>
    public PolicyChoice Resolve(string? segment) =>
        string.IsNullOrWhiteSpace(segment) ? _noSegment : _choices.GetOrAdd(segment, _choose);

    private PolicyChoice Choose(string segment)
    {
        if (_segmentBook is not null)
        {
            return Cell(_segmentBook.Resolve(segment), _cells!.For(segment));
        }

        if (_policies.TryGetValue(segment, out var policy))
        {
            return new PolicyChoice(segment, policy, IsFallback: false, $"segment {segment} → its own policy");
        }

        // A case slip in hand-written config ("ax" for "AX") is the usual cause of a silent fallback, so name the near miss.
        var nearMiss = Segments.FirstOrDefault(s => string.Equals(s, segment, StringComparison.OrdinalIgnoreCase));
        var hint = nearMiss is null ? "" : $" (did you mean {nearMiss}?)";
        return new PolicyChoice(segment, Fallback, IsFallback: true, $"segment {segment} has no policy{hint} → fallback policy");
    }

    // The segment's choice in a product class's cell: the same choice when the class changes nothing for the segment (a
    // class-wide target over a make-to-order segment, say), so the explanation never names an override that did nothing.
    private PolicyChoice Cell(PolicyChoice segmentChoice, PolicyOverride? cell)
    {
        var policy = cell?.ApplyTo(segmentChoice.Policy);
        return policy is null || policy == segmentChoice.Policy
            ? segmentChoice
            : segmentChoice with { Policy = policy, Explanation = $"{segmentChoice.Explanation}; {_cells!.ProductClass} products → {Changes(segmentChoice.Policy, policy).Describe()}" };
    }

    // The parts a cell changed: a target it set is dropped where the cell is made to order, and a part equal to the
    // segment's changed nothing, so neither is named ("0.95 CSL" beside a make_to_order cell that holds no stock).
    private static PolicyOverride Changes(ServicePolicy segment, ServicePolicy cell) => new(
        cell.FulfilmentMode != segment.FulfilmentMode ? cell.FulfilmentMode : null,
        cell.Target is { } target && target != segment.Target ? target : null,
        cell.LeadTimeDays != segment.LeadTimeDays ? cell.LeadTimeDays : null);

    private static ServicePolicy Refine(ProductClassPolicy cells, string? segment, ServicePolicy policy)
    {
        var cell = cells.For(segment);
        try
        {
            return cell?.ApplyTo(policy) ?? policy;
        }
        catch (ArgumentException e)
        {
            var who = segment is null ? "every segment without an entry (the fallback policy)" : $"segment '{segment}'";
            throw new ArgumentException($"Product class '{cells.ProductClass}', {who}: {e.Message.Split(" (Parameter '")[0]}", e);
        }
    }
}
