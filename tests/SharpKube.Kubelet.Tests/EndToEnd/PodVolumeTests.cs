using System.Text;
using k8s;
using k8s.Models;

namespace SharpKube.Kubelet.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed class PodVolumeTests(ClusterFixture cluster) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("skx-out-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfigMapSecretDownwardApiAndProjectedVolumes_HoldTheExpectedFiles_AndAConfigMapUpdateReachesThePod()
    {
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings" },
            Data = new Dictionary<string, string> { ["greeting"] = "hello", ["color"] = "blue" },
        }, "default", cancellationToken: Ct);
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds" },
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
        }, "default", cancellationToken: Ct);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "volumes", Labels = new Dictionary<string, string> { ["app"] = "volumes" } },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Volumes =
                [
                    new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } },
                    new V1Volume { Name = "sec", Secret = new V1SecretVolumeSource { SecretName = "creds" } },
                    new V1Volume
                    {
                        Name = "info",
                        DownwardAPI = new V1DownwardAPIVolumeSource
                        {
                            Items =
                            [
                                new V1DownwardAPIVolumeFile { Path = "name", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } },
                                new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } },
                            ],
                        },
                    },
                    new V1Volume
                    {
                        Name = "all",
                        Projected = new V1ProjectedVolumeSource
                        {
                            Sources =
                            [
                                new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "settings", Items = [new V1KeyToPath { Key = "color", Path = "c/color" }] } },
                                new V1VolumeProjection { Secret = new V1SecretProjection { Name = "creds" } },
                            ],
                        },
                    },
                    new V1Volume { Name = "out", HostPath = new V1HostPathVolumeSource { Path = _out, Type = "Directory" } },
                ],
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Image = "busybox:1.35",
                        Command = ["sh", "-c",
                            "cat /cfg/color /sec/password /info/name /info/labels /all/c/color /all/password > /out/first; " +
                            "while true; do cat /cfg/greeting > /out/greeting.tmp && mv /out/greeting.tmp /out/greeting; sleep 1; done"],
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "cfg", MountPath = "/cfg" },
                            new V1VolumeMount { Name = "sec", MountPath = "/sec" },
                            new V1VolumeMount { Name = "info", MountPath = "/info" },
                            new V1VolumeMount { Name = "all", MountPath = "/all" },
                            new V1VolumeMount { Name = "out", MountPath = "/out" },
                        ],
                    },
                ],
            },
        };
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);
        try
        {
            await cluster.WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(_out, "first"))), TimeSpan.FromSeconds(90), "the pod wrote what it sees");

            Assert.Equal("blues3cretvolumesapp=\"volumes\"blues3cret", await File.ReadAllTextAsync(Path.Combine(_out, "first"), Ct));
            await cluster.WaitUntilAsync(async () => File.Exists(Path.Combine(_out, "greeting"))
                && await File.ReadAllTextAsync(Path.Combine(_out, "greeting"), Ct) == "hello", TimeSpan.FromSeconds(30), "the greeting is seen");
            await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(
                new V1Patch("{\"data\":{\"greeting\":\"bonjour\"}}", V1Patch.PatchType.MergePatch), "settings", "default", cancellationToken: Ct);
            await cluster.WaitUntilAsync(async () => await File.ReadAllTextAsync(Path.Combine(_out, "greeting"), Ct) == "bonjour",
                TimeSpan.FromSeconds(90), "the updated greeting reaches the pod");
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "volumes", "--wait=true");
            await cluster.Kubectl.RunAsync("delete", "configmap", "settings");
            await cluster.Kubectl.RunAsync("delete", "secret", "creds");
            await cluster.AssertNothingLeftAsync();
        }
    }

    [Fact]
    public async Task APodWhoseConfigMapIsMissing_WaitsWithAFailedMountEvent_ThenStartsWhenItAppears()
    {
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "waits" },
            Spec = new V1PodSpec
            {
                TerminationGracePeriodSeconds = 1,
                Volumes = [new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "later" } }],
                Containers = [new V1Container { Name = "main", Image = "busybox:1.35", Command = ["sleep", "3600"],
                    VolumeMounts = [new V1VolumeMount { Name = "cfg", MountPath = "/cfg" }] }],
            },
        }, "default", cancellationToken: Ct);
        try
        {
            await cluster.WaitUntilAsync(async () =>
            {
                var events = await cluster.Kubectl.RunAsync("get", "events", "--field-selector", "involvedObject.name=waits", "-o",
                    "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
                return events.Output.Contains("FailedMount: MountVolume.SetUp failed for volume \"cfg\" : configmap \"later\" not found", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(60), "a FailedMount event names the missing ConfigMap");
            var pending = await cluster.Client.CoreV1.ReadNamespacedPodAsync("waits", "default", cancellationToken: Ct);
            Assert.Equal("Pending", pending.Status.Phase);

            await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = "later" },
                Data = new Dictionary<string, string> { ["k"] = "v" },
            }, "default", cancellationToken: Ct);
            await cluster.WaitForPodAsync("default", "waits", p => p.Status?.Phase == "Running", "waits runs once its ConfigMap exists");
        }
        finally
        {
            await cluster.Kubectl.RunAsync("delete", "pod", "waits", "--wait=true");
            await cluster.Kubectl.RunAsync("delete", "configmap", "later");
            await cluster.AssertNothingLeftAsync();
        }
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}
