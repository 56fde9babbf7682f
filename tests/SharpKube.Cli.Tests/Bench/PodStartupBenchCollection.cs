namespace SharpKube.Cli.Tests.Bench;

/// <summary>
/// The pod start benchmark runs real pods on a managed containerd: its test runs alone, never beside other tests, so that
/// neither competes for the two cores nor sees the other's pods.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PodStartupBenchCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "pod-startup bench";
}
