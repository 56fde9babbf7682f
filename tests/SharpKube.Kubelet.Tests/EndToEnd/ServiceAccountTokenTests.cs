using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

/// <summary>Projected service account tokens: requested by the kubelet, usable against the API server until the pod is gone.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ServiceAccountTokenTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static V1Pod TokenPod(string name, string serviceAccount) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            ServiceAccountName = serviceAccount,
            Volumes =
            [
                new V1Volume
                {
                    Name = "tokens",
                    Projected = new V1ProjectedVolumeSource
                    {
                        Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "api", ExpirationSeconds = 600 } }],
                    },
                },
            ],
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = "busybox:1.35",
                    Command = ["sh", "-c", "cat /var/run/secrets/tokens/api; echo; stat -L -c %a /var/run/secrets/tokens/api; sleep 3600"],
                    VolumeMounts = [new V1VolumeMount { Name = "tokens", MountPath = "/var/run/secrets/tokens" }],
                },
            ],
        },
    };

    private Kubernetes ClientWithToken(string token)
    {
        var admin = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig);
        return new Kubernetes(new KubernetesClientConfiguration { Host = admin.Host, SslCaCerts = admin.SslCaCerts, AccessToken = token });
    }

    private static async Task<HttpStatusCode> ListPodsStatusAsync(Kubernetes client)
    {
        try
        {
            await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Ct);
            return HttpStatusCode.OK;
        }
        catch (HttpOperationException e)
        {
            return e.Response.StatusCode;
        }
    }

    [Fact]
    public async Task APodsProjectedToken_AuthenticatesAsItsServiceAccount_UntilThePodIsDeleted()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(TokenPod("token-reader", "default"), "default", cancellationToken: Ct);
        var deleted = false;
        try
        {
            var pod = await cluster.WaitForPodAsync("default", "token-reader", p => p.Status?.Phase == "Running", "token-reader runs");
            string[] lines = [];
            await cluster.WaitUntilAsync(async () =>
            {
                var logs = await cluster.Kubectl.RunAsync("logs", "token-reader");
                lines = logs.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                return lines.Length >= 2;
            }, TimeSpan.FromSeconds(30), "the pod printed its token");
            var token = lines[0].Trim();
            Assert.Equal("644", lines[1].Trim());
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
            var kubernetes = claims.RootElement.GetProperty("kubernetes.io");
            Assert.Equal("system:serviceaccount:default:default", claims.RootElement.GetProperty("sub").GetString());
            Assert.Equal(pod.Metadata.Uid, kubernetes.GetProperty("pod").GetProperty("uid").GetString());
            Assert.Equal(ClusterFixture.NodeName, kubernetes.GetProperty("node").GetProperty("name").GetString());
            Assert.Equal(600, claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64());
            using var asPod = ClientWithToken(token);
            Assert.Equal(HttpStatusCode.OK, await ListPodsStatusAsync(asPod));

            await cluster.Kubectl.RunAsync("delete", "pod", "token-reader", "--wait=true");
            deleted = true;

            await cluster.WaitUntilAsync(async () => await ListPodsStatusAsync(asPod) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30),
                "the deleted pod's token is refused");
        }
        finally
        {
            if (!deleted)
            {
                await cluster.Kubectl.RunAsync("delete", "pod", "token-reader", "--wait=true");
            }
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task APodWhoseServiceAccountIsMissing_WaitsWithAFailedMountEvent_ThenStartsWhenItAppears()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(TokenPod("token-waits", "robot"), "default", cancellationToken: Ct);
        try
        {
            await cluster.WaitUntilAsync(async () =>
            {
                var events = await cluster.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=token-waits", "-o",
                    "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
                return events.Output.Contains(
                    "FailedMount: MountVolume.SetUp failed for volume \"tokens\" : failed to fetch token: serviceaccounts \"robot\" not found",
                    StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(60), "a FailedMount event names the missing service account");
            var pending = await cluster.Client.CoreV1.ReadNamespacedPodAsync("token-waits", "default", cancellationToken: Ct);
            Assert.Equal("Pending", pending.Status.Phase);

            await cluster.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "robot" } },
                "default", cancellationToken: Ct);

            await cluster.WaitForPodAsync("default", "token-waits", p => p.Status?.Phase == "Running", "token-waits runs once its service account exists");
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "token-waits", "--wait=true");
            await cluster.Kubectl.RunAsync("delete", "serviceaccount", "robot");
            await cluster.AssertNothingLeftAsync();
        }
    }
}
