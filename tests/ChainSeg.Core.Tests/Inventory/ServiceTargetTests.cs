using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class ServiceTargetTests
{
    [Fact]
    public void Factories_SameValue_StayDistinguishable()
    {
        var csl = ServiceTarget.CycleServiceLevel(0.95);
        var fill = ServiceTarget.FillRate(0.95);

        Assert.NotEqual(csl, fill);
        Assert.Equal("csl", csl.DefinitionId);
        Assert.Equal("fill_rate", fill.DefinitionId);
    }

    [Fact]
    public void FillRate_OneOrMore_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ServiceTarget.FillRate(1.0));

        Assert.Contains("Fill rate must be in (0, 1)", ex.Message, StringComparison.Ordinal);
    }
}
