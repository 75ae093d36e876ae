using ChainSeg.Bench;

// Benchmarks print figures; the first argument picks one.
return args.FirstOrDefault() switch
{
    "inventory" => InventoryBenchmark.Run(args[1..]),
    "pipeline" => PipelineBenchmark.Run(args[1..]),
    "ingest" => IngestBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ChainSeg.Bench -- <benchmark> [args]");
    Console.Error.WriteLine("benchmarks: ingest [lines ...] | inventory [rows] | pipeline (--config FILE | --data DIR) --out DIR");
    return 2;
}
