using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Cli.Tests.Commands;

/// <summary>A node with allocatable resources, as a kubelet would register it, and a pod for the scheduler to place.</summary>
internal static class SchedulerNodes
{
    public static async Task CreateAsync(Kubernetes client, string name)
    {
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: TestContext.Current.CancellationToken);
        var resources = new JsonObject { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110" };
        var status = new JsonObject { ["status"] = new JsonObject { ["allocatable"] = resources, ["capacity"] = resources.DeepClone() } };
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), name,
            cancellationToken: TestContext.Current.CancellationToken);
    }

    public static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "busybox:1.35" }] },
    };
}
