using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class KanbanTests
{
    [Fact]
    public void CardCount_FractionalContainers_RoundsUp()
    {
        // 100/day × 2 days × 1.1 / 50 = 4.4 containers → 5 cards.
        var result = Kanban.CardCount(new DemandRate(100.0, 0.0, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day), 0.1, 50.0);

        Assert.Equal(5, result.Cards);
        Assert.Equal(200.0, result.DemandOverLeadTime);
        Assert.Equal(250.0, result.LoopQuantity);
    }

    [Fact]
    public void CardCount_ExactlyWholeContainers_DoesNotAddACard()
    {
        // 100 × 2 × 1.1 / 55 is exactly 4, but 200 × 1.1 / 55 evaluates to 4.000000000000001 in floating point.
        Assert.True(200.0 * 1.1 / 55.0 > 4.0);

        var result = Kanban.CardCount(new DemandRate(100.0, 0.0, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day), 0.1, 55.0);

        Assert.Equal(4, result.Cards);
    }

    [Fact]
    public void CardCount_ZeroDemand_NeedsNoCards()
    {
        var result = Kanban.CardCount(new DemandRate(0.0, 0.0, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day), 0.2, 10.0);

        Assert.Equal(0, result.Cards);
    }

    [Fact]
    public void CardCount_DifferentUnits_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            Kanban.CardCount(new DemandRate(500.0, 0.0, TimeUnit.Week), new LeadTime(3.0, 0.0, TimeUnit.Day), 0.1, 20.0));
    }

    [Theory]
    [InlineData(-0.1, 10.0)]
    [InlineData(0.1, 0.0)]
    public void CardCount_InvalidSafetyFactorOrContainer_Throws(double alpha, double container)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Kanban.CardCount(new DemandRate(100.0, 0.0, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day), alpha, container));
    }
}
