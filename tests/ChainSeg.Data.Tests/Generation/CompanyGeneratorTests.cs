using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChainSeg.Data.Generation;

namespace ChainSeg.Data.Tests.Generation;

public sealed class CompanyGeneratorTests(GeneratedCompanyFixture company) : IClassFixture<GeneratedCompanyFixture>
{
    private const string Timestamp = "yyyy-MM-dd HH:mm:ss";
    private const string Date = "yyyy-MM-dd";
    private static readonly string[] EventTypes = ["return", "complaint", "expedite", "claim", "credit_note", "sla_breach", "order_change"];

    // ARCHITECTURE.md §3, transcribed by hand.
    public static TheoryData<string, string[]> CanonicalColumns => new()
    {
        { "customers", ["customer_id", "name", "parent_id", "country", "region", "city", "postal_code", "latitude", "longitude", "channel", "created_at", "source_system"] },
        { "id_crosswalk", ["source_system", "source_customer_id", "customer_id"] },
        { "products", ["sku", "description", "category", "unit_cost", "unit_price", "weight_kg", "volume_m3"] },
        { "order_lines", ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price", "net_amount", "margin_amount", "line_no", "requested_date", "location_id", "channel", "source_system"] },
        { "shipments", ["shipment_id", "order_id", "ship_date", "promised_date", "delivered_date", "sku", "quantity_shipped", "quantity_ordered", "carrier", "mode", "freight_cost", "location_id"] },
        { "service_events", ["customer_id", "event_type", "event_date", "order_id", "cost"] },
        { "cost_pools", ["activity", "driver", "annual_cost"] },
        { "forecasts", ["sku", "period_start", "forecast_qty", "customer_id", "segment"] },
        { "inventory", ["sku", "location_id", "on_hand", "lead_time_days", "lead_time_sd_days", "unit_cost", "holding_cost_rate"] },
        { "locations", ["location_id", "type", "upstream_location_id"] },
    };

    [Fact]
    public void Generate_SameOptionsTwice_WritesByteIdenticalFiles()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var options = new GeneratorOptions(60, 3_000, Seed: 11) { DirtyShare = 0.01 };

        CompanyGenerator.Generate(options, first.Path);
        CompanyGenerator.Generate(options, second.Path);

        AssertSameFiles(first.Path, second.Path);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Generate_UnderAnotherCurrentCulture_WritesTheSameBytes(string culture)
    {
        using var invariant = new TempDirectory();
        using var local = new TempDirectory();
        var options = new GeneratorOptions(60, 3_000, Seed: 11) { DirtyShare = 0.01 };
        CompanyGenerator.Generate(options, invariant.Path);

        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            CompanyGenerator.Generate(options, local.Path);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (saved, savedUi);
        }

        AssertSameFiles(invariant.Path, local.Path);
    }

