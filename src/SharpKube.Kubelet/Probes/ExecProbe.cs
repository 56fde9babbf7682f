using System.Text;
using Grpc.Core;
using SharpKube.Kubelet.Cri.V1;

namespace SharpKube.Kubelet.Probes;

/// <summary>
/// An exec probe: the command runs in the container through CRI ExecSync; exit code 0 is success. The runtime
/// enforces the timeout itself and answers DeadlineExceeded when it passes, which is a failure.
/// </summary>
internal static class ExecProbe
{
    /// <summary>Extra time the gRPC call gets beyond the runtime's own timeout, so the runtime's answer wins.</summary>
    private static readonly TimeSpan CallGrace = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="command"/> in container <paramref name="containerId"/>.</summary>
    public static async Task<ProbeResult> RunAsync(
        RuntimeService.RuntimeServiceClient runtime, string containerId, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            return ProbeResult.Unknown("the exec probe has no command");
        }

        var request = new ExecSyncRequest { ContainerId = containerId, Timeout = (long)timeout.TotalSeconds };
        request.Cmd.Add(command);
        try
        {
            // gRPC deadlines are wall-clock instants by contract.
            var response = await runtime.ExecSyncAsync(request, deadline: DateTime.UtcNow + timeout + CallGrace, cancellationToken: cancellationToken);
            var output = CombinedOutput(response);
            return response.ExitCode == 0 ? ProbeResult.Success(output) : ProbeResult.Failure(output);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return ProbeResult.Failure($"command {Quote(string.Join(' ', command))} timed out");
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The container is gone or the runtime is down: not the container's fault, so no failure is counted.
            return ProbeResult.Unknown($"exec in container {containerId} failed: {e.Status.StatusCode}: {e.Status.Detail}");
        }
    }

    /// <summary>stdout then stderr, cut at <see cref="ProbeResult.MaxOutputBytes"/> as upstream's combined output is.</summary>
    private static string CombinedOutput(ExecSyncResponse response)
    {
        var stdout = response.Stdout.Span;
        var stderr = response.Stderr.Span;
        var length = Math.Min(stdout.Length + stderr.Length, ProbeResult.MaxOutputBytes);
        var bytes = new byte[length];
        var fromStdout = Math.Min(stdout.Length, length);
        stdout[..fromStdout].CopyTo(bytes);
        stderr[..(length - fromStdout)].CopyTo(bytes.AsSpan(fromStdout));
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A double-quoted string with quotes and backslashes escaped, as upstream quotes the command.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
