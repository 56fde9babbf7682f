using BenchmarkDotNet.Attributes;
using SharpKube.Storage;

namespace SharpKube.Benchmarks.Storage;

/// <summary>
/// <see cref="KeyRange.Comparer"/> (code-point order, what the stores sort keys by) against ordinal comparison,
/// on registry keys that share a long prefix — the common case inside a sorted index.
/// </summary>
[MemoryDiagnoser]
public class KeyComparerBenchmarks
{
    private const string Left = "/registry/pods/kube-system/coredns-7db6d8ff4d-abcde";
    private const string Right = "/registry/pods/kube-system/coredns-7db6d8ff4d-abcdf";

    private readonly string _left = new(Left.AsSpan());
    private readonly string _right = new(Right.AsSpan());
    private string[] _keys = [];
    private string[] _scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _keys = Enumerable.Range(0, 1_000).Select(_ => $"/registry/pods/ns-{random.Next(20)}/pod-{random.Next(1_000_000)}").ToArray();
        _scratch = new string[_keys.Length];
    }

    [Benchmark(Baseline = true)]
    public int CompareOrdinal() => string.CompareOrdinal(_left, _right);

    [Benchmark]
    public int CompareCodePoint() => KeyRange.Comparer.Compare(_left, _right);

    [Benchmark]
    public void Sort1000KeysByCodePoint()
    {
        _keys.CopyTo(_scratch, 0);
        Array.Sort(_scratch, KeyRange.Comparer);
    }
}
