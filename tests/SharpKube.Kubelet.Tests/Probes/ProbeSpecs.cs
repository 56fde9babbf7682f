using k8s.Models;

namespace SharpKube.Kubelet.Tests.Probes;

/// <summary>Probe and container specs for the tests, with short periods so that they settle quickly.</summary>
internal static class ProbeSpecs
{
    public static V1Probe Exec(params string[] command) => new()
    {
        Exec = new V1ExecAction { Command = command },
        PeriodSeconds = 1,
        TimeoutSeconds = 1,
        FailureThreshold = 1,
    };

    public static V1Probe HttpGet(int port, string path = "/", int timeoutSeconds = 1) => HttpGet((IntOrString)port, path, timeoutSeconds);

    public static V1Probe HttpGet(IntOrString port, string path = "/", int timeoutSeconds = 1) => new()
    {
        HttpGet = new V1HTTPGetAction { Port = port, Path = path },
        TimeoutSeconds = timeoutSeconds,
    };

    public static V1Container Container(string name = "app") => new() { Name = name, Image = "docker.io/library/busybox:1.35" };
}
