using k8s;
using k8s.Models;
using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Plugins.DefaultBinder;

/// <summary>Bind: <c>POST pods/&lt;name&gt;/binding</c> with the node as the target, as upstream's default binder.</summary>
public sealed class DefaultBinderPlugin : IBindPlugin
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "DefaultBinder";

    private readonly IKubernetes _client;

    /// <summary>A binder writing through <paramref name="client"/>.</summary>
    public DefaultBinderPlugin(IKubernetes client) => _client = client;

    /// <inheritdoc/>
    public string Name => PluginName;

    /// <inheritdoc/>
    public async ValueTask<Status> BindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var binding = new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = pod.Name, NamespaceProperty = pod.Namespace, Uid = pod.Uid },
            Target = new V1ObjectReference { Kind = "Node", Name = nodeName },
        };
        await _client.CoreV1.CreateNamespacedPodBindingAsync(binding, pod.Name, pod.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Status.Success;
    }
}
