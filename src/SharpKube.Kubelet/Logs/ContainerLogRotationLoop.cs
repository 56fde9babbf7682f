using Microsoft.Extensions.Logging;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Logs;

/// <summary>Every 10 s, the logs of running containers that outgrew the limit are rotated (upstream's container log manager).</summary>
public sealed class ContainerLogRotationLoop(ContainerLogRotation rotation, RuntimeService.RuntimeServiceClient runtime, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
                await rotation.RotateAsync(await RunningLogsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Rotating container logs failed: {Error}", e.Message);
            }
        }
    }

    private async Task<List<RunningContainerLog>> RunningLogsAsync(CancellationToken cancellationToken)
    {
        var running = await runtime.ListContainersAsync(new ListContainersRequest
        {
            Filter = new ContainerFilter { State = new ContainerStateValue { State = ContainerState.ContainerRunning } },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var logs = new List<RunningContainerLog>();
        foreach (var container in running.Containers)
        {
            var status = await runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = container.Id }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(status.Status?.LogPath))
            {
                logs.Add(new RunningContainerLog(container.Id, status.Status.LogPath));
            }
        }
        return logs;
    }
}
