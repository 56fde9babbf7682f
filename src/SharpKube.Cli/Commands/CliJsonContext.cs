using System.Text.Json.Serialization;
using SharpKube.Cli.Bench.ApiServer.Results;
using SharpKube.Cli.Bench.Controllers.Results;
using SharpKube.Cli.Bench.Storage.Results;

namespace SharpKube.Cli.Commands;

/// <summary>The JSON the commands print, serialized without reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(VersionInfo))]
[JsonSerializable(typeof(StorageBenchReport))]
[JsonSerializable(typeof(ApiServerBenchReport))]
[JsonSerializable(typeof(ControllersBenchReport))]
[JsonSerializable(typeof(SharpKube.Cli.Bench.Scheduler.Results.SchedulerBenchReport))]
[JsonSerializable(typeof(SharpKube.Cli.Bench.PodStartup.Results.PodStartupBenchReport))]
[JsonSerializable(typeof(SharpKube.Cli.Bench.Streaming.StreamingBenchReport))]
[JsonSerializable(typeof(SharpKube.Cli.Bench.Proxy.ProxyBenchReport))]
[JsonSerializable(typeof(SharpKube.Cli.Bench.Dns.Results.DnsBenchReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
