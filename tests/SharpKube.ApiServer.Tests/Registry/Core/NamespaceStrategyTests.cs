using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Registry.Namespaces;

namespace SharpKube.ApiServer.Tests.Registry.Core;

public sealed class NamespaceStrategyTests
{
    [Fact]
    public void PrepareForCreate_AddsNameLabelKubernetesFinalizerAndActivePhase()
    {
        var ns = Json.Parse("""{"metadata":{"name":"team-a","labels":{"owner":"me"}},"spec":{"finalizers":["example.com/cleanup"]}}""");

        NamespaceStrategy.Instance.PrepareForCreate(ns);

        Json.Equal("""
            {"metadata":{"name":"team-a","labels":{"owner":"me","kubernetes.io/metadata.name":"team-a"}},
             "spec":{"finalizers":["example.com/cleanup","kubernetes"]},"status":{"phase":"Active"}}
            """, ns);
        Assert.Equal(NameRule.DnsLabel, NamespaceStrategy.Instance.NameRule);
    }

    [Fact]
    public void PrepareForUpdate_KeepsFinalizersAndStatusFromTheStoredObject()
    {
        var old = Json.Parse("""{"metadata":{"name":"team-a"},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating"}}""");
        var updated = Json.Parse("""{"metadata":{"name":"team-a"},"spec":{"finalizers":[]},"status":{"phase":"Active"}}""");

        NamespaceStrategy.Instance.PrepareForUpdate(updated, old);

        Json.Equal("""
            {"metadata":{"name":"team-a","labels":{"kubernetes.io/metadata.name":"team-a"}},
             "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating"}}
            """, updated);
    }
}
