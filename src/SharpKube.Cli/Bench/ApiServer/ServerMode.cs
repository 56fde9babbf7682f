namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>How the API server under test runs.</summary>
internal enum ServerMode
{
    /// <summary>A <c>sharpkube apiserver</c> child process: its memory is measured alone.</summary>
    ChildProcess,

    /// <summary>Inside the benchmark process: its memory includes the benchmark's clients.</summary>
    InProcess,

    /// <summary>A server that was already running, reached with <c>--server</c> and <c>--kubeconfig</c>.</summary>
    External,
}
