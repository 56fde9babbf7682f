namespace SharpKube.Cli.Bench.Storage;

/// <summary>
/// Key names shaped like Kubernetes registry keys: <c>/registry/bench/&lt;phase&gt;-&lt;run&gt;/&lt;writer&gt;-&lt;n&gt;</c>.
/// Each phase has its own prefix, so phases neither see nor conflict with each other's keys, and the run id keeps
/// runs against the same data directory or etcd apart.
/// </summary>
internal sealed class BenchKeys
{
    private readonly string _run;

    public BenchKeys(string run)
    {
        _run = run;
    }

    /// <summary>A new run with a random id.</summary>
    public static BenchKeys ForNewRun() => new(Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The prefix of one phase, ending in '/'.</summary>
    public string Prefix(string phase) => $"/registry/bench/{phase}-{_run}/";

    /// <summary>The <paramref name="n"/>-th key of <paramref name="writer"/> under <paramref name="prefix"/>.</summary>
    public static string Key(string prefix, int writer, long n) => $"{prefix}{writer}-{n}";
}
