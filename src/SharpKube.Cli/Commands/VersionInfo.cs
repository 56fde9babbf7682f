using System.Reflection;
using System.Runtime.InteropServices;

namespace SharpKube.Cli.Commands;

/// <summary>
/// What <c>sharpkube version</c> reports: the Kubernetes API level served, in the shape of Kubernetes'
/// <c>/version</c> document, and SharpKube's own version.
/// </summary>
/// <param name="Major">The Kubernetes major version, "1".</param>
/// <param name="Minor">The Kubernetes minor version, "32".</param>
/// <param name="GitVersion">The Kubernetes version served, <c>v1.32.0+sharpkube</c>.</param>
/// <param name="GitCommit">The SharpKube source commit the binary was built from, when known.</param>
/// <param name="Compiler">"dotnet".</param>
/// <param name="Platform">The OS and architecture, as Kubernetes names them (e.g. <c>linux/amd64</c>).</param>
/// <param name="SharpKubeVersion">SharpKube's own version.</param>
/// <param name="DotnetVersion">The .NET runtime running the binary.</param>
internal sealed record VersionInfo(
    string Major,
    string Minor,
    string GitVersion,
    string GitCommit,
    string Compiler,
    string Platform,
    string SharpKubeVersion,
    string DotnetVersion)
{
    /// <summary>The Kubernetes release whose API SharpKube serves.</summary>
    public const string KubernetesVersion = "v1.32.0+sharpkube";

    /// <summary>This binary's version.</summary>
    public static VersionInfo Current { get; } = Create();

    private static VersionInfo Create()
    {
        // The SDK stamps the informational version as "<version>+<commit>" when built from a git checkout.
        var informational = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "" : informational[(plus + 1)..];
        return new VersionInfo("1", "32", KubernetesVersion, commit, "dotnet", CurrentPlatform(), version, RuntimeInformation.FrameworkDescription);
    }

    private static string CurrentPlatform()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : "unknown";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "386",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }
}
