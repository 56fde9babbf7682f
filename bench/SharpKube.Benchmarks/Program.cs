using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/SharpKube.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SharpKube.Benchmarks.Storage.MemoryStoreWriteBenchmarks).Assembly).Run(args);
