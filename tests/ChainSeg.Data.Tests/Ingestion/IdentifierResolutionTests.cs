namespace ChainSeg.Data.Tests.Ingestion;

public sealed class IdentifierResolutionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private PipelineOutput Run(string? yaml)
    {
        var data = _folder.Sub("data-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(Path.Combine(data, "customers.csv"), "customer_id,name,parent_id\nC-00012,Twelve,\nC-00100,Hundred,c00012\nC-00200,Orphan,C-77777\n");
        File.WriteAllText(Path.Combine(data, "id_crosswalk.csv"), "source_system,source_customer_id,customer_id\nERP,700012,C-00012\nerp,0700100,C00100\nTMS,T-9,12\n");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), """
            order_id,line_no,customer_id,sku,order_date,quantity,unit_price,source_system
            SO-1,1,C-00012,A,2025-01-01,1,1.00,CRM
            SO-2,1,c00012 ,A,2025-01-01,1,1.00,CRM
            SO-3,1,12,A,2025-01-01,1,1.00,CRM
            SO-4,1,C00012,A,2025-01-01,1,1.00,CRM
            SO-5,1,12.0,A,2025-01-01,1,1.00,CRM
            SO-6,1,700012,A,2025-01-01,1,1.00,ERP
            SO-7,1,700100,A,2025-01-01,1,1.00,erp
            SO-8,1,T-9,A,2025-01-01,1,1.00,
            SO-9,1,700012,A,2025-01-01,1,1.00,CRM
            """.ReplaceLineEndings("\n") + "\n");
        if (yaml is not null)
            File.WriteAllText(Path.Combine(data, "chainseg.yaml"), yaml);
        return PipelineOutput.Run(data, Path.Combine(data, "out"));
    }

    [Fact]
    public void Resolve_NoisyFormsAndCrosswalk_LandOnTheMasterId()
    {
        var output = Run("identifiers:\n  customer_id:\n    strip_prefixes: [C]\n");
        var metrics = output.Metrics().ToDictionary(m => m["customer_id"]);

        // SO-1..5: the same id written five ways; SO-6 through the ERP crosswalk; SO-8 through the only crosswalk entry
        // for T-9 (no source system on the line); SO-9 is an ERP number sent as CRM and also found in the crosswalk.
        Assert.Equal("8", metrics["C-00012"]["orders"]);
        Assert.Equal("1", metrics["C-00100"]["orders"]);
        Assert.Equal(9, output.Count("order_lines", "rows_accepted"));
    }

    [Fact]
    public void Resolve_WithoutPrefixRule_BareNumbersDoNotMatchPrefixedIds()
    {
        var output = Run(null);
        // "12" and "12.0" do not match "C-00012" without strip_prefixes; the TMS crosswalk row pointing at "12" is
        // itself quarantined, so "T-9" (SO-8) cannot be resolved either.
        Assert.Equal(3, output.Reasons("order_lines")["unknown_reference:customer_id"]);
        Assert.Equal(1, output.Reasons("id_crosswalk")["unknown_reference:customer_id"]);
    }

    [Fact]
    public void Resolve_ParentIds_AreStandardisedAndUnknownParentsWarned()
    {
        var output = Run("identifiers:\n  customer_id:\n    strip_prefixes: [C]\n");
        Assert.Equal(1, output.Warnings("customers")["unknown_reference:parent_id"]);
        using var store = ChainSeg.Data.Store.ChainSegStore.Open(output.Result.StorePath);
        var schema = store.CurrentRun()!.Schema;
        var parents = ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(store.Connection,
            $"SELECT customer_id, coalesce(parent_id, '') FROM \"{schema}\".customers ORDER BY customer_id", r => (r.GetString(0), r.GetString(1)));
        Assert.Equal([("C-00012", ""), ("C-00100", "C-00012"), ("C-00200", "")], parents);
    }

    public void Dispose() => _folder.Dispose();
}
