namespace ChainSeg.Data.Tests.Metrics;

// The order lines the cost pool tests price by hand. A has orders O1 (two lines) and O3 (one line), B has O2 (one line):
// orders A 2, B 1; lines A 3, B 1. The window is the whole history, 2025-01-10 to 2025-03-31, both counted: 81 days.
internal static class TwoCustomerOrders
{
    public const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-01-10,10,1
        O1,A,Y,2025-01-10,2,3
        O2,B,X,2025-02-10,5,2
        O3,A,X,2025-03-31,4,1
        """;

    // The years the pools are charged for: 81 / 365.25.
    public const double Years = 81 / 365.25;
}
