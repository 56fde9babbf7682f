using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Tests.Pods;

public sealed class PodStartupLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void ToJson_AfterTheRunningWrite_GivesSeenToRunningCriTimeAndTheirDifference()
    {
        var log = new PodStartupLog(_time);
        log.Seen(Pod("a", "Pending"));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        log.AddCriTime("a", TimeSpan.FromMilliseconds(120));
        log.AddCriTime("a", TimeSpan.FromMilliseconds(80));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        log.RunningWritten("a");
        _time.Advance(TimeSpan.FromSeconds(5));
        log.RunningWritten("a");

        var pod = Single(log);
        Assert.Equal("a", pod.GetProperty("uid").GetString());
        Assert.Equal("pod-a", pod.GetProperty("name").GetString());
        Assert.Equal("default", pod.GetProperty("namespace").GetString());
        Assert.Equal("2025-01-02T03:04:05.000000Z", pod.GetProperty("firstSeen").GetString());
        Assert.Equal("2025-01-02T03:04:05.500000Z", pod.GetProperty("runningWritten").GetString());
        Assert.Equal(500, pod.GetProperty("firstSeenToRunningMs").GetDouble());
        Assert.Equal(200, pod.GetProperty("criMs").GetDouble());
        Assert.Equal(2, pod.GetProperty("criCalls").GetInt32());
        Assert.Equal(300, pod.GetProperty("overheadMs").GetDouble());
    }

    [Fact]
    public void ToJson_BeforeTheRunningWrite_HasNullRunningFigures()
    {
        var log = new PodStartupLog(_time);
        log.Seen(Pod("a", null));

        var pod = Single(log);
        Assert.Equal(JsonValueKind.Null, pod.GetProperty("runningWritten").ValueKind);
        Assert.Equal(JsonValueKind.Null, pod.GetProperty("overheadMs").ValueKind);
    }

    [Fact]
    public void Seen_APodAlreadyRunningOrBeingDeleted_IsNotTimed()
    {
        var log = new PodStartupLog(_time);
        log.Seen(Pod("running", "Running"));
        var deleting = Pod("deleting", "Pending");
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;
        log.Seen(deleting);
        log.AddCriTime("running", TimeSpan.FromSeconds(1));

        Assert.Equal(0, log.Count);
        Assert.Null(log.CriTimeOf("running"));
    }

    [Fact]
    public void Seen_AgainAfterTheFirstTime_KeepsTheFirstTime()
    {
        var log = new PodStartupLog(_time);
        log.Seen(Pod("a", "Pending"));
        _time.Advance(TimeSpan.FromSeconds(2));
        log.Seen(Pod("a", "Pending"));
        log.RunningWritten("a");

        Assert.Equal(2000, Single(log).GetProperty("firstSeenToRunningMs").GetDouble());
    }

    [Fact]
    public void Seen_BeyondTheCapacity_ForgetsTheOldestPod()
    {
        var log = new PodStartupLog(_time, capacity: 2);
        log.Seen(Pod("a", "Pending"));
        log.Seen(Pod("b", "Pending"));
        log.Seen(Pod("c", "Pending"));

        Assert.Equal(2, log.Count);
        Assert.Null(log.CriTimeOf("a"));
        using var json = JsonDocument.Parse(log.ToJsonUtf8());
        Assert.Equal(["b", "c"], json.RootElement.GetProperty("pods").EnumerateArray().Select(p => p.GetProperty("uid").GetString()));
    }

    private static JsonElement Single(PodStartupLog log)
    {
        using var json = JsonDocument.Parse(log.ToJsonUtf8());
        return Assert.Single(json.RootElement.GetProperty("pods").EnumerateArray()).Clone();
    }

    private static V1Pod Pod(string uid, string? phase) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pod-" + uid, NamespaceProperty = "default", Uid = uid },
        Status = phase is null ? null : new V1PodStatus { Phase = phase },
    };
}
