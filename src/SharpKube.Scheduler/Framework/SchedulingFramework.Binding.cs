namespace SharpKube.Scheduler.Framework;

/// <summary>Reserve, Permit and the binding cycle's extension points.</summary>
public sealed partial class SchedulingFramework
{
    /// <summary>Reserve: in order; the first failure stops (the caller then runs <see cref="RunReservePluginsUnreserve"/>).</summary>
    public Status RunReservePluginsReserve(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _plugins.Reserve)
        {
            var status = Guard(plugin, () => plugin.Reserve(state, pod, nodeName));
            if (!status.IsSuccess)
            {
                return status.IsRejected ? status.WithPlugin(plugin.Name) : Wrap(status, "Reserve", plugin);
            }
        }
        return Status.Success;
    }

    /// <summary>Unreserve: every Reserve plugin, in reverse order; failures are the plugins' own to log.</summary>
    public void RunReservePluginsUnreserve(CycleState state, PodInfo pod, string nodeName)
    {
        for (var i = _plugins.Reserve.Length - 1; i >= 0; i--)
        {
            var plugin = _plugins.Reserve[i];
            Guard(plugin, () =>
            {
                plugin.Unreserve(state, pod, nodeName);
                return Status.Success;
            });
        }
    }

    /// <summary>
    /// Permit: a rejection or error stops at once; Waits are collected (each timeout capped at 15 minutes) and the
    /// pod is registered as waiting, returning <see cref="StatusCode.Wait"/>.
    /// </summary>
    public Status RunPermitPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        Dictionary<string, TimeSpan>? waits = null;
        foreach (var plugin in _plugins.Permit)
        {
            var timeout = TimeSpan.Zero;
            var status = Guard(plugin, () => plugin.Permit(state, pod, nodeName, out timeout));
            if (status.IsSuccess)
            {
                continue;
            }
            if (status.IsRejected)
            {
                return status.WithPlugin(plugin.Name);
            }
            if (status.IsWait)
            {
                (waits ??= new(StringComparer.Ordinal))[plugin.Name] = timeout > MaxPermitTimeout ? MaxPermitTimeout : timeout;
                continue;
            }
            return Wrap(status, "Permit", plugin);
        }
        if (waits is null)
        {
            return Status.Success;
        }
        Handle.WaitingPods.Add(pod, waits);
        return Status.Of(StatusCode.Wait, null, $"one or more plugins asked to wait and no plugin rejected pod \"{pod.Name}\"");
    }

    /// <summary>Waits until a pod that Permit held is allowed or rejected (success at once when it was not held).</summary>
    public async Task<Status> WaitOnPermitAsync(PodInfo pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (Handle.WaitingPods.Get(pod.Uid) is not { } waiting)
        {
            return Status.Success;
        }
        try
        {
            var status = await waiting.Decision.WaitAsync(cancellationToken).ConfigureAwait(false);
            return status.IsSuccess || status.IsRejected
                ? status
                : Status.FromError(new InvalidOperationException("waiting on permit for pod: " + status.Message, status.Error), status.Plugin);
        }
        finally
        {
            Handle.WaitingPods.Remove(pod.Uid);
        }
    }

    /// <summary>PreBind: in order; the first failure stops.</summary>
    public async Task<Status> RunPreBindPluginsAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken)
    {
        foreach (var plugin in _plugins.PreBind)
        {
            var status = await GuardAsync(plugin, () => plugin.PreBindAsync(state, pod, nodeName, cancellationToken)).ConfigureAwait(false);
            if (!status.IsSuccess)
            {
                return status.IsRejected ? status.WithPlugin(plugin.Name) : Wrap(status, "PreBind", plugin);
            }
        }
        return Status.Success;
    }

    /// <summary>Bind: the first plugin that does not skip binds; all skipping returns Skip.</summary>
    public async Task<Status> RunBindPluginsAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken cancellationToken)
    {
        var status = Status.SkipStatus;
        foreach (var plugin in _plugins.Bind)
        {
            status = await GuardAsync(plugin, () => plugin.BindAsync(state, pod, nodeName, cancellationToken)).ConfigureAwait(false);
            if (status.IsSkip)
            {
                continue;
            }
            if (!status.IsSuccess)
            {
                return status.IsRejected ? status.WithPlugin(plugin.Name) : Wrap(status, "Bind", plugin);
            }
            return status;
        }
        return status;
    }

    /// <summary>PostBind: every plugin, in order.</summary>
    public void RunPostBindPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var plugin in _plugins.PostBind)
        {
            Guard(plugin, () =>
            {
                plugin.PostBind(state, pod, nodeName);
                return Status.Success;
            });
        }
    }

    private static async Task<Status> GuardAsync(IPlugin plugin, Func<ValueTask<Status>> run)
    {
        try
        {
            return await run().ConfigureAwait(false) ?? Status.Success;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return Status.FromError(e, plugin.Name);
        }
    }
}
