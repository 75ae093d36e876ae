using ChainSeg.Data.Pipeline;
var sw = System.Diagnostics.Stopwatch.StartNew();
var result = new RunPipeline(TimeProvider.System).Execute(new RunRequest(null, args[1], args[0]), new Progress<StageProgress>(p => Console.WriteLine($"{sw.Elapsed.TotalSeconds:F1}s {p.Stage}: {p.Message}")));
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result.Quality, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
foreach (var s in result.Stages) Console.WriteLine($"{s.Stage} {s.Seconds}");
