using System.Net;
using System.Text.Json;
using SharpKube.Kubelet.Tests.Logs;

namespace SharpKube.Kubelet.Tests.Server;

public sealed class KubeletServerTests(KubeletServerFixture fixture) : IClassFixture<KubeletServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient TrustedClient() => KubeletServerFixture.Client(TestCertificates.IssueClient(fixture.Authority, "kube-apiserver-kubelet-client"));

    private async Task<(HttpStatusCode Code, string Body)> GetAsync(HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(new Uri(fixture.Url, pathAndQuery), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Healthz_WithATrustedClientCertificate_AnswersOk()
    {
        using var client = TrustedClient();

        Assert.Equal((HttpStatusCode.OK, "ok"), await GetAsync(client, "/healthz"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/pods")]
    [InlineData("/containerLogs/default/web/app")]
    public async Task Request_WithoutAClientCertificate_IsUnauthorized(string path)
    {
        using var client = KubeletServerFixture.Client(null);

        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), await GetAsync(client, path));
    }

    [Fact]
    public async Task Request_WithACertificateFromAnotherCa_IsUnauthorized()
    {
        using var otherAuthority = TestCertificates.CreateAuthority("someone-else");
        using var client = KubeletServerFixture.Client(TestCertificates.IssueClient(otherAuthority, "kube-apiserver-kubelet-client"));

        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), await GetAsync(client, "/healthz"));
    }

    [Fact]
    public async Task Request_WithAServingCertificateAsClientCertificate_IsUnauthorized()
    {
        using var client = KubeletServerFixture.Client(TestCertificates.IssueServing(fixture.Authority));

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/healthz")).Code);
    }

    [Fact]
    public async Task Pods_ListsThePodsTheKubeletRuns_AsAV1PodList()
    {
        using var client = TrustedClient();

        var (code, body) = await GetAsync(client, "/pods");

        Assert.Equal(HttpStatusCode.OK, code);
        using var list = JsonDocument.Parse(body);
        Assert.Equal("PodList", list.RootElement.GetProperty("kind").GetString());
        Assert.Equal("v1", list.RootElement.GetProperty("apiVersion").GetString());
        var pod = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("web", pod.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal("node-1", pod.GetProperty("spec").GetProperty("nodeName").GetString());
    }

    [Fact]
    public async Task UnknownPath_IsNotFound()
    {
        using var client = TrustedClient();

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(client, "/nothing/here")).Code);
    }

    [Fact]
    public async Task ContainerLogs_StreamsTheLogAsPlainText_WithTailAndTimestamps()
    {
        var first = LogLine.Next();
        var second = LogLine.Next();
        fixture.Log.Append(first.Second, first.Text);
        fixture.Log.Append(second.Second, second.Text);
        using var client = TrustedClient();

        using var response = await client.GetAsync(new Uri(fixture.Url, "/containerLogs/default/web/app?tailLines=1&timestamps=true"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{CriLogFile.Stamp(second.Second)} {second.Text}\n", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ContainerLogs_WithLimitBytes_SendsAtMostThatMany()
    {
        var line = LogLine.Next();
        fixture.Log.Append(line.Second, line.Text);
        using var client = TrustedClient();

        var (code, body) = await GetAsync(client, "/containerLogs/default/web/app?tailLines=1&limitBytes=4");

        Assert.Equal((HttpStatusCode.OK, line.Text[..4]), (code, body));
    }

    [Theory]
    [InlineData("/containerLogs/default/web/creating", HttpStatusCode.BadRequest, "container \"creating\" in pod \"web\" is waiting to start: ContainerCreating")]
    [InlineData("/containerLogs/default/web/app?previous=true", HttpStatusCode.BadRequest, "previous terminated container \"app\" in pod \"web\" not found")]
    [InlineData("/containerLogs/default/web/sidecar", HttpStatusCode.NotFound, "container \"sidecar\" not found in pod \"web\"")]
    [InlineData("/containerLogs/default/gone/app", HttpStatusCode.NotFound, "pod \"gone\" does not exist")]
    [InlineData("/containerLogs/default/web/app?tailLines=many", HttpStatusCode.BadRequest, "{\"message\": \"Unable to decode query.\"}")]
    [InlineData("/containerLogs/default/web/app?tailLines=-1", HttpStatusCode.UnprocessableEntity, "{\"message\": \"Invalid request.\"}")]
    [InlineData("/containerLogs/default/web/app?sinceSeconds=5&sinceTime=2025-03-01T10:00:00Z", HttpStatusCode.UnprocessableEntity, "{\"message\": \"Invalid request.\"}")]
    public async Task ContainerLogs_Errors_AreAnsweredWithUpstreamsCodeAndMessage(string path, HttpStatusCode code, string message)
    {
        using var client = TrustedClient();

        Assert.Equal((code, message), await GetAsync(client, path));
    }

    [Fact]
    public async Task ContainerLogs_Follow_StreamsNewLinesAsWritten_UntilTheContainerStops()
    {
        using var client = TrustedClient();
        using var response = await client.GetAsync(new Uri(fixture.Url, "/containerLogs/default/web/app?follow=true&tailLines=0"),
            HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        var line = LogLine.Next();
        fixture.Log.Append(line.Second, line.Text);

        Assert.Equal(line.Text, await ReadLineAsync(reader));
        fixture.AppRunning = false;
        try
        {
            Assert.Null(await ReadLineAsync(reader));
        }
        finally
        {
            fixture.AppRunning = true;
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        return await reader.ReadLineAsync(deadline.Token);
    }
}
