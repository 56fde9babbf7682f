using k8s;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class StaticPodTests(ClusterFixture cluster)
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: static-web
          labels:
            app: static-web
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: busybox:1.35
            command: ["sleep", "3600"]
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AManifestFile_RunsAStaticPod_WithAMirrorPodThatComesBackWhenDeleted()
    {
        var directory = Path.Combine(cluster.DataDir, "agent", "pod-manifests");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "static-web.yaml");
        await File.WriteAllTextAsync(file, Manifest, Ct);
        var name = "static-web-" + ClusterFixture.NodeName;
        try
        {
            var mirror = await cluster.WaitForPodAsync("default", name, p => p.Status?.Phase == "Running", "the mirror pod reports Running");

            Assert.True(mirror.Metadata.Annotations.ContainsKey("kubernetes.io/config.mirror"));
            Assert.Equal("file", mirror.Metadata.Annotations["kubernetes.io/config.source"]);
            Assert.Equal("Node", Assert.Single(mirror.Metadata.OwnerReferences).Kind);
            var containerId = mirror.Status.ContainerStatuses.Single().ContainerID;

            await cluster.Client.CoreV1.DeleteNamespacedPodAsync(name, "default", cancellationToken: Ct);
            var again = await cluster.WaitForPodAsync("default", name,
                p => p.Metadata.Uid != mirror.Metadata.Uid && p.Status?.ContainerStatuses?.FirstOrDefault()?.ContainerID is not null,
                "the mirror pod is created again with the static pod's status");
            Assert.Equal(containerId, again.Status.ContainerStatuses.Single().ContainerID);
        }
        finally
        {
            File.Delete(file);
            await cluster.WaitUntilAsync(async () => (await cluster.Kubectl.RunAsync("get", "pod", name)).ExitCode != 0,
                TimeSpan.FromSeconds(60), "the mirror pod is gone once the manifest is");
            await cluster.AssertNothingLeftAsync();
        }
    }
}
