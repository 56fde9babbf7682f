using System.Globalization;
using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// What <c>kubectl get pods</c> condenses a pod's status into: the STATUS reason, the ready and total
/// container counts of READY, and the restart count with the time of the last restart.
/// </summary>
/// <param name="Reason">The STATUS cell, e.g. <c>Running</c>, <c>Init:0/2</c>, <c>CrashLoopBackOff</c>.</param>
/// <param name="ReadyContainers">Containers (and started sidecars) that are ready.</param>
/// <param name="TotalContainers">Containers plus restartable init containers (sidecars).</param>
/// <param name="Restarts">Restarts counted the way upstream counts them.</param>
/// <param name="LastRestart">When the most recently restarted container last terminated, if known.</param>
internal sealed record PodStatusSummary(string Reason, int ReadyContainers, int TotalContainers, long Restarts, DateTimeOffset? LastRestart)
{
    private const string NodeUnreachablePodReason = "NodeLost";

    /// <summary>Summarises a pod.</summary>
    public static PodStatusSummary Of(JsonElement pod)
    {
        var spec = pod.Field("spec");
        var status = pod.Field("status");
        var phase = status.Field("phase").Text();
        var reason = status.Field("reason").Text() is { Length: > 0 } statusReason ? statusReason : phase;
        foreach (var condition in status.Field("conditions").Items())
        {
            if (condition.Field("type").Text() == "PodScheduled" && condition.Field("reason").Text() == "SchedulingGated")
            {
                reason = "SchedulingGated";
            }
        }

        // Restartable init containers (sidecars) count towards READY; the last one of a name wins, as in a map.
        var sidecars = new Dictionary<string, bool>(StringComparer.Ordinal);
        var total = spec.Field("containers").Count();
        foreach (var container in spec.Field("initContainers").Items())
        {
            var restartable = container.Field("restartPolicy").Text() == "Always";
            sidecars[container.Field("name").Text()] = restartable;
            if (restartable)
            {
                total++;
            }
        }

        var counts = new Counts();
        var initializing = false;
        var initStatuses = status.Field("initContainerStatuses").Items().ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var isSidecar = sidecars.GetValueOrDefault(container.Field("name").Text());
            counts.AddInit(container, isSidecar);
            var state = container.Field("state");
            var terminated = state.Field("terminated");
            if (terminated.IsPresent() && terminated.Field("exitCode").Int64() == 0)
            {
                continue;
            }
            if (isSidecar && container.Field("started").Bool())
            {
                if (container.Field("ready").Bool())
                {
                    counts.Ready++;
                }
                continue;
            }
            var waitingReason = state.At("waiting", "reason").Text();
            if (terminated.IsPresent())
            {
                reason = "Init:" + TerminatedReason(terminated);
            }
            else if (waitingReason.Length > 0 && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = "Init:" + Number(i) + "/" + Number(spec.Field("initContainers").Count());
            }
            initializing = true;
            break;
        }

        if (!initializing || IsInitialized(status))
        {
            counts.StartContainers();
            var hasRunning = false;
            var statuses = status.Field("containerStatuses").Items().ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                counts.AddContainer(container);
                var state = container.Field("state");
                var waitingReason = state.At("waiting", "reason").Text();
                var terminated = state.Field("terminated");
                if (waitingReason.Length > 0)
                {
                    reason = waitingReason;
                }
                else if (terminated.IsPresent())
                {
                    reason = TerminatedReason(terminated);
                }
                else if (container.Field("ready").Bool() && state.Field("running").IsPresent())
                {
                    hasRunning = true;
                    counts.Ready++;
                }
            }

            // A pod whose last container completed but which still has a running one is not "Completed".
            if (reason == "Completed" && hasRunning)
            {
                reason = HasTrueCondition(status, "Ready") ? "Running" : "NotReady";
            }
        }

        if (ObjectMetadata.IsDeleting(pod) && status.Field("reason").Text() == NodeUnreachablePodReason)
        {
            reason = "Unknown";
        }
        else if (ObjectMetadata.IsDeleting(pod) && phase is not ("Failed" or "Succeeded"))
        {
            reason = "Terminating";
        }
        return new(reason, counts.Ready, total, counts.Restarts, counts.LastRestart);
    }

    // A terminated state's reason; without one, the signal or the exit code.
    private static string TerminatedReason(JsonElement terminated)
    {
        if (terminated.Field("reason").Text() is { Length: > 0 } reason)
        {
            return reason;
        }
        var signal = terminated.Field("signal").Int64();
        return signal != 0 ? "Signal:" + Number(signal) : "ExitCode:" + Number(terminated.Field("exitCode").Int64());
    }

    private static bool IsInitialized(JsonElement status)
    {
        foreach (var condition in status.Field("conditions").Items())
        {
            if (condition.Field("type").Text() == "Initialized")
            {
                return condition.Field("status").Text() == "True";
            }
        }
        return false;
    }

    private static bool HasTrueCondition(JsonElement status, string type) =>
        status.Field("conditions").Items().Any(c => c.Field("type").Text() == type && c.Field("status").Text() == "True");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Restart bookkeeping: all restarts seen, and those of sidecars, which alone survive initialization.</summary>
    private sealed class Counts
    {
        private long _sidecarRestarts;
        private DateTimeOffset? _lastSidecarRestart;

        public int Ready { get; set; }

        public long Restarts { get; private set; }

        public DateTimeOffset? LastRestart { get; private set; }

        public void AddInit(JsonElement container, bool isSidecar)
        {
            var count = container.Field("restartCount").Int64();
            var finished = container.At("lastState", "terminated", "finishedAt").Timestamp();
            Restarts += count;
            LastRestart = Latest(LastRestart, finished);
            if (isSidecar)
            {
                _sidecarRestarts += count;
                _lastSidecarRestart = Latest(_lastSidecarRestart, finished);
            }
        }

        // Once containers run, only sidecar restarts carry over from the init phase.
        public void StartContainers()
        {
            Restarts = _sidecarRestarts;
            LastRestart = _lastSidecarRestart;
        }

        public void AddContainer(JsonElement container)
        {
            Restarts += container.Field("restartCount").Int64();
            LastRestart = Latest(LastRestart, container.At("lastState", "terminated", "finishedAt").Timestamp());
        }

        private static DateTimeOffset? Latest(DateTimeOffset? current, DateTimeOffset? candidate) =>
            candidate is { } value && (current is null || current < value) ? value : current;
    }
}
