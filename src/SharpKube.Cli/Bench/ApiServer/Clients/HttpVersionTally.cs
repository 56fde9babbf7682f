namespace SharpKube.Cli.Bench.ApiServer.Clients;

/// <summary>Counts the HTTP versions the server answered with, so the report says which protocol was measured.</summary>
internal sealed class HttpVersionTally
{
    private long _http11;
    private long _http2;
    private long _other;

    /// <summary>Counts one response.</summary>
    public void Add(Version version)
    {
        if (version.Major == 2)
        {
            Interlocked.Increment(ref _http2);
        }
        else if (version.Major == 1)
        {
            Interlocked.Increment(ref _http11);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
    }

    /// <summary>The versions seen, each with its response count, most used first.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var counts = new[]
        {
            ("HTTP/2", Interlocked.Read(ref _http2)),
            ("HTTP/1.1", Interlocked.Read(ref _http11)),
            ("other", Interlocked.Read(ref _other)),
        };
        return counts.Where(c => c.Item2 > 0).OrderByDescending(c => c.Item2).ToDictionary(c => c.Item1, c => c.Item2);
    }
}
