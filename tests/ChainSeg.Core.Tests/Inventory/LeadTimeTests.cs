using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class LeadTimeTests
{
    [Fact]
    public void ConvertTo_DaysToWeeks_DividesBySeven()
    {
        var weeks = new LeadTime(21.0, 7.0, TimeUnit.Day).ConvertTo(TimeUnit.Week);

        Assert.Equal(3.0, weeks.Mean, 12);
        Assert.Equal(1.0, weeks.StandardDeviation, 12);
        Assert.Equal(TimeUnit.Week, weeks.Unit);
    }

    [Fact]
    public void ConvertTo_YearToMonths_MultipliesByTwelve()
    {
        var months = new LeadTime(0.5, 0.0, TimeUnit.Year).ConvertTo(TimeUnit.Month);

        Assert.Equal(6.0, months.Mean, 12);
    }

    [Fact]
    public void Constructor_NegativeMean_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new LeadTime(-1.0, 0.0, TimeUnit.Day));
        Assert.Contains("≥ 0", ex.Message, StringComparison.Ordinal);
    }
}
