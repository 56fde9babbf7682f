using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;

namespace SharpKube.Cli.Tests.Commands;

public sealed class HollowNodesCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HollowNodes_AgainstAnApiServer_RegistersReadyNodesThatRunPods_AndDeletesThemOnSigterm()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-hollow-").FullName;
        try
        {
            await using var server = await ApiServerHost.StartAsync(new ApiServerOptions
            {
                DataDir = dataDir,
                BindAddress = IPAddress.Loopback,
                HttpsPort = 0,
            }, NullLoggerFactory.Instance, Ct);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath));
            using var process = Start("hollow-nodes", "--count", "2", "--kubeconfig", server.AdminKubeconfigPath, "--name-prefix", "cli-node-",
                "--cpu", "4", "--zones", "1", "--delete-nodes-on-exit");
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items
                .Count(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) == 2, "both nodes are Ready");
            var node = await admin.CoreV1.ReadNodeAsync("cli-node-1", cancellationToken: Ct);
            Assert.Equal(("4", "zone-a"), (node.Status.Capacity["cpu"].ToString(), node.Metadata.Labels["topology.kubernetes.io/zone"]));
            await admin.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1PodSpec { NodeName = "cli-node-1", Containers = [new V1Container { Name = "web", Image = "nginx" }] },
            }, "default", cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await admin.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: Ct)).Status.Phase == "Running",
                "the pod bound to a hollow node runs");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }
            await process.WaitForExitAsync(Ct);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await stderr}");
            Assert.Contains("Registered 2 hollow nodes", await stdout, StringComparison.Ordinal);
            Assert.Empty((await admin.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items);
            Assert.Empty((await admin.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease", cancellationToken: Ct)).Items);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Server_WithHollowNodes_RunsThemInProcess_WithPodCidrsFromTheNodeIpamController()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-server-hollow-").FullName;
        try
        {
            using var server = await ServerProcess.StartAsync(dataDir, "--hollow-nodes", "2");
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dataDir, "admin.kubeconfig")));

            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNodeAsync(labelSelector: "sharpkube.io/hollow-node=true", cancellationToken: Ct)).Items
                .Count(n => n.Spec.PodCIDR is not null && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true) == 2,
                "two hollow nodes are Ready and have pod CIDRs");
            var names = (await admin.CoreV1.ListNodeAsync(cancellationToken: Ct)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal);
            Assert.Equal(["hollow-node-0", "hollow-node-1"], names);
            Assert.NotNull(await admin.CoordinationV1.ReadNamespacedLeaseAsync("hollow-node-0", "kube-node-lease", cancellationToken: Ct));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "hollow-nodes" }, "Option '--count' is required")]
    [InlineData(new[] { "hollow-nodes", "--count", "0" }, "--count: 0 must be at least 1")]
    [InlineData(new[] { "hollow-nodes", "--count", "many" }, "many")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--cpu", "lots" }, "--cpu: \"lots\" is not a quantity")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--memory", "0" }, "--memory: \"0\" must be more than zero")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--zones", "0" }, "--zones: 0 must be between 1 and 26")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--pod-cidr", "10.244.0.0/25" }, "--pod-cidr: \"10.244.0.0/25\" is not an IPv4 network")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--name-prefix", "Node_" }, "--name-prefix: \"Node_\" does not make valid node names")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--kubeconfig", "/no/such/kubeconfig" }, "--kubeconfig: there is no file \"/no/such/kubeconfig\"")]
    [InlineData(new[] { "hollow-nodes", "--count", "3", "--kubeconfig", "{self}" }, "is not a usable kubeconfig")]
    [InlineData(new[] { "server", "--hollow-nodes", "-1" }, "--hollow-nodes must be 0 or more")]
    public async Task ABadFlag_FailsWithAClearMessage_AndNoStackTrace(string[] args, string message)
    {
        // {self} is a file that exists but is no kubeconfig.
        var run = await CliRun.InProcessAsync([.. args.Select(a => a == "{self}" ? typeof(HollowNodesCommandTests).Assembly.Location : a)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
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
