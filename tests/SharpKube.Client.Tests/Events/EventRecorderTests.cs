using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Client.Events;
using SharpKube.Client.Tests.Fixtures;

namespace SharpKube.Client.Tests.Events;

public sealed class EventRecorderTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<V1ConfigMap> InvolvedObjectAsync(string ns, string name) =>
        await fixture.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } }, ns, cancellationToken: Ct);

    /// <summary>The events about an object, as <c>kubectl describe</c> finds them.</summary>
    private async Task<IList<Corev1Event>> EventsAboutAsync(V1ConfigMap obj) =>
        (await fixture.Client.CoreV1.ListNamespacedEventAsync(obj.Metadata.NamespaceProperty,
            fieldSelector: $"involvedObject.name={obj.Metadata.Name},involvedObject.namespace={obj.Metadata.NamespaceProperty},involvedObject.uid={obj.Metadata.Uid}",
            cancellationToken: Ct)).Items;

    private static (EventRecorder Recorder, Task Run) Start(IKubernetes client, CancellationToken stop, TimeProvider? time = null)
    {
        var recorder = new EventRecorder(client, new EventRecorderOptions
        {
            Component = "test-controller",
            Host = "node-1",
            Time = time ?? TimeProvider.System,
        });
        return (recorder, Task.Run(() => recorder.RunAsync(stop), CancellationToken.None));
    }

    [Fact]
    public async Task Event_CreatesACoreV1Event_AndARepeatIncrementsItsCount()
    {
        var ns = await fixture.NamespaceAsync("events-aggregate");
        var obj = await InvolvedObjectAsync(ns, "web");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (recorder, run) = Start(fixture.Client, stop.Token);

        recorder.Event(obj, EventType.Normal, "Synced", "synced web");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Count == 1, "the event was written");
        var first = Assert.Single(await EventsAboutAsync(obj));
        recorder.Event(obj, EventType.Normal, "Synced", "synced web");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Single().Count == 2, "the repeat was counted");

        var ev = Assert.Single(await EventsAboutAsync(obj));
        Assert.Equal(first.Metadata.Name, ev.Metadata.Name);
        Assert.Matches("^web\\.[0-9a-f]+$", ev.Metadata.Name);
        Assert.Equal(("Normal", "Synced", "synced web"), (ev.Type, ev.Reason, ev.Message));
        Assert.Equal(("ConfigMap", "v1", ns, "web", obj.Metadata.Uid),
            (ev.InvolvedObject.Kind, ev.InvolvedObject.ApiVersion, ev.InvolvedObject.NamespaceProperty, ev.InvolvedObject.Name, ev.InvolvedObject.Uid));
        Assert.Equal(("test-controller", "node-1"), (ev.Source.Component, ev.Source.Host));
        Assert.Equal(("test-controller", "node-1"), (ev.ReportingComponent, ev.ReportingInstance));
        Assert.Equal(first.FirstTimestamp, ev.FirstTimestamp);
        Assert.True(ev.LastTimestamp >= ev.FirstTimestamp);

        // A different message or type is a different event.
        recorder.Event(obj, EventType.Warning, "Failed", "could not sync web");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Count == 2, "a second event was written");
        var warning = (await EventsAboutAsync(obj)).Single(e => e.Type == EventType.Warning);
        Assert.Equal((1, "Failed"), (warning.Count, warning.Reason));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task SimilarEvents_WithTenDifferentMessages_AreCombinedIntoOneCountedEvent()
    {
        var ns = await fixture.NamespaceAsync("events-similar");
        var obj = await InvolvedObjectAsync(ns, "web");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (recorder, run) = Start(fixture.Client, stop.Token);

        for (var i = 1; i <= 12; i++)
        {
            recorder.Event(obj, EventType.Warning, "FailedCreate", $"Error creating: pods \"web-{i}\" is invalid");
        }
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Any(e => e.Count == 3), "the combined event counts three");

        var events = await EventsAboutAsync(obj);
        Assert.Equal(10, events.Count);
        var separate = events.Where(e => e.Count == 1).Select(e => e.Message).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"Error creating: pods \"web-{i}\" is invalid").Order(StringComparer.Ordinal), separate);
        var combined = events.Single(e => e.Count == 3);
        Assert.Equal(("Warning", "FailedCreate", "(combined from similar events): Error creating: pods \"web-12\" is invalid"),
            (combined.Type, combined.Reason, combined.Message));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Event_RecurringAfterTheAggregationWindow_IsANewEvent()
    {
        var ns = await fixture.NamespaceAsync("events-window");
        var obj = await InvolvedObjectAsync(ns, "api");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (recorder, run) = Start(fixture.Client, stop.Token, time);

        recorder.Event(obj, EventType.Normal, "Scaled", "scaled api");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Count == 1, "the event was written");
        time.Advance(TimeSpan.FromMinutes(11));
        recorder.Event(obj, EventType.Normal, "Scaled", "scaled api");

        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Count == 2, "a new event was written");
        Assert.All(await EventsAboutAsync(obj), e => Assert.Equal(1, e.Count));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Event_RepeatedBeyondTheBurst_IsDropped_UntilTheLimitRefills()
    {
        var ns = await fixture.NamespaceAsync("events-spam");
        var obj = await InvolvedObjectAsync(ns, "noisy");
        var marker = await InvolvedObjectAsync(ns, "marker");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var (recorder, run) = Start(fixture.Client, stop.Token, time);

        for (var i = 0; i < 30; i++)
        {
            recorder.Event(obj, EventType.Warning, "BackOff", "back-off restarting");
        }
        // Events are written in order: once the marker is there, the 30 were handled.
        recorder.Event(marker, EventType.Normal, "Marker", "after the burst");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(marker)).Count == 1, "the marker was written");
        Assert.Equal(25, Assert.Single(await EventsAboutAsync(obj)).Count);

        time.Advance(TimeSpan.FromMinutes(5));
        recorder.Event(obj, EventType.Warning, "BackOff", "back-off restarting");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Single().Count == 26, "one more was let through");

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Event_WhenTheBufferIsFull_IsDroppedWithoutBlockingOrThrowing()
    {
        var ns = await fixture.NamespaceAsync("events-full");
        var obj = await InvolvedObjectAsync(ns, "busy");
        var marker = await InvolvedObjectAsync(ns, "marker");
        var recorder = new EventRecorder(fixture.Client, new EventRecorderOptions { Component = "test", QueueCapacity = 2 });

        for (var i = 0; i < 10; i++)
        {
            recorder.Event(obj, EventType.Normal, "Reason", $"message {i}");
        }
        recorder.Event(new V1ConfigMap(), EventType.Normal, "NoMetadata", "dropped");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = Task.Run(() => recorder.RunAsync(stop.Token), CancellationToken.None);
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(obj)).Count == 2, "the buffered events were written");
        recorder.Event(marker, EventType.Normal, "Marker", "after the buffered ones");
        await Eventually.TrueAsync(async () => (await EventsAboutAsync(marker)).Count == 1, "the marker was written");

        Assert.Equal(["message 0", "message 1"], (await EventsAboutAsync(obj)).Select(e => e.Message).Order(StringComparer.Ordinal));

        await stop.CancelAsync();
        await run;
    }
}
