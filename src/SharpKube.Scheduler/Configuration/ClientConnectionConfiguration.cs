namespace SharpKube.Scheduler.Configuration;

/// <summary>The file's <c>clientConnection</c>, with upstream's defaults.</summary>
public sealed record ClientConnectionConfiguration
{
    /// <summary>The kubeconfig to reach the API server with (empty: none given; <c>--kubeconfig</c> then must be).</summary>
    public string Kubeconfig { get; init; } = "";

    /// <summary>Requests per second allowed to the API server (accepted; the client does not throttle).</summary>
    public double Qps { get; init; } = 50;

    /// <summary>Burst above <see cref="Qps"/> (accepted; the client does not throttle).</summary>
    public int Burst { get; init; } = 100;
}
