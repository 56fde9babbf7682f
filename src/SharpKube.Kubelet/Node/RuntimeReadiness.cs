using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Node;

/// <summary>The container runtime's own view of its health (CRI <c>Status</c>), as the node's Ready condition words it.</summary>
public static class RuntimeReadiness
{
    /// <summary>
    /// Null when the runtime and its network are ready; else upstream's Ready message, e.g. "container runtime network
    /// not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not
    /// initialized".
    /// </summary>
    public static async Task<string?> ProblemAsync(RuntimeService.RuntimeServiceClient runtime, CancellationToken cancellationToken)
    {
        StatusResponse status;
        try
        {
            status = await runtime.StatusAsync(new StatusRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return "container runtime is down: " + e.Message;
        }
        var conditions = status.Status?.Conditions ?? [];
        var runtimeReady = conditions.FirstOrDefault(c => c.Type == "RuntimeReady");
        if (runtimeReady is not { Status: true })
        {
            return "container runtime status check may not have completed yet" + Describe(runtimeReady, "RuntimeReady");
        }
        var networkReady = conditions.FirstOrDefault(c => c.Type == "NetworkReady");
        return networkReady is { Status: true } ? null : "container runtime network not ready" + Describe(networkReady, "NetworkReady");
    }

    private static string Describe(RuntimeCondition? condition, string type) => condition is null
        ? $": {type}=false"
        : $": {type}=false reason:{condition.Reason} message:{condition.Message}";
}
