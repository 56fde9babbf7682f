using System.Runtime.InteropServices;
using SharpKube.Kubelet.Node;

namespace SharpKube.Kubelet.Tests.Node;

/// <summary>The machine's facts as read on this very machine.</summary>
public sealed class MachineInfoTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sk-machine-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Read_ReportsThisMachine()
    {
        var machine = MachineInfo.Read(_dir);

        Assert.True(Directory.Exists(_dir));
        Assert.Equal(Environment.ProcessorCount, machine.Cpus);
        var memTotalKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(memTotalKb * 1024, machine.MemoryBytes);
        Assert.Equal(new DriveInfo(_dir).TotalSize, machine.EphemeralStorageBytes);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), machine.KernelVersion);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim(), machine.BootId);
        Assert.Equal(File.ReadAllText("/etc/machine-id").Trim(), machine.MachineId);
        Assert.NotEmpty(machine.SystemUuid);
        Assert.StartsWith("Debian GNU/Linux", machine.OsImage);
        Assert.Equal(MachineInfo.GoArchitecture(), machine.Architecture);
    }

    [Fact]
    public void GoArchitecture_NamesThisMachineAsKubernetesDoes() =>
        Assert.Equal(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64", MachineInfo.GoArchitecture());

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
