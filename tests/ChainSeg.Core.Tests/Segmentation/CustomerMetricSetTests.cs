using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class CustomerMetricSetTests
{
    private static CustomerMetricSet TwoCustomers() => new(
        ["c1", "c2"],
        [new MetricColumn("revenue", [100.0, double.NaN]), new MetricColumn("orders", [3.0, 1.0])]);

    [Fact]
    public void Value_KnownCustomerAndMetric_ReturnsValue()
    {
        var set = TwoCustomers();

        Assert.Equal(100.0, set.Value("c1", "revenue"));
        Assert.Equal(1.0, set.Value(1, "orders"));
        Assert.True(double.IsNaN(set.Value("c2", "revenue")));
    }

    [Fact]
    public void Column_UnknownMetric_ThrowsNamingItSuggestingTheNearestAndListingKnownMetrics()
    {
        var set = TwoCustomers();

        var error = Assert.Throws<KeyNotFoundException>(() => set.Column("revnue"));

        Assert.Equal("unknown metric 'revnue' (did you mean 'revenue'?); known metrics: revenue, orders.", error.Message);
    }

    [Fact]
    public void Rows_ReorderedSubset_KeepsEveryMetricAndTheIdsOfThoseRows()
    {
        var set = TwoCustomers().Rows([1]);

        Assert.Equal(["c2"], set.CustomerIds);
        Assert.Equal(["revenue", "orders"], set.MetricNames);
        Assert.Equal(1.0, set.Value("c2", "orders"));
        Assert.True(double.IsNaN(set.Value(0, "revenue")));
        Assert.Throws<KeyNotFoundException>(() => set.RowOf("c1"));
    }

    [Fact]
    public void TryRowOf_KnownAndUnknownCustomer_ReturnsRowOrFalse()
    {
        var set = TwoCustomers();

        Assert.True(set.TryRowOf("c2", out var row));
        Assert.Equal(1, row);
        Assert.False(set.TryRowOf("c3", out _));
        Assert.False(set.Rows([1]).TryRowOf("c1", out _));
    }

    [Fact]
    public void Rows_RepeatedOrOutOfRangeRow_Throws()
    {
        Assert.Throws<ArgumentException>(() => TwoCustomers().Rows([0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoCustomers().Rows([2]));
    }

    [Fact]
    public void Value_UnknownCustomer_Throws()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => TwoCustomers().Value("c9", "revenue"));

        Assert.Contains("'c9'", error.Message);
    }

    [Fact]
    public void Value_RowOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoCustomers().Value(2, "revenue"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoCustomers().Value(-1, "revenue"));
    }

    [Fact]
    public void Constructor_DuplicateCustomerId_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CustomerMetricSet(["c1", "c1"], [new MetricColumn("revenue", [1.0, 2.0])]));

        Assert.Contains("'c1' appears more than once", error.Message);
    }

    [Fact]
    public void Constructor_EmptyCustomerId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CustomerMetricSet([""], [new MetricColumn("revenue", [1.0])]));
    }

    [Fact]
    public void Constructor_DuplicateMetric_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerMetricSet(
            ["c1"], [new MetricColumn("revenue", [1.0]), new MetricColumn("revenue", [2.0])]));

        Assert.Contains("'revenue' appears more than once", error.Message);
    }

    [Fact]
    public void Constructor_ColumnLengthMismatch_ThrowsWithCounts()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CustomerMetricSet(["c1", "c2"], [new MetricColumn("revenue", [1.0])]));

        Assert.Contains("1 values for 2 customers", error.Message);
    }

    [Fact]
    public void Constructor_InfiniteValue_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CustomerMetricSet(["c1"], [new MetricColumn("revenue", [double.PositiveInfinity])]));

        Assert.Contains("'revenue' is infinite for customer 'c1'", error.Message);
    }

    [Fact]
    public void Constructor_InputChangedAfterwards_TableUnchanged()
    {
        var values = new[] { 5.0 };
        var set = new CustomerMetricSet(["c1"], [new MetricColumn("revenue", values)]);

        values[0] = 99.0;

        Assert.Equal(5.0, set.Value("c1", "revenue"));
    }

    [Fact]
    public void Adopt_ArraysHandedOver_KeptWithoutCopy()
    {
        var ids = new[] { "c1", "c2" };
        var revenue = new[] { 5.0, 7.0 };

        var set = CustomerMetricSet.Adopt(ids, [new MetricColumn("revenue", revenue)]);
        revenue[1] = 9.0;

        Assert.Equal(9.0, set.Value("c2", "revenue"));
        Assert.Equal(1, set.RowOf("c2"));
    }

    [Fact]
    public void Adopt_DuplicateCustomerOrInfiniteValue_ThrowsAsTheConstructor()
    {
        Assert.Throws<ArgumentException>(() => CustomerMetricSet.Adopt(["c1", "c1"], [new MetricColumn("revenue", new[] { 1.0, 2.0 })]));
        Assert.Throws<ArgumentException>(() => CustomerMetricSet.Adopt(["c1"], [new MetricColumn("revenue", new[] { double.NegativeInfinity })]));
    }

    [Fact]
    public void Rows_SubsetOfSubset_ReadsTheOriginalRows()
    {
        var set = new CustomerMetricSet(["c1", "c2", "c3"], [new MetricColumn("orders", [1.0, 2.0, 3.0])]).Rows([2, 0]).Rows([1, 0]);

        Assert.Equal(["c1", "c3"], set.CustomerIds);
        Assert.Equal([1.0, 3.0], set.Column("orders"));
        Assert.Equal(1, set.RowOf("c3"));
    }

    [Fact]
    public void FromNullable_NullValue_BecomesMissing()
    {
        var column = MetricColumn.FromNullable("otif", [0.9, null]);

        Assert.Equal(0.9, column.Values[0]);
        Assert.True(double.IsNaN(column.Values[1]));
    }

    [Fact]
    public void Constructor_NoCustomers_IsEmptyButKnowsMetrics()
    {
        var set = new CustomerMetricSet([], [new MetricColumn("revenue", [])]);

        Assert.Equal(0, set.Count);
        Assert.True(set.HasMetric("revenue"));
        Assert.False(set.HasMetric("orders"));
    }
}
