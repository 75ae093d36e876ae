using ChainSeg.Bench;

// Dispatch on the first argument: `dotnet run -c Release --project bench/ChainSeg.Bench -- kmeans`.
switch (args.FirstOrDefault())
{
    case "kmeans":
        ClusteringBenchmark.RunKMeans();
        break;
    case "constrained":
        ClusteringBenchmark.RunConstrained();
        break;
    case "segmentation":
        ClusteringBenchmark.RunSegmentation();
        break;
    default:
        Console.WriteLine("usage: ChainSeg.Bench <kmeans|constrained|segmentation>");
        break;
}
