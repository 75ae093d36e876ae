using ChainSeg.Data.Metrics;

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

    [Fact]
    public void Resolve_ParentCycle_IsReportedAndEachMemberHeadsItsOwnAccount()
    {
        // X1 → X2 → X3 → X1 has no top account: the roll-up silently fell back to each customer on its own. The cycle's
        // parents are blanked and counted (parent_cycle); Y1 → X1 still rolls up into X1, Z1 → Z2 is untouched.
        var company = new HandMadeCompany(_folder, "cycle");
        company.File("customers.csv", "customer_id,parent_id\nX1,X2\nX2,X3\nX3,X1\nY1,X1\nZ1,Z2\nZ2,\n");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,X1,A,2025-01-05,1,6000\nO2,X2,A,2025-01-06,1,6000\nO3,Y1,A,2025-01-07,1,100\n");
        company.File("chainseg.yaml", "metrics:\n  roll_up_hierarchy: true\n");

        var output = company.Run();

        Assert.Equal(3, output.Warnings("customers")["parent_cycle:parent_id"]);
        var metrics = output.MetricsByCustomer();
        Assert.Equal(("", "6100.0"), (metrics["X1"]["parent_id"], metrics["X1"]["revenue"]));
        Assert.Equal(("", "6000.0"), (metrics["X2"]["parent_id"], metrics["X2"]["revenue"]));
        // Rolled-up metrics list the accounts: the cycle's three members and Z2 (Y1 and Z1 are inside X1 and Z2).
        Assert.Equal(["X1", "X2", "X3", "Z2"], metrics.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_CustomerNamingItselfAsParent_IsCountedAsACycleNotAnUnknownParent()
    {
        // Y1 → Y1 is a cycle of one: it was counted as unknown_reference:parent_id beside O1's GHOST, which sent a reader
        // looking for a second parent missing from the file. X1 → X2 → X1 is a cycle of two.
        var company = new HandMadeCompany(_folder, "own-parent");
        company.File("customers.csv", "customer_id,parent_id\nX1,X2\nX2,X1\nY1,Y1\nO1,GHOST\nP1,\nC1,P1\n");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,Y1,A,2025-01-05,1,10\nO2,C1,A,2025-01-06,1,10\n");

        var output = company.Run();

        Assert.Equal((3L, 1L), (output.Warnings("customers")["parent_cycle:parent_id"], output.Warnings("customers")["unknown_reference:parent_id"]));
        Assert.Equal("", output.Metrics().Single(m => m["customer_id"] == "Y1")["parent_id"]);
        Assert.Equal("3 customers' parent_ids lead back to themselves (X1, X2, Y1): read as empty, so each heads its own account; correct parent_id in the customer master to roll them up.",
            Assert.Single(output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray()).GetString());
    }

    [Fact]
    public void Resolve_OneCustomerNamingItselfAsParent_AdviceInTheSingular()
    {
        var company = new HandMadeCompany(_folder, "one-loop");
        company.File("customers.csv", "customer_id,parent_id\nY1,Y1\nP1,\n");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,Y1,A,2025-01-05,1,10\n");

        var output = company.Run();

        Assert.Equal("1 customer's parent_id leads back to itself (Y1): read as empty, so it heads its own account; correct parent_id in the customer master to roll it up.",
            Assert.Single(output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray()).GetString());
    }

    [Fact]
    public void Resolve_ParentCycleLongerThanTheDepthLimit_IsReportedAsACycleNotAsTooDeep()
    {
        // R0 → R1 → … → R24 → R0: 25 customers, longer than the 20 levels the cycle search walked. They were counted as
        // hierarchy_too_deep, with advice to flatten a hierarchy to their "top account", which a cycle lacks. They are a
        // cycle like X1 → X2 → X1: parents blanked, each heads its own account, counted as parent_cycle, with advice that
        // names the first few (a count alone left the loop to be found in the master) and the fix.
        var parents = Enumerable.Range(0, 25).ToDictionary(i => $"R{i}", i => (string?)$"R{(i + 1) % 25}");
        var output = RunHierarchy("long-cycle", parents);

        Assert.Equal(new Dictionary<string, long> { ["parent_cycle:parent_id"] = CycleMembers(parents).Count }, output.Warnings("customers"));
        Assert.Equal(25, CycleMembers(parents).Count);
        var first = string.Join(", ", CycleMembers(parents).Order(StringComparer.Ordinal).Take(3));
        Assert.Equal($"25 customers' parent_ids lead back to themselves ({first}, …): read as empty, so each heads its own account; correct parent_id in the customer master to roll them up.",
            Assert.Single(output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray()).GetString());
        var metrics = output.Metrics();
        Assert.Equal(parents.Keys.Order(StringComparer.Ordinal), metrics.Select(m => m["customer_id"]).Order(StringComparer.Ordinal));
        Assert.All(metrics, m => Assert.Equal(("", "10.0"), (m["parent_id"], m["revenue"])));
    }

    [Fact]
    public void Resolve_CycleOneLongerThanTheDepthLimitWithATail_IsACycleTheTailRollsIntoAndADeepChainStaysTooDeep()
    {
        // C00 → … → C20 → C00 is a cycle of HierarchyDepthLimit + 1, the shortest the 20-level search missed; T1 → C00 and
        // T2 → T1 hang off it, and L00 ← L01 ← … ← L22 is a chain 22 levels deep, no cycle. The cycle's 21 members are
        // parent_cycle (blanked, so T1 and T2 roll into C00's account: 3 × 10); L21 and L22 alone stay hierarchy_too_deep.
        var limit = CustomerMetrics.HierarchyDepthLimit;
        var parents = Enumerable.Range(0, limit + 1).ToDictionary(i => $"C{i:D2}", i => (string?)$"C{(i + 1) % (limit + 1):D2}");
        parents["T1"] = "C00";
        parents["T2"] = "T1";
        foreach (var i in Enumerable.Range(0, limit + 3))
            parents[$"L{i:D2}"] = i == 0 ? null : $"L{i - 1:D2}";
        var output = RunHierarchy("cycle-with-tail", parents);

        Assert.Equal(21, CycleMembers(parents).Count);
        Assert.Equal(new Dictionary<string, long> { ["parent_cycle:parent_id"] = 21, ["hierarchy_too_deep:parent_id"] = 2 }, output.Warnings("customers"));
        var advice = output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(2, advice.Count);
        Assert.StartsWith("21 customers' parent_ids lead back to themselves (C00, C01, C02, …)", advice[0]);
        Assert.StartsWith("2 customers are more than 20 levels below their top account (L21, L22)", advice[1]);
        var metrics = output.Metrics().ToDictionary(m => m["customer_id"]);
        Assert.Equal(("", "30.0"), (metrics["C00"]["parent_id"], metrics["C00"]["revenue"]));
        Assert.Equal(("", "10.0"), (metrics["C20"]["parent_id"], metrics["C20"]["revenue"]));
        Assert.DoesNotContain("T1", metrics.Keys);
        Assert.DoesNotContain("T2", metrics.Keys);
    }

    // One customer per parent entry, each with one order line of 10, run with the metrics rolled up to parent accounts.
    [Fact]
    public void Resolve_UnknownParentsUnderARollUp_AreNamedWithTheFix()
    {
        // B1 and B2 name parents the customer master lacks (a head office left out of the export, a misspelt id): a roll-up
        // made each its own account, split from the one it belongs to, and said so only as a count in quality.json, where
        // cycles and chains too deep are named with the fix. B3 → P1 rolls up.
        var parents = new Dictionary<string, string?> { ["P1"] = null, ["B1"] = "GHOST", ["B2"] = "P-9", ["B3"] = "P1" };
        var output = RunHierarchy("unknown-parent", parents);

        Assert.Equal(new Dictionary<string, long> { ["unknown_reference:parent_id"] = 2 }, output.Warnings("customers"));
        Assert.Equal("2 customers' parent_ids name no customer of the customer master (B1 → GHOST, B2 → P-9): read as empty, so each heads its own account; "
            + "add the parent to the customer master or correct parent_id to roll them up.",
            Assert.Single(output.Tables.GetProperty("customers").GetProperty("advice").EnumerateArray()).GetString());
        Assert.Equal(["B1", "B2", "P1"], output.Metrics().Select(m => m["customer_id"]).Order(StringComparer.Ordinal));
    }

    private PipelineOutput RunHierarchy(string name, IReadOnlyDictionary<string, string?> parents)
    {
        var data = _folder.Sub(name);
        _folder.File($"{name}/customers.csv", "customer_id,parent_id\n" + string.Concat(parents.Select(p => $"{p.Key},{p.Value}\n")));
        _folder.File($"{name}/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n" + string.Concat(parents.Keys.Select((c, i) => $"O{i},{c},A,2025-01-05,1,10\n")));
        var config = _folder.File($"{name}/chainseg.yaml", "metrics:\n  roll_up_hierarchy: true\n");
        return PipelineOutput.Run(data, Path.Combine(data, "out"), config);
    }

    // The customers that come back to themselves following parent_id, at most one step per customer: computed here
    // from the file's parents, independently of the ingestion's SQL.
    private static HashSet<string> CycleMembers(IReadOnlyDictionary<string, string?> parents) =>
        parents.Keys.Where(start =>
        {
            var node = parents[start];
            for (var step = 0; step < parents.Count && node is not null && node != start; step++)
                node = parents.GetValueOrDefault(node);
            return node == start;
        }).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Resolve_PlaceholderIds_AreMissingNotOneCustomer()
    {
        // Exports write "no customer" as NULL, N/A, #N/A, nan, None or a lone dash. Each was a customer id: NULL (and null,
        // the same key) became one customer holding every such line, the top of the ABC ranking; "-" and "." (key '', the
        // separators dropped) became another. They are missing ids now: the rows are missing_required:customer_id, and a
        // parent written NULL is no parent (it was an unknown_reference:parent_id warning).
        var company = new HandMadeCompany(_folder, "placeholders");
        company.File("customers.csv", "customer_id,name,parent_id\nA1,Real,NULL\nNULL,Nobody,\nn/a,Nobody too,\n-,Dash,\n");
        var ids = new[] { "NULL", "null", "N/A", "#N/A", "nan", "None", "-", ".", " - " };
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO0,A1,A,2025-01-05,1,10\n"
            + string.Concat(ids.Select((id, i) => $"O{i + 1},{id},A,2025-01-05,1,10\n")));

        var output = company.Run();

        Assert.Equal(new Dictionary<string, long> { ["missing_required:customer_id"] = ids.Length }, output.Reasons("order_lines"));
        Assert.Equal(new Dictionary<string, long> { ["missing_required:customer_id"] = 3 }, output.Reasons("customers"));
        Assert.DoesNotContain("unknown_reference:parent_id", output.Warnings("customers").Keys);
        // The quarantine keeps each id as the file wrote it.
        Assert.Equal(ids.Select(id => id.Trim()), output.Quarantine("order_lines").Select(q => q["customer_id"].Trim()));
        Assert.Equal(["A1"], output.Metrics().Select(m => m["customer_id"]));
    }

    [Fact]
    public void Resolve_IdsWithTabsInvisibleCharactersOrDecomposedAccents_MatchTheMasterId()
    {
        // A tab or carriage return at an id's edge, a zero-width space or byte order mark pasted in, and é written as e +
        // combining accent (macOS, some ERPs) read the same to anyone, but only spaces were trimmed and the key compared
        // code points: each line below was unknown_reference:customer_id, and Cafe\u0301 beside Café was a second customer.
        var company = new HandMadeCompany(_folder, "invisible");
        company.File("customers.csv", "customer_id,name\nA1,One\nCaf\u00e9,Composed\nCafe\u0301,Decomposed\n\"B2\t\",Tabbed\n");
        var ids = new[] { "\tA1", "A1\t", "A1\u200B", "\uFEFFA1", "Cafe\u0301", "CAFE\u0301", "B2", "\tB2" };
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + string.Concat(ids.Select((id, i) => $"O{i + 1},\"{id}\",A,2025-01-05,1,10\n")));

        var output = company.Run();

        Assert.Equal(ids.Length, output.Count("order_lines", "rows_accepted"));
        Assert.Equal(new Dictionary<string, long> { ["duplicate_key"] = 1 }, output.Reasons("customers"));
        // The master's tabbed B2 is stored without its tab, so outputs and explain name it as it reads.
        var orders = output.Metrics().ToDictionary(m => m["customer_id"], m => m["orders"]);
        Assert.Equal(new Dictionary<string, string> { ["A1"] = "4", ["Caf\u00e9"] = "2", ["B2"] = "2" }, orders);
    }

    [Fact]
    public void Resolve_DecomposedAccentWithoutCustomersFile_IsOneCustomer()
    {
        // Without a customers file a line's customer is its id as stored, which kept the form written: Café and Cafe + combining
        // accent (the same text, Unicode canonical equivalence) were two customers with one order each, in spite of one key.
        var company = new HandMadeCompany(_folder, "nfc");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,Caf\u00e9,A,2025-01-05,1,10\nO2,Cafe\u0301,A,2025-01-06,1,10\n");

        var output = company.Run();

        Assert.Equal([("Caf\u00e9", "2")], output.Metrics().Select(m => (m["customer_id"], m["orders"])));
    }

    [Fact]
    public void Resolve_IdsWithOneKeyWithoutCustomersFile_AreOneCustomerUnderASpellingWritten()
    {
        // Without a customers file a line's customer was its id as written: c-001, C001 and the full-width Ｃ００１, 0042 and
        // 42 were five customers where the key names two. They are two now, each under a spelling the file writes (here each
        // on one row, so the ordinal-smallest).
        var company = new HandMadeCompany(_folder, "spellings");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,c-001,S1,2025-01-05,2,10\nO2,C001,S1,2025-02-05,1,10\n"
            + "O3,0042,S2,2025-02-07,3,5\nO4,42,S2,2025-03-07,3,5\nO5,\uFF23\uFF10\uFF10\uFF11,S1,2025-03-09,1,10\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal(["0042", "C001"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("3", "40.0"), (metrics["C001"]["orders"], metrics["C001"]["revenue"]));
        Assert.Equal(("2", "30.0"), (metrics["0042"]["orders"], metrics["0042"]["revenue"]));
        Assert.Equal(5, output.Count("order_lines", "rows_accepted"));
    }

    [Fact]
    public void Resolve_IdsRewrittenToTheSpellingWrittenMost_AreCountedWithExamples()
    {
        // a1 is written on two rows, A-1 on one: a1 is kept although A-1 sorts first. The lines rewritten are accepted and
        // counted as a warning, and the advice shows which ids became which.
        var company = new HandMadeCompany(_folder, "spelling-warning");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + "O1,A-1,S1,2025-01-05,1,10\nO2,a1,S1,2025-01-06,1,10\nO3,a1,S1,2025-01-07,1,10\nO4,0042,S1,2025-01-08,1,10\nO5,42,S1,2025-01-09,1,10\n");

        var output = company.Run();

        Assert.Equal(["0042", "a1"], output.MetricsByCustomer().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, long> { ["merged_spelling:customer_id"] = 2 }, output.Warnings("order_lines"));
        Assert.Equal((5L, 5L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted")));
        Assert.Equal("2 rows write their customer_id as another spelling of a customer id (42 → 0042, A-1 → a1): with no customers file, "
            + "ids with one key are one customer, under the spelling the first table writing it writes on most rows; add a customers file to choose the ids kept.",
            Assert.Single(output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray()).GetString());
    }

    [Fact]
    public void Resolve_ServiceEventsWithoutCustomersFile_TakeTheOrderLinesSpellingAndChooseTheirOwnForNewIds()
    {
        // The ERP writes 0000012345 on order lines, the CRM 12345 on service events: two customers, so the complaint was
        // lost from the ordering customer's metrics. The events take the order lines' spelling; NEW-1 and new1, a key the
        // order lines lack, are one customer under the events' own spelling written most.
        var company = new HandMadeCompany(_folder, "spelling-events");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,0000012345,S1,2025-01-05,1,10\nO2,0000012345,S1,2025-03-05,1,10\n");
        company.File("service_events.csv", "customer_id,event_type,event_date\n12345,complaint,2025-02-10\nNEW-1,complaint,2025-02-11\nnew1,return,2025-02-12\nnew1,complaint,2025-02-13\n");

        var output = company.Run();

        Assert.Equal(("1", "0.5"), (output.MetricsByCustomer()["0000012345"]["complaints"], output.MetricsByCustomer()["0000012345"]["complaint_rate"]));
        Assert.Equal(["0000012345", "new1", "new1", "new1"], output.Canonical("service_events", "customer_id").Select(r => r[0]));
        Assert.Equal(2, output.Warnings("service_events")["merged_spelling:customer_id"]);
    }

    [Fact]
    public void Resolve_FullWidthIds_MatchTheMasterId()
    {
        // Ｃ００１ typed with a Japanese input method, ｃ-００１ and Ｃ－００１ (a full-width hyphen) read as C001 to anyone; the key
        // compared code points, so each line was unknown_reference:customer_id.
        var company = new HandMadeCompany(_folder, "full-width");
        company.File("customers.csv", "customer_id,name\nC001,One\n");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + "O1,\uFF23\uFF10\uFF10\uFF11,A,2025-01-05,1,10\nO2,\uFF43-\uFF10\uFF10\uFF11,A,2025-01-06,1,10\nO3,\uFF23\uFF0D\uFF10\uFF10\uFF11,A,2025-01-07,1,10\n");

        var output = company.Run();

        Assert.Equal(3, output.Count("order_lines", "rows_accepted"));
        Assert.Equal([("C001", "3")], output.Metrics().Select(m => (m["customer_id"], m["orders"])));
    }

    [Fact]
    public void Outputs_IdsWithDelimitersQuotesNewlinesAndUnicode_ReadBackAsWritten()
    {
        // A guard over the CSV outputs: each id below reaches every customer file, and the quarantine keeps an order id
        // like it, exactly as a reader of RFC 4180 (CsvFile, not DuckDB) reads it back.
        string[] ids = ["ACME, Inc.", "He said \"hi\"", "O'Brien", "semi;colon", "tab\there", "line\nbreak", "Müller GmbH", "株式会社", "emoji😀",
            "'; DROP TABLE x; --", "[bold]x[/]", "=HYPERLINK(\"http://x\",\"y\")", new string('L', 500)];
        static string Quoted(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";
        var data = _folder.Sub("hostile");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + string.Concat(ids.Select((id, i) => $"O{i},{Quoted(id)},A,2025-0{i % 6 + 1}-05,{i + 1},10\n"))
            + $"{Quoted("SO, \"1\"\n2")},,A,2025-01-05,1,10\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        foreach (var file in new[] { "customer_metrics.csv", "assignments.csv", "period_assignments.csv" })
            Assert.Equal(ids.Order(StringComparer.Ordinal), CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, file)).Select(r => r["customer_id"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("SO, \"1\"\n2", Assert.Single(output.Quarantine("order_lines"))["order_id"]);
    }

    public void Dispose() => _folder.Dispose();
}
