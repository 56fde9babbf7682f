namespace SharpKube.Cli.Bench.ApiServer.Target;

/// <summary>Starts (or, with <c>--server</c>, just names) the API server a run measures.</summary>
internal static class ServerLauncher
{
    /// <summary>Returns the server <paramref name="options"/> ask for, started and ready.</summary>
    public static async Task<IServerUnderTest> StartAsync(ApiServerBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        if (options.Mode == ServerMode.External)
        {
            var kubeconfig = options.Kubeconfig ?? throw new ApiServerBenchException("--server needs --kubeconfig");
            var url = options.Server ?? new Uri(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).Host);
            return new ExternalServer(url, kubeconfig);
        }

        var scratch = await ScratchSpace.CreateAsync(options, progress, cancellationToken);
        try
        {
            await progress.WriteLineAsync(options.Mode == ServerMode.InProcess
                ? "[apiserver] starting the API server in this process"
                : "[apiserver] starting sharpkube apiserver as a child process");
            return options.Mode == ServerMode.InProcess
                ? await InProcessServer.StartAsync(options, scratch, cancellationToken)
                : await ChildProcessServer.StartAsync(options, scratch, cancellationToken);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }
}
