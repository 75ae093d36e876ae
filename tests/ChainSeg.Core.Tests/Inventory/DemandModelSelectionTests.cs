using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class DemandModelSelectionTests
{
    private static readonly LeadTime TenDays = new(10.0, 0.0, TimeUnit.Day);

    [Theory]
    // Daily mean 0.5, variance 0.5 → lead-time demand 5 with variance 5: ratio 1, Poisson whatever the class.
    [InlineData(0.5, 0.5, false, DemandModel.Poisson)]
    [InlineData(0.5, 0.5, true, DemandModel.Poisson)]
    // Ratio 1.08 is within the tolerance of 0.1; 1.2 is beyond it.
    [InlineData(0.5, 0.54, false, DemandModel.Poisson)]
    [InlineData(0.5, 0.6, false, DemandModel.Gamma)]
    // Mean 31.9, sd 192 per period (the audit's example): variance 1155 × the mean, far from Poisson.
    [InlineData(31.9, 36864.0, false, DemandModel.Gamma)]
    [InlineData(31.9, 36864.0, true, DemandModel.Normal)]
    // Under-dispersed (ratio 0.5): not Poisson either.
    [InlineData(2.0, 1.0, false, DemandModel.Gamma)]
    public void Choose_DispersionAndClass_PicksTheModel(double mean, double variance, bool smooth, DemandModel expected)
    {
        var demand = new DemandRate(mean, Math.Sqrt(variance), TimeUnit.Day);

        Assert.Equal(expected, DemandModelSelection.Choose(demand, TenDays, smooth));
    }

    [Fact]
    public void Choose_LeadTimeVariabilityCounts_NotPoisson()
    {
        // Poisson daily demand 2 (variance 2), lead time 10 ± 3 days: σ_L² = 10·2 + 4·9 = 56 against a mean of 20, ratio 2.8.
        var demand = new DemandRate(2.0, Math.Sqrt(2.0), TimeUnit.Day);

        Assert.Equal(DemandModel.Gamma, DemandModelSelection.Choose(demand, new LeadTime(10.0, 3.0, TimeUnit.Day), smooth: false));
    }

    [Fact]
    public void Choose_NoDemand_NotPoisson()
    {
        Assert.Equal(DemandModel.Normal, DemandModelSelection.Choose(new DemandRate(0.0, 0.0, TimeUnit.Day), TenDays, smooth: true));
    }
}
