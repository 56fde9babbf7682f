using System.Net;
using System.Text.Json;
using SharpKube.Kubelet.Tests.Logs;

namespace SharpKube.Kubelet.Tests.Server;

/// <summary><c>pods/log</c> end to end: client → API server → kubelet server → CRI log file, with raw HTTP and real kubectl.</summary>
public sealed class PodLogsThroughApiServerTests(PodLogsFixture fixture) : IClassFixture<PodLogsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (LogLine First, LogLine Second) AppendTwoLines()
    {
        var first = LogLine.Next();
        var second = LogLine.Next();
        fixture.Log.Append(first.Second, first.Text);
        fixture.Log.Append(second.Second, "split ", partial: true);
        fixture.Log.Append(second.Second, second.Text);
        return (first, second with { Text = "split " + second.Text });
    }

    [Fact]
    public async Task Log_OverHttp_StreamsTheKubeletsTextPlain()
    {
        var (first, second) = AppendTwoLines();
        using var client = fixture.ApiClient();

        using var response = await client.GetAsync("/api/v1/namespaces/default/pods/web/log?container=app&tailLines=2&timestamps=true", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{CriLogFile.Stamp(first.Second)} {first.Text}\n{CriLogFile.Stamp(second.Second)} {second.Text}\n",
            await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("creating", "", "container \"creating\" in pod \"web\" is waiting to start: ContainerCreating")]
    [InlineData("app", "&previous=true", "previous terminated container \"app\" in pod \"web\" not found")]
    public async Task Log_KubeletErrors_ArePassedOnAsABadRequestStatus(string container, string query, string message)
    {
        using var client = fixture.ApiClient();

        using var response = await client.GetAsync($"/api/v1/namespaces/default/pods/web/log?container={container}{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
        Assert.Equal("BadRequest", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal(400, status.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(message, status.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Kubectl_Logs_WithTailAndTimestamps_PrintsTheLastLines()
    {
        var (_, second) = AppendTwoLines();

        var (exitCode, output, error) = await fixture.Kubectl.RunAsync("logs", "web", "-c", "app", "--tail=1", "--timestamps");

        Assert.True(exitCode == 0, error);
        Assert.Equal($"{CriLogFile.Stamp(second.Second)} {second.Text}\n", output);
    }

    [Fact]
    public async Task Kubectl_Logs_WithLimitBytes_PrintsThatManyBytes()
    {
        var (_, second) = AppendTwoLines();

        var (exitCode, output, error) = await fixture.Kubectl.RunAsync("logs", "web", "-c", "app", "--tail=1", "--limit-bytes=9");

        Assert.True(exitCode == 0, error);
        Assert.Equal(second.Text[..9], output);
    }

    [Fact]
    public async Task Kubectl_Logs_OfAWaitingContainer_PrintsTheKubeletsError()
    {
        var (exitCode, _, error) = await fixture.Kubectl.RunAsync("logs", "web", "-c", "creating");

        Assert.Equal(1, exitCode);
        Assert.Equal("Error from server (BadRequest): container \"creating\" in pod \"web\" is waiting to start: ContainerCreating\n", error);
    }

    [Fact]
    public async Task Kubectl_LogsFollow_PrintsLinesAppendedWhileFollowing_AndEndsWhenTheContainerStops()
    {
        var (_, second) = AppendTwoLines();
        using var kubectl = fixture.Kubectl.Start("logs", "-f", "web", "-c", "app", "--tail=1");
        try
        {
            // The existing last line arriving proves kubectl is connected and following.
            Assert.Equal(second.Text, await ReadLineAsync(kubectl.StandardOutput));
            var appended = LogLine.Next();
            fixture.Log.Append(appended.Second, appended.Text);
            Assert.Equal(appended.Text, await ReadLineAsync(kubectl.StandardOutput));

            fixture.AppRunning = false;
            Assert.Null(await ReadLineAsync(kubectl.StandardOutput));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(20));
            await kubectl.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, kubectl.ExitCode);
        }
        finally
        {
            fixture.AppRunning = true;
            if (!kubectl.HasExited)
            {
                kubectl.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        return await reader.ReadLineAsync(deadline.Token);
    }
}
