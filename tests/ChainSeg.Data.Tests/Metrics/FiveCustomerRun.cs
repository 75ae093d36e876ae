namespace ChainSeg.Data.Tests.Metrics;

/// <summary>A company of customers A to E with hand-written order lines and shipments, run at as_of 2025-03-31 under an OTIF level, as the fill tests build theirs.</summary>
internal static class FiveCustomerRun
{
    /// <summary>Runs the company <paramref name="name"/> in <paramref name="folder"/> under <c>metrics.otif.level: <paramref name="level"/></c> and <c>metrics.fill.order: <paramref name="fillOrder"/></c>.</summary>
    public static PipelineOutput Run(TempFolder folder, string name, string level, string lines, string shipments, string fillOrder = "first_time")
    {
        var company = new HandMadeCompany(folder, name);
        company.File("customers.csv", "customer_id\nA\nB\nC\nD\nE\n");
        company.File("order_lines.csv", lines);
        company.File("shipments.csv", shipments);
        return company.Run(company.File("chainseg.yaml", $"as_of: 2025-03-31\nmetrics:\n  otif: {{ level: {level} }}\n  fill: {{ order: {fillOrder} }}\n"));
    }
}
