using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using SharpKube.Cli.Bench;

namespace SharpKube.Benchmarks.Cli;

/// <summary>
/// What <c>sharpkube bench</c> adds to every measured operation: two timestamps and one histogram record.
/// It must stay far below the cheapest store operation it times.
/// </summary>
[MemoryDiagnoser]
public class LatencyHistogramBenchmarks
{
    private readonly LatencyHistogram _histogram = new();
    private long _value = 1_000;

    [Benchmark]
    public void Record()
    {
        _value = (_value * 1_103_515_245 + 12_345) & 0xFFFFFF;
        _histogram.Record(_value);
    }

    [Benchmark]
    public void TimeAndRecord()
    {
        var start = Stopwatch.GetTimestamp();
        _histogram.Record(Stopwatch.GetTimestamp() - start);
    }
}
