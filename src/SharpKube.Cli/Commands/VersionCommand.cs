using System.CommandLine;
using System.Text.Json;

namespace SharpKube.Cli.Commands;

/// <summary><c>sharpkube version [--output text|json]</c>: SharpKube's version and the Kubernetes API level it serves.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: text or json (the shape of Kubernetes' /version)",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");

        var command = new Command("version", "Print SharpKube's version and the Kubernetes API version it serves") { output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var writer = parseResult.InvocationConfiguration.Output;
            var info = VersionInfo.Current;
            if (parseResult.GetValue(output) == "json")
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(info, CliJson.Context.VersionInfo));
                return 0;
            }

            var commit = info.GitCommit.Length > 0 ? $" ({info.GitCommit[..Math.Min(12, info.GitCommit.Length)]})" : "";
            await writer.WriteLineAsync($"sharpkube version {info.SharpKubeVersion}{commit}");
            await writer.WriteLineAsync($"Kubernetes API: {info.GitVersion}");
            await writer.WriteLineAsync($"Runtime: {info.DotnetVersion} {info.Platform}");
            return 0;
        });
        return command;
    }
}
