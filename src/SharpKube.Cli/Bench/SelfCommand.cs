using System.Diagnostics;

namespace SharpKube.Cli.Bench;

/// <summary>How to run this same sharpkube binary as a child process, whether it runs as an app host, through <c>dotnet</c>, or inside a test host.</summary>
internal static class SelfCommand
{
    /// <summary>A start description for <c>sharpkube <paramref name="args"/></c>, with stdout and stderr redirected.</summary>
    public static ProcessStartInfo Create(IEnumerable<string> args)
    {
        var processPath = Environment.ProcessPath;
        var processName = processPath is null ? null : Path.GetFileNameWithoutExtension(processPath);
        ProcessStartInfo start;
        if (processName == "sharpkube")
        {
            start = new ProcessStartInfo(processPath!);
        }
        else
        {
            // Run through the dotnet host: this process is `dotnet sharpkube.dll`, or a test host that loaded sharpkube.dll.
            var host = processName == "dotnet" ? processPath! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            start = new ProcessStartInfo(host);
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}
