namespace ChainSeg.Data.Generation;

/// <summary>
/// Writes a synthetic company as canonical CSV exports (ARCHITECTURE.md §3) plus <c>chainseg.yaml</c> and
/// <c>truth/</c>: five customer archetypes with distinct ordering behaviour, a branch hierarchy, noisy
/// customer ids across CRM/ERP/TMS, a two-echelon network, planted behaviour shifts and a small,
/// documented share of dirty rows. Deterministic for a seed under any current culture, streaming in
/// memory O(customers + products).
/// </summary>
public static class CompanyGenerator
{
    /// <summary>What <see cref="Generate"/> writes in its folder: an export per canonical table, chainseg.yaml, and the truth/ folder.</summary>
    public static IEnumerable<string> Outputs =>
        Ingestion.CanonicalSchema.Tables.Select(t => t.Name + ".csv").Append("chainseg.yaml").Append("truth/");

    /// <summary>The chainseg.yaml written beside the data: how the generated exports map onto ChainSeg, and its pre-approved shortage rules.</summary>
    public const string ConfigYaml =
        "# Written by chainseg generate: how this synthetic company's exports map onto ChainSeg.\n" +
        "# Its home market is Germany: prices and costs are in euros.\n" +
        "currency: EUR\n" +
        "identifiers:\n" +
        "  customer_id:\n" +
        "    strip_prefixes: [C]\n" +
        "policies:\n" +
        "  # Pre-approved shortage rules on the default ABC×XYZ segments (chainseg allocate and the demo's example): tier 1 is\n" +
        "  # served first; min_fill guarantees a share of a segment's open units before any tier takes the rest.\n" +
        "  shortage:\n" +
        "    AX: { tier: 1, min_fill: 0.5 }\n" +
        "    AY: { tier: 1, min_fill: 0.4 }\n" +
        "    AZ: { tier: 2, min_fill: 0.2 }\n" +
        "    BX: { tier: 2, min_fill: 0.25 }\n" +
        "    BY: { tier: 2, min_fill: 0.2 }\n" +
        "    BZ: { tier: 3 }\n" +
        "    CX: { tier: 3 }\n" +
        "    CY: { tier: 3 }\n" +
        "    CZ: { tier: 4 }\n" +
        "# KPI targets the demo's alerts.csv checks at as_of (kpis_by_segment.csv holds every segment's values), and the drift\n" +
        "# between period ends that is worth a planner's look.\n" +
        "alerts:\n" +
        "  targets:\n" +
        "    otif_rate: { target: 0.90, tolerance: 0.02 }\n" +
        "    order_cycle_days: { target: 5, tolerance: 1 }\n" +
        "    cost_to_serve_pct: { target: 0.25, tolerance: 0.05 }\n" +
        "  segments:\n" +
        "    AX: { otif_rate: { target: 0.95 } }\n" +
        "  drift:\n" +
        "    otif_rate: 0.05\n";

    /// <summary>Generates the company into <paramref name="outDir"/> (created if missing; files there are overwritten).</summary>
    /// <param name="options">Size, seed and dirty share.</param>
    /// <param name="outDir">Output folder.</param>
    /// <param name="orderLinesWritten">Receives the order lines written so far, about every 100 000 lines and at the end.</param>
    /// <param name="cancellationToken">Stops generation between orders; files written so far stay incomplete.</param>
    /// <returns>Rows written per table and the planted truth counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outDir"/> is null, empty or white space.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GenerationSummary Generate(GeneratorOptions options, string outDir,
        IProgress<long>? orderLinesWritten = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        cancellationToken.ThrowIfCancellationRequested();

        var truthDir = Path.Combine(outDir, "truth");
        Directory.CreateDirectory(truthDir);
        File.WriteAllText(Path.Combine(outDir, "chainseg.yaml"), ConfigYaml, new System.Text.UTF8Encoding(false));

        var seed = options.Seed;
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var customers = CustomerBase.Create(seed, options.Customers);
        var catalog = ProductCatalog.Create(seed, options.EffectiveProducts);
        var volumes = new ActivityVolumes();
        var demand = new DemandLedger(catalog.Count);
        int dirtyRows;
        int warnings;
        using (var ledger = new DirtyRowLedger(truthDir))
        {
            rows["locations"] = MasterDataFiles.WriteLocations(outDir);
            rows["products"] = MasterDataFiles.WriteProducts(outDir, catalog, options, ledger);
            rows["customers"] = MasterDataFiles.WriteCustomers(outDir, customers, options, ledger);
            rows["id_crosswalk"] = MasterDataFiles.WriteCrosswalk(outDir, customers.Count);
            MasterDataFiles.WriteTruth(truthDir, customers);
            cancellationToken.ThrowIfCancellationRequested();

            var orderNumbers = new OrderNumbers();
            using var lines = new OrderLineFile(outDir, options.OrderLines, options.DirtyShare,
                new Random(StableHash.StreamSeed(seed, RandomStream.DirtyOrderLines)), ledger, orderNumbers);
            using var shipments = new ShipmentFile(outDir, options.DirtyShare,
                new Random(StableHash.StreamSeed(seed, RandomStream.DirtyShipments)), ledger);
            using var events = new ServiceEventFile(outDir, options.DirtyShare,
                new Random(StableHash.StreamSeed(seed, RandomStream.DirtyServiceEvents)), ledger);
            var calibration = ScheduleCalibration.Find(customers, seed, lines.CleanRowsExpected);
            cancellationToken.ThrowIfCancellationRequested();
            var fulfilment = new Fulfilment(new Random(StableHash.StreamSeed(seed, RandomStream.Fulfilment)),
                new Random(StableHash.StreamSeed(seed, RandomStream.OrderChanges)), shipments, events, volumes);
            new OrderStreamWriter(customers, catalog, seed, lines, orderNumbers, fulfilment, demand, volumes)
                .Write(calibration.CreateSchedule(customers, seed), orderLinesWritten, cancellationToken);
            shipments.Complete();
            events.Complete();
            rows["order_lines"] = lines.Rows;
            rows["shipments"] = shipments.Rows;
            rows["service_events"] = events.Rows;
            dirtyRows = ledger.DirtyRows;
            warnings = ledger.Warnings;
        }

        rows["forecasts"] = PlanningFiles.WriteForecasts(outDir, catalog, demand, seed);
        rows["inventory"] = PlanningFiles.WriteInventory(outDir, catalog, demand, seed);
        rows["cost_pools"] = PlanningFiles.WriteCostPools(outDir, volumes, seed);
        return new GenerationSummary(rows, dirtyRows, warnings, customers.Shifts.Count, volumes.Orders, volumes.Returns);
    }
}
