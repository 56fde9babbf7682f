using k8s;
using k8s.Models;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ServerRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Kubernetes ClientFor(string kubeconfigPath, Uri? server = null)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        if (server is not null)
        {
            config.Host = server.ToString();
        }
        return new Kubernetes(config);
    }

    [Fact]
    public async Task Server_KilledAndRestartedOnTheSameDataDir_KeepsEveryAcknowledgedObjectItsPkiAndOrdersNewWritesAfter()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-restart-test-").FullName;
        try
        {
            var kubeconfig = Path.Combine(dataDir, "admin.kubeconfig");
            var oldKubeconfig = Path.Combine(dataDir, "admin-before-restart.kubeconfig");
            var acknowledged = new Dictionary<string, (string Uid, string Rv)>();
            string caBefore;
            using (var first = await ServerProcess.StartAsync(dataDir))
            {
                using var client = ClientFor(kubeconfig);
                await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "restart" } }, cancellationToken: Ct);
                for (var i = 0; i < 25; i++)
                {
                    var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                    {
                        Metadata = new V1ObjectMeta { Name = $"cm-{i:D2}" },
                        Data = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    }, "restart", cancellationToken: Ct);
                    acknowledged[created.Metadata.Name] = (created.Metadata.Uid, created.Metadata.ResourceVersion);
                }
                var updated = await client.CoreV1.PatchNamespacedConfigMapAsync(
                    new V1Patch("""{"data":{"i":"updated"}}""", V1Patch.PatchType.MergePatch), "cm-03", "restart", cancellationToken: Ct);
                acknowledged["cm-03"] = (updated.Metadata.Uid, updated.Metadata.ResourceVersion);
                File.Copy(kubeconfig, oldKubeconfig);
                caBefore = await File.ReadAllTextAsync(Path.Combine(dataDir, "pki", "ca.crt"), Ct);

                await first.KillAsync();
            }

            using var second = await ServerProcess.StartAsync(dataDir);
            using var after = ClientFor(kubeconfig);

            var list = await after.CoreV1.ListNamespacedConfigMapAsync("restart", cancellationToken: Ct);
            Assert.Equal(acknowledged.OrderBy(a => a.Key, StringComparer.Ordinal),
                list.Items.Where(i => i.Metadata.Name.StartsWith("cm-", StringComparison.Ordinal))
                    .Select(i => KeyValuePair.Create(i.Metadata.Name, (i.Metadata.Uid, i.Metadata.ResourceVersion))));
            Assert.Equal("updated", list.Items.Single(i => i.Metadata.Name == "cm-03").Data["i"]);

            var newest = acknowledged.Values.Max(a => long.Parse(a.Rv, System.Globalization.CultureInfo.InvariantCulture));
            var written = await after.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "new" } },
                "restart", cancellationToken: Ct);
            Assert.True(long.Parse(written.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > newest);

            // The cluster CA and the admin credentials survive: the old kubeconfig still verifies and authenticates.
            Assert.Equal(caBefore, await File.ReadAllTextAsync(Path.Combine(dataDir, "pki", "ca.crt"), Ct));
            using var withOldKubeconfig = ClientFor(oldKubeconfig, second.Url);
            var read = await withOldKubeconfig.CoreV1.ReadNamespacedConfigMapAsync("new", "restart", cancellationToken: Ct);
            Assert.Equal(written.Metadata.Uid, read.Metadata.Uid);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
