using System.Runtime;
using System.Runtime.InteropServices;

namespace SharpKube.Cli.Bench;

/// <summary>The machine a benchmark ran on, reported beside its figures.</summary>
/// <param name="ProcessorCount">Logical processors available to the process.</param>
/// <param name="CpuModel">The processor model, when the OS tells it.</param>
/// <param name="MemoryBytes">Physical memory available to the process.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Architecture">The process architecture.</param>
/// <param name="DotnetVersion">The .NET runtime.</param>
/// <param name="ServerGc">Whether the server garbage collector is on.</param>
internal sealed record MachineInfo(
    int ProcessorCount,
    string? CpuModel,
    long MemoryBytes,
    string Os,
    string Architecture,
    string DotnetVersion,
    bool ServerGc)
{
    /// <summary>Describes the current machine and process.</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC);

    private static string? ReadCpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return null;
        }

        foreach (var line in File.ReadLines(CpuInfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
