using SharpKube.Kubelet.Status;

namespace SharpKube.Kubelet.Pods;

/// <summary>What one pass over a pod's containers left: why containers are held back, and when to look again.</summary>
public sealed class SyncOutcome
{
    /// <summary>Why containers the kubelet wants running are not, by container name.</summary>
    public Dictionary<string, ContainerWaiting> Waiting { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether this pass created a new sandbox: the containers are started in the same sync, from a fresh read of the runtime.</summary>
    public bool SandboxCreated { get; set; }

    /// <summary>The soonest time the pod should be synced again for its own sake (a backoff ending), or null.</summary>
    public TimeSpan? Again { get; private set; }

    /// <summary>Asks for another sync within <paramref name="delay"/>.</summary>
    public void SyncAgainWithin(TimeSpan delay)
    {
        if (Again is null || delay < Again)
        {
            Again = delay;
        }
    }
}
