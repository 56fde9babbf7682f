using System.Collections;
using System.Runtime.InteropServices;

namespace SharpKube.Cli.Hosting;

/// <summary>
/// GC settings for the long-running components: the API server, controller manager, hollow nodes, the all-in-one
/// server and the benchmarks that start them get a 64 MiB generation-0 allocation budget; the scheduler 16 MiB and the
/// most compacting <c>GCConserveMemory</c> level (9): it holds every pod of the cluster and allocates little; the kubelet and the agent 4 MiB, the same compaction level and no tiered compilation: they run on
/// every node, where their resident set is what the node gives up.
/// </summary>
/// <remarks>
/// .NET's workstation GC derives the generation-0 budget from the CPU's last-level cache and caps it at 6 MiB; where
/// the cache sizes are not visible (microVMs such as Firecracker expose no <c>/sys/devices/system/cpu/cpu0/cache</c>)
/// it starts from a 256 KiB floor. A server that allocates a few hundred KiB per request then collects generation 0
/// every one or two milliseconds of work: in <c>sharpkube bench scheduler</c> the API server spent about a third of
/// its CPU waiting for collections. The budget can only be set from the environment (<c>DOTNET_GCgen0size</c>; the
/// runtime reads no runtimeconfig property for it), so the process re-executes itself once, in place (same pid,
/// arguments and standard streams), with the variable set. A value the user set is kept.
/// </remarks>
internal static partial class ComponentGcSettings
{
    /// <summary>The environment variable the runtime reads the generation-0 budget from.</summary>
    internal const string Variable = "DOTNET_GCgen0size";

    /// <summary>64 MiB, in the hexadecimal form the runtime parses.</summary>
    internal const string Budget = "0x4000000";

    /// <summary>
    /// 16 MiB for the scheduler alone: it allocates about a tenth of what the API server does (informer decoding,
    /// bindings, events: ~30 MB/s at 500 pods/s), so the smaller budget costs little GC time and keeps its resident
    /// set — which holds every pod of the cluster — 48 MiB smaller.
    /// </summary>
    internal const string SchedulerBudget = "0x1000000";

    /// <summary>
    /// 4 MiB for the node agents (<c>kubelet</c>, <c>agent</c>, <c>proxy</c>, <c>dns</c>): they allocate little and in bursts (pod syncs, status
    /// writes), and their resident set is what every node gives up.
    /// </summary>
    internal const string NodeAgentBudget = "0x400000";

    /// <summary>The environment variable that turns tiered compilation off.</summary>
    internal const string TieredCompilationVariable = "DOTNET_TieredCompilation";

    /// <summary>The budget <c>sharpkube <paramref name="command"/></c> runs with.</summary>
    internal static string BudgetFor(string command) =>
        IsNodeAgent(command) ? NodeAgentBudget : command == "scheduler" ? SchedulerBudget : Budget;

    /// <summary>The environment variable of the GC's compaction level (0–9; the build sets 5 for every command).</summary>
    internal const string ConserveMemoryVariable = "DOTNET_GCConserveMemory";

    /// <summary>The scheduler's compaction level: at 50,000 pods it trims its resident set by ~25 MiB.</summary>
    internal const string SchedulerConserveMemory = "9";

    /// <summary>
    /// The variables <c>sharpkube <paramref name="command"/></c> is re-executed with. The node agents also run without
    /// tiered compilation: the published binary is ReadyToRun, so they keep its precompiled code instead of compiling
    /// the hot part of it a second time (which doubled their CPU time while a batch of pods started and kept ~10 MiB
    /// more code resident), and compile what has no precompiled code once, optimized.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> VariablesFor(string command) => command switch
    {
        "scheduler" => new Dictionary<string, string> { [Variable] = SchedulerBudget, [ConserveMemoryVariable] = SchedulerConserveMemory },
        _ when IsNodeAgent(command) => new Dictionary<string, string>
        {
            [Variable] = NodeAgentBudget,
            [ConserveMemoryVariable] = SchedulerConserveMemory,
            [TieredCompilationVariable] = "0",
        },
        _ => new Dictionary<string, string> { [Variable] = Budget },
    };

