using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;

namespace SharpKube.Cli.Tests.Commands;

public sealed class SchedulerCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scheduler_AgainstAnApiServer_BindsPods_ServesMetrics_AndReleasesItsLeaseOnSigterm()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-sched-").FullName;
        try
        {
            await using var server = await ApiServerHost.StartAsync(new ApiServerOptions
            {
                DataDir = dataDir,
                BindAddress = IPAddress.Loopback,
                HttpsPort = 0,
            }, NullLoggerFactory.Instance, Ct);
            var kubeconfig = Path.Combine(dataDir, "scheduler.kubeconfig");
            KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, server.Pki.Scheduler).WriteTo(kubeconfig);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath));
            await SchedulerNodes.CreateAsync(admin, "worker-1");
            var metricsPort = FreePort();
            using var process = Start("scheduler", "--kubeconfig", kubeconfig, "--metrics-bind-address", $"127.0.0.1:{metricsPort}");
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);

            await admin.CoreV1.CreateNamespacedPodAsync(SchedulerNodes.Pod("web"), "default", cancellationToken: Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct)).Spec.NodeName == "worker-1",
                "the scheduler bound the pod");
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-scheduler", "kube-system", cancellationToken: Ct);
            Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity));
            using var http = new HttpClient();
            var metrics = "";
            await Eventually.TrueAsync(async () => (metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), Ct))
                .Contains("scheduler_schedule_attempts_total{result=\"scheduled\",profile=\"default-scheduler\"} 1", StringComparison.Ordinal),
                "the metrics count the attempt");
            Assert.Contains("scheduler_pending_pods{queue=\"active\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("scheduler_scheduling_attempt_duration_seconds_bucket", metrics, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }
            await process.WaitForExitAsync(Ct);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await stderr}");
            Assert.Contains("Scheduler started", await stdout, StringComparison.Ordinal);
            lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-scheduler", "kube-system", cancellationToken: Ct);
            Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), "the Lease is released");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "scheduler" }, "Option '--kubeconfig' is required")]
    [InlineData(new[] { "scheduler", "--kubeconfig", "/no/such/kubeconfig" }, "--kubeconfig: there is no file \"/no/such/kubeconfig\"")]
    [InlineData(new[] { "scheduler", "--kubeconfig", "{self}", "--metrics-bind-address", "nowhere" }, "--metrics-bind-address: \"nowhere\" is not HOST:PORT")]
    [InlineData(new[] { "scheduler", "--kubeconfig", "{self}" }, "is not a usable kubeconfig")]
    public async Task ABadFlag_FailsWithAClearMessage_AndNoStackTrace(string[] args, string message)
    {
        var run = await CliRun.InProcessAsync([.. args.Select(a => a == "{self}" ? typeof(SchedulerCommandTests).Assembly.Location : a)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_WithAConfigFile_UsesItsKubeconfigProfilesAndLeaderElectionSetting()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-sched-").FullName;
        try
        {
            await using var server = await ApiServerHost.StartAsync(new ApiServerOptions
            {
                DataDir = dataDir,
                BindAddress = IPAddress.Loopback,
                HttpsPort = 0,
            }, NullLoggerFactory.Instance, Ct);
            var kubeconfig = Path.Combine(dataDir, "scheduler.kubeconfig");
            KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, server.Pki.Scheduler).WriteTo(kubeconfig);
            var config = Path.Combine(dataDir, "scheduler.yaml");
            await File.WriteAllTextAsync(config, $"""
                apiVersion: kubescheduler.config.k8s.io/v1
                kind: KubeSchedulerConfiguration
                clientConnection:
                  kubeconfig: {kubeconfig}
                leaderElection:
                  leaderElect: false
                profiles:
                - schedulerName: custom-scheduler
                """, Ct);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath));
            await SchedulerNodes.CreateAsync(admin, "worker-1");
            using var process = Start("scheduler", "--config", config);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var pod = SchedulerNodes.Pod("custom");
            pod.Spec.SchedulerName = "custom-scheduler";

            await admin.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ReadNamespacedPodAsync("custom", "default", cancellationToken: Ct)).Spec.NodeName == "worker-1",
                "the custom-scheduler profile bound the pod");
            var leases = await admin.CoordinationV1.ListNamespacedLeaseAsync("kube-system", cancellationToken: Ct);
            Assert.DoesNotContain(leases.Items, l => l.Metadata.Name == "kube-scheduler");
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }
            await process.WaitForExitAsync(Ct);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await stderr}");
            Assert.Contains("profiles custom-scheduler", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    score:\n      enabled:\n      - name: Nope\n",
        "profiles[0].plugins.score.enabled[0].name: Invalid value: \"Nope\": plugin \"Nope\" does not exist")]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npodInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 1\n",
        "podMaxBackoffSeconds: Invalid value: 1: must be greater than or equal to PodInitialBackoffSeconds")]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: [\n", "line 4, column")]
    [InlineData("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n", "no kubeconfig: give --kubeconfig or set clientConnection.kubeconfig")]
    public async Task ABadConfigFile_ExitsWith1_AndSaysWhatIsWrong(string yaml, string message)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sharpkube-schedcfg-").FullName, "bad.yaml");
        await File.WriteAllTextAsync(file, yaml, Ct);
        try
        {
            var run = await CliRun.InProcessAsync("scheduler", "--config", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Server_WithABadSchedulerConfig_ExitsWith1BeforeStartingAnything()
    {
        var dir = Directory.CreateTempSubdirectory("sharpkube-schedcfg-").FullName;
        var file = Path.Combine(dir, "bad.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 120\n", Ct);
        try
        {
            var run = await CliRun.InProcessAsync("server", "--data-dir", Path.Combine(dir, "data"), "--https-port", "0", "--scheduler-config", file);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("percentageOfNodesToScore: Invalid value: 120: not in valid range [0-100]", run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "data")), "nothing started");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "scheduler", "--config", "/no/such/config.yaml" }, "--config: there is no file \"/no/such/config.yaml\"")]
    [InlineData(new[] { "scheduler", "--config", "{self}", "--leader-elect=false" }, "--leader-elect cannot be combined with --config")]
    public async Task ConfigFlagMisuse_FailsWithAClearMessage(string[] args, string message)
    {
        var run = await CliRun.InProcessAsync([.. args.Select(a => a == "{self}" ? typeof(SchedulerCommandTests).Assembly.Location : a)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sharpkube.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }
}
