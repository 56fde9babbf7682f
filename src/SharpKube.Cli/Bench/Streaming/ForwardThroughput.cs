using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SharpKube.Cli.Bench.SingleNode;

namespace SharpKube.Cli.Bench.Streaming;

/// <summary>Downloads of the streaming pod's file through <c>kubectl port-forward</c> and straight from the pod IP.</summary>
internal static partial class ForwardThroughput
{
    private static readonly TimeSpan _forwardStart = TimeSpan.FromSeconds(30);

    /// <summary>The median MB/s of <paramref name="downloads"/> downloads through a forward kubectl sets up to the pod's port.</summary>
    /// <exception cref="NodeBenchException">kubectl did not forward, or a download failed.</exception>
    public static async Task<double> ThroughForwardAsync(KubectlProcess kubectl, int downloads, CancellationToken cancellationToken)
    {
        using var forward = kubectl.Start(["port-forward", "pod/" + StreamingPod.Name, ":" + StreamingPod.Port.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            var port = await ForwardedPortAsync(forward, cancellationToken);
            return await MedianAsync(new Uri($"http://127.0.0.1:{port}{StreamingPod.FilePath}"), downloads, cancellationToken);
        }
        finally
        {
            forward.Kill();
            await forward.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The median MB/s of <paramref name="downloads"/> downloads from <paramref name="podIp"/>.</summary>
    public static Task<double> DirectAsync(string podIp, int downloads, CancellationToken cancellationToken) =>
        MedianAsync(new Uri($"http://{podIp}:{StreamingPod.Port}{StreamingPod.FilePath}"), downloads, cancellationToken);

    private static async Task<double> MedianAsync(Uri url, int downloads, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var rates = new List<double>();
        var buffer = new byte[256 * 1024];
        for (var i = 0; i < downloads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            long bytes = 0;
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    bytes += read;
                }
            }
            catch (HttpRequestException e)
            {
                throw new NodeBenchException($"download of {url}: {e.Message}", e);
            }

            rates.Add(bytes / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e6);
        }

        rates.Sort();
        return Math.Round(rates[rates.Count / 2], 1);
    }

    private static async Task<int> ForwardedPortAsync(Process forward, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_forwardStart);
        while (await forward.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ForwardingLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new NodeBenchException("kubectl port-forward exited: " + await forward.StandardError.ReadToEndAsync(cancellationToken));
    }

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:(\d+) ->")]
    private static partial Regex ForwardingLine();
}
