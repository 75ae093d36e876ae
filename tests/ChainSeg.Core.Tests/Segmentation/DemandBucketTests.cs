using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class DemandBucketTests
{
    [Theory]
    [InlineData("month", "monthly")]
    [InlineData("Week", "weekly")]
    [InlineData(" quarter ", "quarterly")]
    public void Parse_KnownName_ReturnsBucketWithAdjective(string name, string adjective)
    {
        Assert.Equal(adjective, DemandBucket.Parse(name).Adjective);
    }

    [Fact]
    public void Parse_KnownName_ReturnsSameInstance()
    {
        Assert.Same(DemandBucket.Month, DemandBucket.Parse("month"));
    }

    [Fact]
    public void Parse_UnknownName_ThrowsListingValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => DemandBucket.Parse("fortnight"));

        Assert.Contains("'fortnight'; expected one of: day, week, month, quarter, year", error.Message);
    }
}
