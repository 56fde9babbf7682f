using SharpKube.Kubelet.Node;
using SharpKube.Kubelet.Stats;
using SharpKube.Kubelet.Tests.Images;

namespace SharpKube.Kubelet.Tests.Node;

/// <summary>Pressure observed on real filesystems: a small tmpfs filled past the thresholds, and this machine's memory.</summary>
public sealed class NodePressureTests : IAsyncLifetime
{
    private readonly string _mount = Directory.CreateTempSubdirectory("sk-pressure-").FullName;

    [Fact]
    public void Observe_OnThisMachine_FindsNoPressure()
    {
        var pressure = NodePressure.Observe(Path.GetTempPath(), Path.GetTempPath(), EvictionThresholds.Default);

        Assert.Equal(NodePressure.None, pressure);
    }

    [Fact]
    public async Task Observe_AFilesystemFilledPastTheImageFsThreshold_IsDiskPressure_AndEmptiedIsNot()
    {
        var filler = Path.Combine(_mount, "filler");
        await File.WriteAllBytesAsync(filler, new byte[(int)(0.9 * 8 * 1024 * 1024)], TestContext.Current.CancellationToken);

        var full = NodePressure.Observe(Path.GetTempPath(), _mount, EvictionThresholds.Default);
        File.Delete(filler);
        var emptied = NodePressure.Observe(Path.GetTempPath(), _mount, EvictionThresholds.Default);

        Assert.Equal(new NodePressure(Memory: false, Disk: true, Pid: false), full);
        Assert.Equal(NodePressure.None, emptied);
    }

    [Fact]
    public async Task Observe_AFilesystemOutOfInodes_IsDiskPressure()
    {
        for (var i = 0; i < 98; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(_mount, "f" + i), "", TestContext.Current.CancellationToken);
        }

        var usage = FileSystemUsage.Of(_mount)!.Value;
        var pressure = NodePressure.Observe(_mount, Path.GetTempPath(), EvictionThresholds.Default);

        Assert.True(usage.InodesFree < usage.Inodes * 0.05, $"{usage.InodesFree} of {usage.Inodes} inodes free");
        Assert.True(pressure.Disk);
    }

    [Fact]
    public void Observe_WithAThresholdAboveTheMachinesMemory_IsMemoryPressure_AndWithAPidThresholdOfAllPids_IsPidPressure()
    {
        var thresholds = EvictionThresholds.Default with { MemoryAvailableBytes = long.MaxValue, PidAvailable = 1.0 };

        var pressure = NodePressure.Observe(Path.GetTempPath(), Path.GetTempPath(), thresholds);

        Assert.Equal(new NodePressure(Memory: true, Disk: false, Pid: true), pressure);
    }

    [Fact]
    public void Observe_AMissingPath_IsNoDiskPressure()
    {
        Assert.False(NodePressure.Observe("/nonexistent/sk-pressure", "/nonexistent/sk-pressure", EvictionThresholds.Default).Disk);
    }

    public async ValueTask InitializeAsync()
    {
        // 8 MiB and 100 inodes: small enough to fill in a test.
        var mounted = await ChildProcess.RunAsync("mount", "-t", "tmpfs", "-o", "size=8m,nr_inodes=100", "tmpfs", _mount);
        Assert.True(mounted.ExitCode == 0, mounted.Stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.RunAsync("umount", _mount);
        Directory.Delete(_mount);
    }
}
