using ChainSeg.Core.Finance;

namespace ChainSeg.Core.Tests.Finance;

public sealed class WhaleCurveTests
{
    // Hand-computed: ranked 60 (C), 50 (A), 10 (E), 0 (B), −20 (D), −30 (F); cumulative 60, 110, 120, 120, 100, 70 of a total
    // of 70. The curve peaks at 120 (171.43 % of the total) after 3 of 6 customers (B's 0 adds nothing, so the peak is
    // reached before it); the loss tail is D and F, 2 of 6 customers, giving back 50 = 120 − 70 (71.43 % of the total).
    [Fact]
    public void Compute_SixCustomers_MatchesTheHandComputedCurve()
    {
        var curve = WhaleCurve.Compute([new("A", 50), new("B", 0), new("C", 60), new("D", -20), new("E", 10), new("F", -30)]);

        Assert.Equal(["C", "A", "E", "B", "D", "F"], curve.Points.Select(p => p.CustomerId));
        Assert.Equal([1, 2, 3, 4, 5, 6], curve.Points.Select(p => p.Rank));
        Assert.Equal([60.0, 110, 120, 120, 100, 70], curve.Points.Select(p => p.Cumulative));
        Assert.Equal(120.0 / 70, curve.Points[2].CumulativeShare!.Value, 12);
        Assert.Equal(0.5, curve.Points[2].CustomerShare, 12);
        Assert.Equal(70.0, curve.Total);
        Assert.Equal(120.0, curve.Peak);
        Assert.Equal(1.714286, curve.PeakShare!.Value, 6);
        Assert.Equal(3, curve.PeakCustomers);
        Assert.Equal(0.5, curve.PeakCustomerShare!.Value, 12);
        Assert.Equal(2, curve.LossCustomers);
        Assert.Equal(1.0 / 3, curve.LossCustomerShare!.Value, 12);
        Assert.Equal(50.0, curve.LossAmount);
        Assert.Equal(0.714286, curve.LossShare!.Value, 6);
    }

    // Equal contributions rank by customer id, so two runs on the same data list the same curve.
    [Fact]
    public void Compute_EqualContributions_RanksByCustomerId()
    {
        var curve = WhaleCurve.Compute([new("B", 5), new("A", 5), new("C", 5)]);

        Assert.Equal(["A", "B", "C"], curve.Points.Select(p => p.CustomerId));
        Assert.Equal(1.0, curve.PeakShare);
        Assert.Equal(3, curve.PeakCustomers);
        Assert.Equal(0, curve.LossCustomers);
        Assert.Equal(0.0, curve.LossShare);
    }

    // No positive total to take shares of: the peak and loss are amounts only, their shares of the total empty.
    [Fact]
    public void Compute_TotalNotPositive_LeavesSharesOfTheTotalEmpty()
    {
        var curve = WhaleCurve.Compute([new("A", 10), new("B", -40)]);

        Assert.Equal(-30.0, curve.Total);
        Assert.Equal(10.0, curve.Peak);
        Assert.Null(curve.PeakShare);
        Assert.Null(curve.LossShare);
        Assert.Null(curve.Points[0].CumulativeShare);
        Assert.Equal(40.0, curve.LossAmount);
        Assert.Equal(0.5, curve.LossCustomerShare);
    }

    // Every customer loses money: the curve never rises, so it peaks at 0 before the first customer.
    [Fact]
    public void Compute_AllLossMaking_PeaksBeforeTheFirstCustomer()
    {
        var curve = WhaleCurve.Compute([new("A", -1), new("B", -2)]);

        Assert.Equal(0.0, curve.Peak);
        Assert.Equal(0, curve.PeakCustomers);
        Assert.Equal(0.0, curve.PeakCustomerShare);
        Assert.Equal(1.0, curve.LossCustomerShare);
    }

    [Fact]
    public void Compute_NoCustomers_HasNoShares()
    {
        var curve = WhaleCurve.Compute([]);

        Assert.Empty(curve.Points);
        Assert.Null(curve.PeakCustomerShare);
        Assert.Null(curve.LossCustomerShare);
    }

    [Fact]
    public void Compute_NotFiniteContribution_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => WhaleCurve.Compute([new("A", double.NaN)]));
        Assert.Contains("A", e.Message, StringComparison.Ordinal);
    }
}
