namespace ChainSeg.Core.Policies;

// One array that the segment parts of many SKU-locations are carved from, in order. A bulk run keeps every part it derives;
// an array per SKU-location would be one more object per row for the collector to trace and copy, a slab is one per block.
internal sealed class SegmentTargetPartSlab(int capacity)
{
    private readonly SegmentTargetPart[] _parts = new SegmentTargetPart[capacity];
    private int _used;

    // The next count parts of the slab; a full slab (capacity was miscounted) hands out a fresh array instead.
    public ArraySegment<SegmentTargetPart> Take(int count)
    {
        if (_used + count > _parts.Length)
        {
            return new SegmentTargetPart[count];
        }

        var segment = new ArraySegment<SegmentTargetPart>(_parts, _used, count);
        _used += count;
        return segment;
    }
}
