using k8s.Models;

namespace SharpKube.Kubelet.Status;

/// <summary>The pod phase from its container statuses, by upstream's rules.</summary>
public static class PodPhaseRules
{
    /// <summary>
    /// Pending until every init container succeeded (Failed when one failed and the pod never restarts); then from
    /// the app containers: Pending while one waits to start for the first time, Running while one runs, and once
    /// all stopped Succeeded, Failed or — when they will be restarted — Running.
    /// </summary>
    public static string Phase(V1Pod pod, IReadOnlyList<V1ContainerStatus> initStatuses, IReadOnlyList<V1ContainerStatus> statuses)
    {
        var restartPolicy = pod.Spec?.RestartPolicy ?? "Always";
        var appsRan = statuses.Any(HasRun);
        int running = 0, waiting = 0, stopped = 0, succeeded = 0, unknown = 0;
        foreach (var init in pod.Spec?.InitContainers ?? [])
        {
            if (init.RestartPolicy == "Always")
            {
                // Sidecars: one not started yet holds initialization until an app container ran; a running one keeps
                // the pod running; a terminated one does not count.
                var sidecar = initStatuses.FirstOrDefault(s => s.Name == init.Name);
                if (sidecar?.Started != true && !appsRan)
                {
                    return "Pending";
                }
                if (sidecar?.State?.Running is not null)
                {
                    running++;
                }
                else if (sidecar?.State?.Waiting is not null && sidecar.LastState?.Terminated is null)
                {
                    waiting++;
                }
                continue;
            }
            var status = initStatuses.FirstOrDefault(s => s.Name == init.Name);
            var terminated = status?.State?.Terminated;
            if (terminated is { ExitCode: 0 })
            {
                continue;
            }
            var failed = terminated is not null || status?.LastState?.Terminated is { ExitCode: not 0 };
            return failed && restartPolicy == "Never" ? "Failed" : "Pending";
        }
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            var status = statuses.FirstOrDefault(s => s.Name == container.Name);
            if (status?.State is null)
            {
                unknown++;
            }
            else if (status.State.Running is not null)
            {
                running++;
            }
            else if (status.State.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (status.LastState?.Terminated is not null)
            {
                stopped++;
            }
            else
            {
                waiting++;
            }
        }
        if (waiting > 0)
        {
            return "Pending";
        }
        if (running > 0 && unknown == 0)
        {
            return "Running";
        }
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            return restartPolicy switch
            {
                "Always" => "Running",
                _ when stopped == succeeded => "Succeeded",
                "OnFailure" => "Running",
                _ => "Failed",
            };
        }
        return "Pending";
    }

    /// <summary>Whether a container has run: it runs, ran to an end, or waits after a termination.</summary>
    public static bool HasRun(V1ContainerStatus status) =>
        status.State?.Running is not null || status.State?.Terminated is not null || status.LastState?.Terminated is not null;
}
