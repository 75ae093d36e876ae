using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class DemandModelSelectionTests
{
    private static readonly LeadTime TenDays = new(10.0, 0.0, TimeUnit.Day);

    [Theory]
    // Daily mean 0.5, variance 0.5 → lead-time demand 5 with variance 5: ratio 1, Poisson.
    [InlineData(0.5, 0.5, DemandModel.Poisson)]
    // Ratio 1.08 is within the tolerance of 0.1; 1.2 is beyond it (cv √6 / 5 = 0.49: gamma).
    [InlineData(0.5, 0.54, DemandModel.Poisson)]
    [InlineData(0.5, 0.6, DemandModel.Gamma)]
    // Mean 31.9, sd 192 per period (the audit's example): variance 1155 × the mean, far from Poisson and skewed.
    [InlineData(31.9, 36864.0, DemandModel.Gamma)]
    // Mean 100, sd 50 per day: lead-time demand 1000 ± 158, cv 0.16 — normal.
    [InlineData(100.0, 2500.0, DemandModel.Normal)]
    // Under-dispersed (ratio 0.5) but cv √10 / 20 = 0.16: normal, not Poisson.
    [InlineData(2.0, 1.0, DemandModel.Normal)]
    public void Choose_DispersionAndSpread_PicksTheModel(double mean, double variance, DemandModel expected)
    {
        var demand = new DemandRate(mean, Math.Sqrt(variance), TimeUnit.Day);

        Assert.Equal(expected, DemandModelSelection.Choose(demand, TenDays));
    }

    [Fact]
    public void Choose_LeadTimeVariabilityCounts_NotPoisson()
    {
        // Poisson daily demand 2 (variance 2), lead time 10 ± 3 days: σ_L² = 10·2 + 4·9 = 56 against a mean of 20, ratio 2.8, cv 0.37.
        var demand = new DemandRate(2.0, Math.Sqrt(2.0), TimeUnit.Day);

        Assert.Equal(DemandModel.Gamma, DemandModelSelection.Choose(demand, new LeadTime(10.0, 3.0, TimeUnit.Day)));
    }

    [Fact]
    public void Choose_NoDemand_Normal()
    {
        Assert.Equal(DemandModel.Normal, DemandModelSelection.Choose(new DemandRate(0.0, 0.0, TimeUnit.Day), TenDays));
    }
}
