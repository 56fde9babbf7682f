using System.Globalization;
using System.Runtime.InteropServices;

namespace SharpKube.Kubelet.Node;

/// <summary>What the kubelet reports about the machine in its Node's status: capacity and <c>nodeInfo</c>.</summary>
public sealed record MachineInfo(
    int Cpus,
    long MemoryBytes,
    long EphemeralStorageBytes,
    string MachineId,
    string SystemUuid,
    string BootId,
    string KernelVersion,
    string OsImage,
    string Architecture)
{
    /// <summary>Reads the machine's facts from /proc, /etc and /sys; <paramref name="storageDir"/>'s file system is the ephemeral storage.</summary>
    public static MachineInfo Read(string storageDir)
    {
        Directory.CreateDirectory(storageDir);
        var machineId = FirstLine("/etc/machine-id");
        return new MachineInfo(
            Environment.ProcessorCount,
            MemTotalBytes(),
            new DriveInfo(storageDir).TotalSize,
            machineId,
            FirstLine("/sys/class/dmi/id/product_uuid") is { Length: > 0 } uuid ? uuid : machineId,
            FirstLine("/proc/sys/kernel/random/boot_id"),
            FirstLine("/proc/sys/kernel/osrelease"),
            ReadOsImage(),
            GoArchitecture());
    }

    /// <summary>The architecture as Kubernetes names it (Go's GOARCH): amd64, arm64, ….</summary>
    public static string GoArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static long MemTotalBytes()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            // "MemTotal:       24576000 kB"
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    private static string ReadOsImage()
    {
        foreach (var line in ReadLines("/etc/os-release"))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }
        return "Linux";
    }

    private static string FirstLine(string path) => ReadLines(path).FirstOrDefault()?.Trim() ?? "";

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
