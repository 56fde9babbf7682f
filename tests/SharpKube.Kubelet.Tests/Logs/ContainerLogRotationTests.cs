using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SharpKube.Kubelet.Logs;

namespace SharpKube.Kubelet.Tests.Logs;

public sealed class ContainerLogRotationTests : IDisposable
{
    private readonly CriLogFile _log = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly List<string> _reopened = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ContainerLogRotationTests() => _time.SetLocalTimeZone(TimeZoneInfo.Utc);

    public void Dispose() => _log.Dispose();

    private ContainerLogRotation Rotation(int maxFiles = 5, Func<string, CancellationToken, Task>? reopen = null) =>
        new(new ContainerLogRotationOptions { MaxSize = 100, MaxFiles = maxFiles }, reopen ?? ReopenLikeTheRuntime, _time, NullLogger.Instance);

    // What containerd does on ReopenContainerLog: a new, empty log at the same path.
    private Task ReopenLikeTheRuntime(string id, CancellationToken cancellationToken)
    {
        _reopened.Add(id);
        File.WriteAllBytes(_log.Path, []);
        return Task.CompletedTask;
    }

    private void Fill(int bytes) => _log.AppendRaw(new string('x', bytes - 1) + "\n");

    [Fact]
    public async Task Rotate_BelowTheMaxSize_LeavesTheLogAlone()
    {
        Fill(99);

        var rotated = await Rotation().RotateOneAsync(new RunningContainerLog("c1", _log.Path), Ct);

        Assert.False(rotated);
        Assert.Empty(_reopened);
        Assert.Empty(ContainerLogRotation.RotatedFiles(_log.Path));
    }

    [Fact]
    public async Task Rotate_AtTheMaxSize_RenamesWithATimestamp_AndAsksTheRuntimeToReopen()
    {
        Fill(100);

        var rotated = await Rotation().RotateOneAsync(new RunningContainerLog("c1", _log.Path), Ct);

        Assert.True(rotated);
        Assert.Equal(["c1"], _reopened);
        Assert.Equal([_log.Path + ".20250301-100000"], ContainerLogRotation.RotatedFiles(_log.Path));
        Assert.Equal(100, new FileInfo(_log.Path + ".20250301-100000").Length);
        Assert.Equal(0, new FileInfo(_log.Path).Length);
    }

    [Fact]
    public async Task Rotate_Repeatedly_KeepsAtMostMaxFilesIncludingTheCurrentOne()
    {
        var rotation = Rotation(maxFiles: 3);
        for (var i = 0; i < 5; i++)
        {
            Fill(150);
            await rotation.RotateAsync([new RunningContainerLog("c1", _log.Path)], Ct);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var kept = ContainerLogRotation.RotatedFiles(_log.Path);
        Assert.Equal([_log.Path + ".20250301-100300", _log.Path + ".20250301-100400"], kept);
        Assert.Equal(5, _reopened.Count);
        Assert.Equal(3, Directory.GetFiles(_log.Directory).Length);
    }

    [Fact]
    public async Task Rotate_WhenTheRuntimeCannotReopen_PutsTheLogBackUnderItsName()
    {
        Fill(120);
        var rotation = Rotation(reopen: (_, _) => throw new IOException("runtime unavailable"));

        await Assert.ThrowsAsync<IOException>(() => rotation.RotateOneAsync(new RunningContainerLog("c1", _log.Path), Ct));

        Assert.Equal(120, new FileInfo(_log.Path).Length);
        Assert.Empty(ContainerLogRotation.RotatedFiles(_log.Path));
    }
}
