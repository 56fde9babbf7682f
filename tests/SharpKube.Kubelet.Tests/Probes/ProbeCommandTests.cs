using k8s.Models;
using SharpKube.Kubelet.Probes;

namespace SharpKube.Kubelet.Tests.Probes;

public sealed class ProbeCommandTests
{
    [Theory]
    [InlineData("$(PORT)", "8080")]
    [InlineData("http://localhost:$(PORT)/$(PATH_PART)", "http://localhost:8080/healthz")]
    [InlineData("$$(PORT)", "$(PORT)")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$(FROM_SECRET)", "$(FROM_SECRET)")]
    [InlineData("cost: $5 $(", "cost: $5 $(")]
    public void Expand_ReplacesReferencesToLiteralEnvValuesOnly(string argument, string expected)
    {
        var container = new V1Container
        {
            Name = "app",
            Env =
            [
                new V1EnvVar { Name = "PORT", Value = "8080" },
                new V1EnvVar { Name = "PATH_PART", Value = "healthz" },
                new V1EnvVar { Name = "FROM_SECRET", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = "k" } } },
            ],
        };

        Assert.Equal([expected], ProbeCommand.Expand([argument], container));
    }
}
