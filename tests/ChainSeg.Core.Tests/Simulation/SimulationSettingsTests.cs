using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class SimulationSettingsTests
{
    [Fact]
    public void MeasuredPeriods_IsPeriodsAfterWarmUp()
    {
        var settings = new SimulationSettings(periods: 400, warmUpPeriods: 35);

        Assert.Equal(365, settings.MeasuredPeriods);
        Assert.Equal(ShortageHandling.Backorders, settings.Shortages);
    }

    [Theory]
    [InlineData(10, 10, 1, -1, "exceed the 10 warm-up periods")]
    [InlineData(10, -1, 1, -1, "≥ 0")]
    [InlineData(10, 0, 0, -1, "Replications must be ≥ 1")]
    [InlineData(10, 0, 1, 0, "≥ 1, or −1")]
    [InlineData(10, 0, 1, -2, "≥ 1, or −1")]
    public void Constructor_InvalidValues_ThrowsNamingRange(int periods, int warmUp, int replications, int parallelism, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationSettings(periods, warmUp, replications, maxDegreeOfParallelism: parallelism));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Constructor_UndefinedShortageHandling_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationSettings(10, shortages: (ShortageHandling)7));
    }
}