    [Fact]
    public void Generate_DifferentSeed_WritesDifferentData()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        CompanyGenerator.Generate(new GeneratorOptions(60, 3_000, Seed: 11), first.Path);
        CompanyGenerator.Generate(new GeneratorOptions(60, 3_000, Seed: 12), second.Path);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, "order_lines.csv")), File.ReadAllBytes(Path.Combine(second.Path, "order_lines.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, "customers.csv")), File.ReadAllBytes(Path.Combine(second.Path, "customers.csv")));
    }

    [Theory]
    [InlineData(10, 100)]
    [InlineData(10, 40_000)]
    [InlineData(25, 777)]
    [InlineData(1_000, 1_500)]
    [InlineData(200, 3_001)]
    public void Generate_AnySize_WritesExactlyTheRequestedOrderLines(int customers, long orderLines)
    {
        using var directory = new TempDirectory();

        var summary = CompanyGenerator.Generate(new GeneratorOptions(customers, orderLines, Seed: 3), directory.Path);

        Assert.Equal(orderLines, summary.RowsPerTable["order_lines"]);
        Assert.Equal(orderLines, DataLines(Path.Combine(directory.Path, "order_lines.csv")));
    }

    [Fact]
    public void Generate_Summary_MatchesTheFiles()
    {
        foreach (var (table, rows) in company.Summary.RowsPerTable)
        {
            Assert.Equal(company.Tables[table].Rows.Count, rows);
        }

        Assert.Equal(10, company.Summary.RowsPerTable.Count);
        Assert.Equal(company.DirtyRows.Count, company.Summary.DirtyRows);
        Assert.Equal(company.Warnings.Count, company.Summary.PlantedWarnings);
        Assert.Equal(company.Shifts.Count, company.Summary.PlantedShifts);
        Assert.Equal(GeneratedCompanyFixture.OrderLines, company.Tables["order_lines"].Rows.Count);
    }

    [Theory]
    [MemberData(nameof(CanonicalColumns))]
    public void Generate_EveryCanonicalTable_HasExactlyTheCanonicalColumns(string table, string[] columns)
    {
        var header = company.Tables[table].Header;

        Assert.Equal(columns.Order(StringComparer.Ordinal), header.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_EveryFile_IsUtf8WithoutBomWithLfLineEnds()
    {
        var files = Directory.GetFiles(company.Directory, "*.*", SearchOption.AllDirectories);

        Assert.Equal(15, files.Length);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{file} starts with a BOM.");
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
    }

    [Fact]
    public void Generate_Always_WritesTheIdentifierConfigAndFeasibleShortageRules()
    {
        var config = ChainSeg.Data.Configuration.ConfigLoader.Load(Path.Combine(company.Directory, "chainseg.yaml"));

        Assert.Equal(["C"], config.Identifiers.CustomerId.StripPrefixes);
        Assert.Equal(["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"], config.Policies.Shortage.Keys.Order(StringComparer.Ordinal));
        // The demo's example cuts supply to 60 % of the open units: no guarantee may ask for more, whatever the segment mix.
        Assert.All(config.Policies.Shortage.Values, rule => Assert.InRange(rule.MinFill, 0, 0.5));
    }

    // The company sells in its home market, Germany (CustomerGeography): its amounts are euros, and its config says so.
    [Fact]
    public void Generate_Always_NamesTheHomeMarketsCurrency() =>
        Assert.Equal("EUR", ChainSeg.Data.Configuration.ReportingCurrency.Of(ChainSeg.Data.Configuration.ConfigLoader.Load(Path.Combine(company.Directory, "chainseg.yaml"))));

    [Fact]
    public void Generate_EveryRow_HasExactlyThePlantedDefects()
    {
        var checkedRows = 0;
        foreach (var (table, data) in company.Tables)
        {
            var seenKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (row, number) in data.Numbered())
            {
                var found = Defects(table, data, row, seenKeys);
                var expected = new List<(string, string)>();
                if (company.DirtyRows.TryGetValue((table, number), out var dirty))
                {
                    expected.Add(dirty);
                }

                if (company.Warnings.TryGetValue((table, number), out var warning))
                {
                    expected.Add(("warning:" + warning.Kind, warning.Column));
                }

                Assert.True(expected.SequenceEqual(found), $"{table} row {number}: planted [{string.Join("; ", expected)}], found [{string.Join("; ", found)}]");
                checkedRows++;
            }
        }

        Assert.True(checkedRows > GeneratedCompanyFixture.OrderLines);
    }

    [Fact]
    public void Generate_DefaultDirtyShare_PlantsEveryReasonInOrderLines()
    {
        var reasons = company.DirtyRows.Where(d => d.Key.Table == "order_lines").GroupBy(d => d.Value).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(6, reasons.Keys.Select(k => k.Reason).Distinct().Count());
        Assert.All(reasons.Values, count => Assert.True(count >= 3));
        Assert.Contains(company.DirtyRows.Keys, k => k.Table == "customers");
        Assert.Contains(company.DirtyRows.Keys, k => k.Table == "products");
        Assert.Contains(company.DirtyRows.Keys, k => k.Table == "shipments");
        Assert.Contains(company.DirtyRows.Keys, k => k.Table == "service_events");
    }

    [Fact]
    public void Generate_ZeroDirtyShare_PlantsNothing()
    {
        using var directory = new TempDirectory();

        var summary = CompanyGenerator.Generate(new GeneratorOptions(50, 2_000) { DirtyShare = 0 }, directory.Path);

        Assert.Equal(0, summary.DirtyRows);
        Assert.Equal(0, summary.PlantedWarnings);
        Assert.Equal(0, DataLines(Path.Combine(directory.Path, "truth", "dirty_rows.csv")));
        Assert.Equal(2_000, DataLines(Path.Combine(directory.Path, "order_lines.csv")));
    }

    [Fact]
    public void Generate_OrderLines_AreInOrderDateOrderWithinTheHorizonInBusinessHours()
    {
        var lines = company.Tables["order_lines"];
        var previous = DateTime.MinValue;
        foreach (var (row, _) in lines.Numbered().Where(r => r.Row.Length == lines.Header.Length))
        {
            if (!DateTime.TryParseExact(row[lines.Column("order_date")], Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }

            Assert.True(date >= previous, $"{date} comes after {previous}.");
            Assert.InRange(date, new DateTime(2024, 1, 1), new DateTime(2025, 12, 31, 23, 59, 59));
            Assert.InRange(date.Hour, 8, 17);
            Assert.NotEqual(DayOfWeek.Saturday, date.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, date.DayOfWeek);
            previous = date;
        }

        Assert.True(previous > new DateTime(2025, 12, 1));
    }

    [Fact]
    public void Generate_Archetypes_BehaveAsPlanted()
    {
        var stats = ArchetypeStatistics();
        var steady = stats["steady_key_account"];
        var bulk = stats["bulk_distributor"];
        var ecommerce = stats["ecommerce_small"];
        var erratic = stats["erratic_project"];
        var service = stats["high_service_low_margin"];

        Assert.True(ecommerce.OrdersPerCustomer > 3 * bulk.OrdersPerCustomer);
        Assert.True(steady.OrdersPerCustomer > 3 * bulk.OrdersPerCustomer);
        Assert.True(steady.LinesPerOrder > 2 * service.LinesPerOrder);
        Assert.True(service.LinesPerOrder > 1.5 * ecommerce.LinesPerOrder);
        Assert.InRange(ecommerce.LinesPerOrder, 1, 2);
        Assert.True(bulk.UnitsPerLine > 10 * steady.UnitsPerLine);
        Assert.True(steady.UnitsPerLine > 5 * ecommerce.UnitsPerLine);
        Assert.True(steady.ValuePerOrder > 10 * ecommerce.ValuePerOrder);
        Assert.True(erratic.ExpeditesPerOrder > 4 * steady.ExpeditesPerOrder);
        Assert.True(service.ExpeditesPerOrder > 4 * steady.ExpeditesPerOrder);
        // The change log: demanding customers (erratic projects, high-service accounts) change several times the share of
        // orders a steady key account does, and e-commerce shoppers hardly any.
        Assert.True(erratic.ChangedOrderShare > 3 * steady.ChangedOrderShare);
        Assert.True(service.ChangedOrderShare > 3 * steady.ChangedOrderShare);
        Assert.True(steady.ChangedOrderShare > ecommerce.ChangedOrderShare);
        Assert.InRange(service.ChangedOrderShare, 0.08, 0.3);
        Assert.True(service.ComplaintsPerOrder > 3 * steady.ComplaintsPerOrder);
        Assert.True(service.ReturnsPerOrder > 3 * steady.ReturnsPerOrder);
        Assert.True(service.MarginShare < steady.MarginShare - 0.05);
        Assert.True(bulk.MarginShare < steady.MarginShare - 0.05);
        Assert.True(erratic.MonthlyUnitsVariation > steady.MonthlyUnitsVariation);
    }

    [Fact]
    public void Generate_OrderVolume_PeaksInAutumnAndDipsInSummer()
    {
        var lines = company.Tables["order_lines"];
        var perMonth = CleanRows("order_lines").Where(r => r[lines.Column("order_id")].StartsWith("SO-", StringComparison.Ordinal))
            .GroupBy(r => int.Parse(r[lines.Column("order_date")].AsSpan(5, 2), CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (double)g.Count());

        Assert.Equal(12, perMonth.Count);
        Assert.True(perMonth[10] + perMonth[11] > 1.25 * (perMonth[7] + perMonth[8]));
    }

    [Fact]
    public void Generate_Archetypes_HaveRoughlyThePlannedShares()
    {
        var shares = company.Archetypes.Values.GroupBy(a => a).ToDictionary(g => g.Key, g => (double)g.Count() / GeneratedCompanyFixture.Customers);

        Assert.Equal(GeneratedCompanyFixture.Customers, company.Archetypes.Count);
        Assert.InRange(shares["steady_key_account"], 0.05, 0.2);
        Assert.InRange(shares["bulk_distributor"], 0.05, 0.18);
        Assert.InRange(shares["ecommerce_small"], 0.35, 0.55);
        Assert.InRange(shares["erratic_project"], 0.08, 0.22);
        Assert.InRange(shares["high_service_low_margin"], 0.12, 0.28);
    }

    [Fact]
    public void Generate_NoisyCustomerIds_ResolveToMasterIdsInEveryForm()
    {
        var lines = company.Tables["order_lines"];
        var forms = new Dictionary<string, int>
        {
            [@"^C-\d{5,}$"] = 0,
            [@"^c\d{5,} $"] = 0,
            [@"^C\d{5,}$"] = 0,
            [@"^[1-9]\d*$"] = 0,
        };
        var erp = 0;
        var clean = CleanRows("order_lines").ToList();
        foreach (var row in clean)
        {
            var id = row[lines.Column("customer_id")];
            var system = row[lines.Column("source_system")];
            Assert.NotNull(company.Resolve(system, id));
            if (system == "ERP")
            {
                erp++;
                continue;
            }

            var form = Assert.Single(forms.Keys, pattern => Regex.IsMatch(id, pattern));
            forms[form]++;
        }

        Assert.All(forms.Values, count => Assert.True(count > 50));
        Assert.InRange((double)erp / clean.Count, 0.25, 0.35);

        // Claims and SLA breaches come from the TMS under its own ids (TMS0000012), which only the crosswalk resolves.
        var events = company.Tables["service_events"];
        var tmsEvents = CleanRows("service_events").Where(r => r[events.Column("event_type")] is "claim" or "sla_breach").ToList();
        Assert.True(tmsEvents.Count > 50, $"only {tmsEvents.Count} claims and SLA breaches");
        foreach (var row in tmsEvents)
        {
            var id = row[events.Column("customer_id")];
            Assert.Matches(@"^TMS\d{7}$", id);
            Assert.Null(company.Resolve("CRM", id));
            Assert.Equal(company.Crosswalk[("TMS", GeneratedCompanyFixture.Standardise(id))], company.ResolveUntagged(id));
        }

        Assert.DoesNotContain(CleanRows("service_events"), r => r[events.Column("event_type")] is not ("claim" or "sla_breach") && r[events.Column("customer_id")].StartsWith("TMS", StringComparison.Ordinal));
        Assert.Equal("12", GeneratedCompanyFixture.Standardise("c00012 "));
        Assert.Equal("12", GeneratedCompanyFixture.Standardise("C-00012"));
        Assert.Equal(company.Archetypes.Keys.Order(StringComparer.Ordinal), company.MasterIds.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_Crosswalk_MapsErpAndTmsIdsOfEveryCustomer()
    {
        var crosswalk = company.Tables["id_crosswalk"];

        Assert.Equal(2 * GeneratedCompanyFixture.Customers, crosswalk.Rows.Count);
        Assert.Equal(GeneratedCompanyFixture.Customers, company.Crosswalk.Keys.Count(k => k.System == "ERP"));
        Assert.Equal(GeneratedCompanyFixture.Customers, company.Crosswalk.Keys.Count(k => k.System == "TMS"));
        Assert.All(company.Crosswalk.Values, master => Assert.Matches(@"^C-\d{5,}$", master));
        Assert.All(company.Crosswalk.Values, master => Assert.Contains(master, company.Archetypes.Keys));
    }

    [Fact]
    public void Generate_Hierarchy_BranchesPointToTopLevelAccountsOfTheirArchetype()
    {
        var customers = company.Tables["customers"];
        var parents = CleanRows("customers").ToDictionary(r => r[customers.Column("customer_id")], r => r[customers.Column("parent_id")]);
        var branches = parents.Where(p => p.Value.Length > 0).ToList();

        Assert.InRange((double)branches.Count / parents.Count, 0.05, 0.16);
        foreach (var (child, parent) in branches)
        {
            Assert.True(parents.ContainsKey(parent), $"{child}'s parent {parent} is not a customer.");
            Assert.Equal("", parents[parent]);
            Assert.Equal(company.Archetypes[parent], company.Archetypes[child]);
        }

        var underKeyAccounts = branches.Count(b => company.Archetypes[b.Value] == "steady_key_account");
        Assert.True(underKeyAccounts * 2 > branches.Count, $"{underKeyAccounts} of {branches.Count} branches belong to key accounts.");
    }

    [Fact]
    public void Generate_Customers_HaveConsistentGeography()
    {
        var customers = company.Tables["customers"];
        var homeCountry = new Dictionary<string, string> { ["North"] = "DK", ["South"] = "AT", ["East"] = "PL", ["West"] = "NL" };
        foreach (var row in CleanRows("customers"))
        {
            var region = row[customers.Column("region")];
            var country = row[customers.Column("country")];
            Assert.Contains(country, new[] { "DE", homeCountry[region] });
            var latitude = double.Parse(row[customers.Column("latitude")], CultureInfo.InvariantCulture);
            var longitude = double.Parse(row[customers.Column("longitude")], CultureInfo.InvariantCulture);
            Assert.InRange(latitude, 47, 57);
            Assert.InRange(longitude, 4, 18);
            Assert.Matches(country switch { "DE" => @"^\d{5}$", "PL" => @"^\d{2}-\d{3}$", "NL" => @"^\d{4} [A-Z]{2}$", _ => @"^\d{4}$" }, row[customers.Column("postal_code")]);
            Assert.Equal("CRM", row[customers.Column("source_system")]);
        }

        // Regional DCs serve their own region: the north is the north of the map.
        var north = CleanRows("customers").Where(r => r[customers.Column("region")] == "North" && r[customers.Column("country")] == "DE")
            .Average(r => double.Parse(r[customers.Column("latitude")], CultureInfo.InvariantCulture));
        var south = CleanRows("customers").Where(r => r[customers.Column("region")] == "South" && r[customers.Column("country")] == "DE")
            .Average(r => double.Parse(r[customers.Column("latitude")], CultureInfo.InvariantCulture));
        Assert.True(north > south + 3);
    }

    [Fact]
    public void Generate_OrderLines_ShipFromTheCustomersRegionalDcOrCentral()
    {
        var customers = company.Tables["customers"];
        var lines = company.Tables["order_lines"];
        var region = CleanRows("customers").ToDictionary(r => r[customers.Column("customer_id")], r => "DC-" + r[customers.Column("region")].ToUpperInvariant());
        var central = 0;
        var all = 0;
        foreach (var row in CleanRows("order_lines"))
        {
            var location = row[lines.Column("location_id")];
            var master = company.Resolve(row[lines.Column("source_system")], row[lines.Column("customer_id")])!;
            Assert.Contains(location, new[] { region[master], "DC-CENTRAL" });
            central += location == "DC-CENTRAL" ? 1 : 0;
            all++;
        }

        Assert.InRange((double)central / all, 0.005, 0.2);
    }

    [Fact]
    public void Generate_OrderLines_CarryConsistentAmounts()
    {
        var lines = company.Tables["order_lines"];
        var products = company.Tables["products"];
        var cost = CleanRows("products").ToDictionary(r => r[products.Column("sku")], r => decimal.Parse(r[products.Column("unit_cost")], CultureInfo.InvariantCulture));
        var orders = new Dictionary<string, List<int>>();
        foreach (var row in CleanRows("order_lines"))
        {
            var quantity = long.Parse(row[lines.Column("quantity")], CultureInfo.InvariantCulture);
            var price = decimal.Parse(row[lines.Column("unit_price")], CultureInfo.InvariantCulture);
            var net = decimal.Parse(row[lines.Column("net_amount")], CultureInfo.InvariantCulture);
            var margin = decimal.Parse(row[lines.Column("margin_amount")], CultureInfo.InvariantCulture);
            Assert.Equal(quantity * price, net);
            Assert.Equal(net - (quantity * cost[row[lines.Column("sku")]]), margin);
            var orderId = row[lines.Column("order_id")];
            Assert.Matches(@"^(SO|RO)-\d{7}$", orderId);
            Assert.Equal(orderId.StartsWith("RO-", StringComparison.Ordinal), quantity < 0);
            var order = orders.TryGetValue(orderId, out var list) ? list : orders[orderId] = [];
            order.Add(int.Parse(row[lines.Column("line_no")], CultureInfo.InvariantCulture));
        }

        Assert.All(orders.Values, numbers => Assert.Equal(Enumerable.Range(1, numbers.Count), numbers));
    }

    [Fact]
    public void Generate_Returns_ReverseSkusTheCustomerBoughtEarlierAndAreNotShipped()
    {
        var lines = company.Tables["order_lines"];
        var bought = new Dictionary<(string, string), long>();
        var returns = 0;
        foreach (var row in CleanRows("order_lines"))
        {
            var key = (company.Resolve(row[lines.Column("source_system")], row[lines.Column("customer_id")])!, row[lines.Column("sku")]);
            var quantity = long.Parse(row[lines.Column("quantity")], CultureInfo.InvariantCulture);
            if (quantity > 0)
            {
                bought[key] = bought.GetValueOrDefault(key) + quantity;
                continue;
            }

            returns++;
            Assert.True(bought.GetValueOrDefault(key) >= -quantity, $"{key} returns more than it bought.");
        }

        var shipments = company.Tables["shipments"];
        Assert.InRange(returns, 100, 2_000);
        Assert.DoesNotContain(CleanRows("shipments"), r => r[shipments.Column("order_id")].StartsWith("RO-", StringComparison.Ordinal));
        Assert.Equal(returns, CleanRows("service_events").Count(r => r[company.Tables["service_events"].Column("event_type")] == "return"));
    }

    [Fact]
    public void Generate_Shipments_DeliverEverySalesLineInFullSomeLateSomeInParts()
    {
        var lines = company.Tables["order_lines"];
        var shipments = company.Tables["shipments"];
        var shipped = new Dictionary<(string, string), long>();
        var late = 0;
        foreach (var row in CleanRows("shipments"))
        {
            var key = (row[shipments.Column("order_id")], row[shipments.Column("sku")]);
            shipped[key] = shipped.GetValueOrDefault(key) + long.Parse(row[shipments.Column("quantity_shipped")], CultureInfo.InvariantCulture);
            var promised = DateOnly.ParseExact(row[shipments.Column("promised_date")], Date, CultureInfo.InvariantCulture);
            var delivered = DateOnly.ParseExact(row[shipments.Column("delivered_date")], Date, CultureInfo.InvariantCulture);
            late += delivered > promised ? 1 : 0;
            Assert.Contains(row[shipments.Column("mode")], new[] { "parcel", "ltl", "ftl" });
        }

        var ordered = CleanRows("order_lines").Where(r => r[lines.Column("order_id")].StartsWith("SO-", StringComparison.Ordinal))
            .GroupBy(r => (r[lines.Column("order_id")], r[lines.Column("sku")]))
            .ToDictionary(g => g.Key, g => g.Sum(r => long.Parse(r[lines.Column("quantity")], CultureInfo.InvariantCulture)));
        Assert.Equal(ordered.Keys.Order(), shipped.Keys.Order());
        Assert.All(ordered, o => Assert.Equal(o.Value, shipped[o.Key]));
        var backorders = CleanRows("shipments").GroupBy(r => (r[shipments.Column("order_id")], r[shipments.Column("sku")])).Count(g => g.Count() > 1);
        Assert.True(backorders > 20);
        Assert.InRange((double)late / shipped.Count, 0.02, 0.2);
    }

    [Fact]
    public void Generate_ServiceEvents_ReferToSalesOrdersOfTheSameCustomer()
    {
        var events = company.Tables["service_events"];
        var lines = company.Tables["order_lines"];
        var orderCustomer = new Dictionary<string, string>();
        foreach (var row in CleanRows("order_lines"))
        {
            orderCustomer[row[lines.Column("order_id")]] = company.Resolve(row[lines.Column("source_system")], row[lines.Column("customer_id")])!;
        }

        foreach (var row in CleanRows("service_events"))
        {
            Assert.Equal(orderCustomer[row[events.Column("order_id")]], company.ResolveUntagged(row[events.Column("customer_id")]));
        }

        Assert.Equal(EventTypes.Order(), CleanRows("service_events").Select(r => r[events.Column("event_type")]).Distinct().Order());
    }

    [Fact]
    public void Generate_PlantedShifts_AreTwoPercentAndChurnedCustomersStopOrdering()
    {
        var lines = company.Tables["order_lines"];

        Assert.Equal(6, company.Shifts.Count);
        Assert.Equal(["archetype_change", "churn", "growth", "volume_drop"], company.Shifts.Select(s => s[2]).Distinct().Order());
        foreach (var shift in company.Shifts)
        {
            Assert.Matches(@"^202[45]-Q[1-4]$", shift[1]);
            var start = new DateTime(int.Parse(shift[1][..4], CultureInfo.InvariantCulture), ((shift[1][^1] - '1') * 3) + 1, 1);
            var orderDates = CleanRows("order_lines")
                .Where(r => r[lines.Column("order_id")].StartsWith("SO-", StringComparison.Ordinal)
                    && company.Resolve(r[lines.Column("source_system")], r[lines.Column("customer_id")]) == shift[0])
                .Select(r => DateTime.ParseExact(r[lines.Column("order_date")], Timestamp, CultureInfo.InvariantCulture))
                .ToList();
            Assert.Contains(orderDates, d => d < start);
            if (shift[2] == "churn")
            {
                Assert.DoesNotContain(orderDates, d => d >= start);
            }
        }
    }

    [Fact]
    public void Generate_Locations_FormTheTwoEchelonNetwork()
    {
        var rows = company.Tables["locations"].Rows.Select(r => string.Join(",", r));

        Assert.Equal(
            ["PLANT-01,plant,", "DC-CENTRAL,dc,PLANT-01", "DC-NORTH,dc,DC-CENTRAL", "DC-SOUTH,dc,DC-CENTRAL", "DC-EAST,dc,DC-CENTRAL", "DC-WEST,dc,DC-CENTRAL"],
            rows);
    }

    [Fact]
    public void Generate_Products_CostLessThanTheyPriceInSixToTenCategories()
    {
        var products = company.Tables["products"];
        var clean = CleanRows("products").ToList();

        Assert.Equal(200, clean.Count);
        Assert.All(clean, r => Assert.True(
            decimal.Parse(r[products.Column("unit_cost")], CultureInfo.InvariantCulture) < decimal.Parse(r[products.Column("unit_price")], CultureInfo.InvariantCulture)));
        Assert.All(clean, r => Assert.Matches(@"^SKU-\d{5}$", r[products.Column("sku")]));
        Assert.InRange(clean.Select(r => r[products.Column("category")]).Distinct().Count(), 6, 10);
        var margins = clean.GroupBy(r => r[products.Column("category")]).Select(g => g.Average(r =>
            1 - (double.Parse(r[products.Column("unit_cost")], CultureInfo.InvariantCulture) / double.Parse(r[products.Column("unit_price")], CultureInfo.InvariantCulture))));
        Assert.True(margins.Max() - margins.Min() > 0.2);
    }

    [Fact]
    public void Generate_Forecasts_MissMoreWhereDemandIsErratic()
    {
        var lines = company.Tables["order_lines"];
        var forecasts = company.Tables["forecasts"];
        var actual = CleanRows("order_lines").Where(r => r[lines.Column("order_id")].StartsWith("SO-", StringComparison.Ordinal))
            .GroupBy(r => (Sku: r[lines.Column("sku")], Month: r[lines.Column("order_date")][..7] + "-01"))
            .ToDictionary(g => g.Key, g => (double)g.Sum(r => long.Parse(r[lines.Column("quantity")], CultureInfo.InvariantCulture)));
        var bySku = forecasts.Rows.GroupBy(r => r[forecasts.Column("sku")]).Select(g =>
        {
            var pairs = g.Select(r => (Forecast: double.Parse(r[forecasts.Column("forecast_qty")], CultureInfo.InvariantCulture),
                Actual: actual.GetValueOrDefault((g.Key, r[forecasts.Column("period_start")])))).ToList();
            var mean = pairs.Average(p => p.Actual);
            var variation = Math.Sqrt(pairs.Average(p => (p.Actual - mean) * (p.Actual - mean))) / mean;
            var error = pairs.Average(p => Math.Abs(p.Forecast - p.Actual)) / mean;
            return (variation, error);
        }).OrderBy(s => s.variation).ToList();

        Assert.All(forecasts.Rows, r => Assert.Equal(("", ""), (r[forecasts.Column("customer_id")], r[forecasts.Column("segment")])));
        Assert.Equal(24 * bySku.Count, forecasts.Rows.Count);
        var third = bySku.Count / 3;
        Assert.True(bySku.TakeLast(third).Average(s => s.error) > 1.5 * bySku.Take(third).Average(s => s.error));
    }

    [Fact]
    public void Generate_Inventory_HoldsEverySkuAtEveryDc()
    {
        var inventory = company.Tables["inventory"];

        Assert.Equal(200 * 5, inventory.Rows.Count);
        Assert.All(inventory.Rows, r => Assert.InRange(double.Parse(r[inventory.Column("holding_cost_rate")], CultureInfo.InvariantCulture), 0.2, 0.3));
        var central = inventory.Rows.Where(r => r[inventory.Column("location_id")] == "DC-CENTRAL").Average(r => int.Parse(r[inventory.Column("lead_time_days")], CultureInfo.InvariantCulture));
        var regional = inventory.Rows.Where(r => r[inventory.Column("location_id")] != "DC-CENTRAL").Average(r => int.Parse(r[inventory.Column("lead_time_days")], CultureInfo.InvariantCulture));
        Assert.True(central > 2 * regional);
    }

    [Fact]
    public void Generate_CostPools_CoverTheActivitiesWithPositiveCosts()
    {
        var pools = company.Tables["cost_pools"].Rows.ToDictionary(r => r[0] + "/" + r[1], r => decimal.Parse(r[2], CultureInfo.InvariantCulture));

        foreach (var pool in new[] { "order_processing/orders", "picking/lines", "packing/units", "shipping/shipments", "returns_handling/returns", "expediting/expedites" })
        {
            Assert.True(pools[pool] > 0, pool);
        }

        Assert.Contains(pools.Keys, k => k.StartsWith("customer_service/", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_LargeEnough_ReportsProgressEveryHundredThousandLines()
    {
        using var directory = new TempDirectory();
        var reports = new List<long>();

        CompanyGenerator.Generate(new GeneratorOptions(100, 201_000), directory.Path, new SynchronousProgress(reports.Add));

        Assert.Equal([100_000L, 200_000L, 201_000L], reports.Select(r => r >= 201_000 ? r : r / 100_000 * 100_000));
    }

    [Fact]
    public void Generate_CancelledToken_Throws()
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CompanyGenerator.Generate(new GeneratorOptions(50, 1_000), directory.Path, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Generate_CancelledWhileWriting_StopsEarly()
    {
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => CompanyGenerator.Generate(new GeneratorOptions(100, 300_000), directory.Path,
            new SynchronousProgress(_ => cancellation.Cancel()), cancellation.Token));
        Assert.True(DataLines(Path.Combine(directory.Path, "order_lines.csv")) < 300_000);
    }

    [Fact]
    public void Generate_NullOrBlankDirectory_Throws()
    {
        var options = new GeneratorOptions(10, 100);

        Assert.Throws<ArgumentNullException>(() => CompanyGenerator.Generate(null!, "x"));
        Assert.ThrowsAny<ArgumentException>(() => CompanyGenerator.Generate(options, " "));
    }

    // All defects an independent reader finds in a row, in the ingestion's reason order; a planted
    // optional-column defect shows as "warning:unparseable".
    private List<(string Reason, string Column)> Defects(string table, CsvTable data, string[] row, HashSet<string> seenKeys)
    {
        var found = new List<(string, string)>();
        if (row.Length != data.Header.Length)
        {
            found.Add(("malformed_row", ""));
            return found;
        }

        string Value(string column) => row[data.Column(column)];
        void Required(params string[] columns) => found.AddRange(columns.Where(c => Value(c).Length == 0).Select(c => ("missing_required", c)));
        void Dates(string format, bool required, params string[] columns)
        {
            foreach (var column in columns.Where(c => Value(c).Length > 0))
            {
                if (!DateTime.TryParseExact(Value(column), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    found.Add((required ? "unparseable" : "warning:unparseable", column));
                }
            }
        }

        decimal Number(string column) => decimal.Parse(Value(column), NumberStyles.Number, CultureInfo.InvariantCulture);
        void Key(string key)
        {
            if (found.Count == 0 && !seenKeys.Add(key))
            {
                found.Add(("duplicate_key", ""));
            }
        }

        switch (table)
        {
            case "order_lines":
                Required("order_id", "customer_id", "sku", "order_date", "quantity");
                Dates(Timestamp, true, "order_date");
                Dates(Date, false, "requested_date");
                if (Number("unit_price") < 0)
                {
                    found.Add(("invalid_value", "unit_price"));
                }

                if (Number("quantity") == 0)
                {
                    found.Add(("invalid_value", "quantity"));
                }

                if (Value("customer_id").Length > 0 && company.Resolve(Value("source_system"), Value("customer_id")) is null)
                {
                    found.Add(("unknown_reference", "customer_id"));
                }

                if (!company.Skus.Contains(Value("sku")))
                {
                    found.Add(("unknown_reference", "sku"));
                }

                Key(Value("order_id") + "#" + Value("line_no"));
                break;
            case "customers":
                Required("customer_id");
                Dates(Date, false, "created_at");
                _ = Number("latitude") + Number("longitude");
                Key(Value("customer_id"));
                break;
            case "products":
                Required("sku");
                if (Number("unit_cost") < 0)
                {
                    found.Add(("invalid_value", "unit_cost"));
                }

                Key(Value("sku"));
                break;
            case "shipments":
                Required("shipment_id", "order_id");
                Dates(Date, false, "ship_date", "promised_date", "delivered_date");
                Assert.True(Number("quantity_shipped") > 0 && Number("quantity_shipped") <= Number("quantity_ordered"));
                break;
            case "service_events":
                Required("customer_id", "event_type", "event_date");
                Dates(Date, true, "event_date");
                Assert.Contains(Value("event_type"), EventTypes);
                if (Value("customer_id").Length > 0 && company.ResolveUntagged(Value("customer_id")) is null)
                {
                    found.Add(("unknown_reference", "customer_id"));
                }

                // The ERP change log records changes, not their cost.
                Assert.True(Value("event_type") == "order_change" ? Value("cost").Length == 0 : Number("cost") > 0);
                break;
            case "forecasts":
                Required("sku", "period_start", "forecast_qty");
                Dates(Date, true, "period_start");
                Assert.True(Number("forecast_qty") >= 0);
                Assert.Contains(Value("sku"), company.Skus);
                break;
            case "inventory":
                Required("sku", "location_id");
                Assert.True(Number("on_hand") >= 0 && Number("lead_time_days") > 0 && Number("unit_cost") > 0);
                Assert.Contains(Value("sku"), company.Skus);
                break;
            case "id_crosswalk":
                Required("source_system", "source_customer_id", "customer_id");
                break;
            case "cost_pools":
                Required("activity", "driver", "annual_cost");
                break;
            default:
                Required("location_id");
                break;
        }

        return found;
    }

    private IEnumerable<string[]> CleanRows(string table) =>
        company.Tables[table].Numbered().Where(r => !company.DirtyRows.ContainsKey((table, r.Number))).Select(r => r.Row);

    private Dictionary<string, ArchetypeFigures> ArchetypeStatistics()
    {
        var lines = company.Tables["order_lines"];
        var events = company.Tables["service_events"];
        var groups = CleanRows("order_lines")
            .Select(r => (Row: r, Archetype: company.Archetypes[company.Resolve(r[lines.Column("source_system")], r[lines.Column("customer_id")])!]))
            .GroupBy(x => x.Archetype);
        var changedOrders = CleanRows("service_events").Where(r => r[events.Column("event_type")] == "order_change")
            .GroupBy(r => company.Archetypes[company.ResolveUntagged(r[events.Column("customer_id")])!])
            .ToDictionary(g => g.Key, g => (double)g.Select(r => r[events.Column("order_id")]).Distinct().Count());
        var eventCounts = CleanRows("service_events")
            .GroupBy(r => (company.Archetypes[company.ResolveUntagged(r[events.Column("customer_id")])!], r[events.Column("event_type")]))
            .ToDictionary(g => g.Key, g => (double)g.Count());
        var result = new Dictionary<string, ArchetypeFigures>();
        foreach (var group in groups)
        {
            var sales = group.Where(x => x.Row[lines.Column("order_id")].StartsWith("SO-", StringComparison.Ordinal)).Select(x => x.Row).ToList();
            var orders = sales.Select(r => r[lines.Column("order_id")]).Distinct().Count();
            var customers = company.Archetypes.Values.Count(a => a == group.Key);
            double Sum(IEnumerable<string[]> rows, string column) => rows.Sum(r => double.Parse(r[lines.Column(column)], CultureInfo.InvariantCulture));
            var monthly = sales.GroupBy(r => r[lines.Column("order_date")][..7]).Select(g => Sum(g, "quantity")).ToList();
            var mean = monthly.Average();
            result[group.Key] = new ArchetypeFigures(
                OrdersPerCustomer: (double)orders / customers,
                LinesPerOrder: (double)sales.Count / orders,
                UnitsPerLine: Sum(sales, "quantity") / sales.Count,
                ValuePerOrder: Sum(sales, "net_amount") / orders,
                MarginShare: Sum(group.Select(x => x.Row), "margin_amount") / Sum(group.Select(x => x.Row), "net_amount"),
                ExpeditesPerOrder: eventCounts.GetValueOrDefault((group.Key, "expedite")) / orders,
                ComplaintsPerOrder: eventCounts.GetValueOrDefault((group.Key, "complaint")) / orders,
                ReturnsPerOrder: eventCounts.GetValueOrDefault((group.Key, "return")) / orders,
                ChangedOrderShare: changedOrders.GetValueOrDefault(group.Key) / orders,
                MonthlyUnitsVariation: Math.Sqrt(monthly.Average(m => (m - mean) * (m - mean))) / mean);
        }

        return result;
    }

    private static long DataLines(string path) => File.ReadAllBytes(path).Count(b => b == (byte)'\n') - 1;

    private static void AssertSameFiles(string expectedDirectory, string actualDirectory)
    {
        var expected = Directory.GetFiles(expectedDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expectedDirectory, f)).Order().ToList();
        var actual = Directory.GetFiles(actualDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actualDirectory, f)).Order().ToList();
        Assert.Equal(expected, actual);
        foreach (var file in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expectedDirectory, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actualDirectory, file))), $"{file} differs.");
        }
    }

    private sealed record ArchetypeFigures(
        double OrdersPerCustomer,
        double LinesPerOrder,
        double UnitsPerLine,
        double ValuePerOrder,
        double MarginShare,
        double ExpeditesPerOrder,
        double ComplaintsPerOrder,
        double ReturnsPerOrder,
        double ChangedOrderShare,
        double MonthlyUnitsVariation);

    // Progress<T> posts to the thread pool; tests need the reports in order and before Generate returns.
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chainseg-gen-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
