using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace SharpKube.Scheduler.Tests.Fixtures;

/// <summary>Hand-made nodes with what a kubelet would report for the scheduler: allocatable resources, and taints.</summary>
public static class SchedulableNodes
{
    /// <summary>Creates a Ready node (and its Lease) with <paramref name="cpu"/>, <paramref name="memory"/> and <paramref name="pods"/> allocatable.</summary>
    public static async Task<HandMadeNode> CreateAsync(Kubernetes client, string name, string cpu = "4", string memory = "8Gi", int pods = 110,
        IList<V1Taint>? taints = null)
    {
        var node = await HandMadeNode.CreateAsync(client, name, "zone-a");
        var resources = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var status = new JsonObject { ["status"] = new JsonObject { ["allocatable"] = resources, ["capacity"] = resources.DeepClone() } };
        await client.CoreV1.PatchNodeStatusAsync(new V1Patch(status.ToJsonString(), V1Patch.PatchType.MergePatch), name,
            cancellationToken: TestContext.Current.CancellationToken);
        if (taints is { Count: > 0 })
        {
            await client.CoreV1.PatchNodeAsync(new V1Patch(new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["taints"] = new JsonArray([.. taints.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value, ["effect"] = t.Effect })]),
                },
            }.ToJsonString(), V1Patch.PatchType.MergePatch), name, cancellationToken: TestContext.Current.CancellationToken);
        }
        return node;
    }
}
