using k8s;
using k8s.Models;

namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// Creates a namespace through the KubernetesClient (kubectl 1.32's <c>create namespace</c> sends protobuf),
/// so each test works in its own.
/// </summary>
public static class KubectlTestNamespace
{
    /// <summary>Creates namespace <paramref name="name"/> and returns its name.</summary>
    public static async Task<string> CreateAsync(ApiServerFixture fixture, string name)
    {
        await fixture.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } },
            cancellationToken: TestContext.Current.CancellationToken);
        return name;
    }
}