    /// <summary>The components that run on every node, where their resident set is what the node gives up.</summary>
    private static bool IsNodeAgent(string command) => command is "kubelet" or "agent" or "proxy" or "dns";

    /// <summary>Names the settings this process added for itself (as opposed to ones the user set, which children inherit).</summary>
    private const string SetBySelf = "SHARPKUBE_GC_GEN0_SET_BY_SELF";

    private static readonly string[] LongRunningCommands = ["server", "apiserver", "controller-manager", "scheduler", "kubelet", "agent", "proxy", "dns", "hollow-nodes", "bench"];

    /// <summary>Whether <c>sharpkube <paramref name="args"/></c> should run with the budget and does not yet.</summary>
    internal static bool IsWanted(IReadOnlyList<string> args, Func<string, string?> environment) =>
        args.Count > 0
        && LongRunningCommands.Contains(args[0], StringComparer.Ordinal)
        && string.IsNullOrEmpty(environment(Variable))
        && string.IsNullOrEmpty(environment("COMPlus_GCgen0size"));

    /// <summary>
    /// Replaces this process with itself run with the budget when <see cref="IsWanted"/>; returns when it is not wanted,
    /// off Linux, or when the re-execution fails (the command then runs with the runtime's default budget).
    /// </summary>
    internal static void ReexecuteIfWanted(string[] args)
    {
        if (Environment.GetEnvironmentVariable(SetBySelf) is { Length: > 0 } setBySelf)
        {
            // The runtime has read the settings: drop those this process added, so the components it starts choose their own.
            foreach (var name in setBySelf.Split(','))
            {
                Environment.SetEnvironmentVariable(name, null);
            }
            Environment.SetEnvironmentVariable(SetBySelf, null);
            return;
        }
        if (!OperatingSystem.IsLinux() || !IsWanted(args, Environment.GetEnvironmentVariable))
        {
            return;
        }
        string[] argv;
        try
        {
            // The exact argv this process started with: `sharpkube …` or `dotnet sharpkube.dll …`.
            argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        // A setting the user made themselves is kept.
        var settings = VariablesFor(args[0]).Where(setting => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(setting.Key))).ToList();
        var environment = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{entry.Key}={entry.Value}");
        }
        environment.AddRange(settings.Select(setting => $"{setting.Key}={setting.Value}"));
        environment.Add($"{SetBySelf}={string.Join(',', settings.Select(setting => setting.Key))}");
        RemoveDiagnosticsSocket(Path.GetTempPath(), Environment.ProcessId);
        Execute("/proc/self/exe", argv, environment);
    }

    /// <summary>
    /// Deletes the runtime's diagnostics socket (<c>dotnet-diagnostic-{pid}-{start time}-socket</c> in the temp
    /// directory) before re-executing. The re-executed runtime has the same pid and start time, so it names its
    /// socket the same and cannot bind it while the old file is there; dotnet-trace, dotnet-counters and
    /// dotnet-gcdump would then be refused.
    /// </summary>
    internal static void RemoveDiagnosticsSocket(string directory, int pid)
    {
        try
        {
            foreach (var socket in Directory.EnumerateFiles(directory, $"dotnet-diagnostic-{pid}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Diagnostics stay unavailable; the command itself runs as usual.
        }
    }

    private static void Execute(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment)
    {
        var allocated = new List<IntPtr>();
        try
        {
            var argvPointers = ToNullTerminated(argv, allocated);
            var environmentPointers = ToNullTerminated(environment, allocated);
            var pathPointer = Marshal.StringToCoTaskMemUTF8(path);
            allocated.Add(pathPointer);
            Console.Out.Flush();
            Console.Error.Flush();
            _ = ExecVe(pathPointer, argvPointers, environmentPointers); // returns only on failure
        }
        finally
        {
            allocated.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static IntPtr[] ToNullTerminated(IReadOnlyList<string> values, List<IntPtr> allocated)
    {
        var pointers = new IntPtr[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            allocated.Add(pointers[i]);
        }
        return pointers;
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static partial int ExecVe(IntPtr path, IntPtr[] argv, IntPtr[] envp);
}
