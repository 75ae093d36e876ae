using ChainSeg.Bench;

// Benchmarks print figures; the first argument picks one.
return args.FirstOrDefault() switch
{
    "ingest" => IngestBenchmark.Run(args[1..]),
    "generate-only" => IngestBenchmark.GenerateOnly(args[1..]),
    "pipeline" => PipelineBenchmark.Run(args[1..]),
    "segmentation" => SegmentationBenchmark.Run(args[1..]),
    "stages" => StagesBenchmark.Run(args[1..]),
    "floor" => FloorBenchmark.Run(args[1..]),
    "metrics-floor" => MetricsFloorBenchmark.Run(args[1..]),
    "inventory" => InventoryBenchmark.Run(args[1..]),
    "simulation" => SimulationBenchmark.Run(args[1..]),
    "allocation" => AllocationBenchmark.Run(args[1..]),
    "kmeans" => Run(ClusteringBenchmark.RunKMeans),
    "constrained" => Run(ClusteringBenchmark.RunConstrained),
    "clustering" => Run(ClusteringBenchmark.RunSegmentation),
    _ => Usage(),
};

static int Run(Action benchmark)
{
    benchmark();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ChainSeg.Bench -- <benchmark> [args]");
    Console.Error.WriteLine("benchmarks: ingest [lines ...] [--work DIR] | pipeline (--config FILE | --data DIR) --out DIR | segmentation [--lines N] [--customers N] [--work DIR] | stages --store FILE --data DIR | floor --data DIR | metrics-floor --store FILE [--period-ends N] | inventory [rows [first-rule]] | simulation | allocation | kmeans | constrained | clustering");
    return 2;
}
