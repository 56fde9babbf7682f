using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.ApiServer.Hosting;
using SharpKube.ApiServer.Pki;

namespace SharpKube.Cli.Tests.Commands;

public sealed class ControllerManagerCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ControllerManager_AgainstAnApiServer_RunsTheChosenControllers_AndReleasesItsLeaseOnSigterm()
    {
        var dataDir = Directory.CreateTempSubdirectory("sharpkube-cm-").FullName;
        try
        {
            await using var server = await ApiServerHost.StartAsync(new ApiServerOptions
            {
                DataDir = dataDir,
                BindAddress = IPAddress.Loopback,
                HttpsPort = 0,
                FinalizeNamespaces = false,
            }, NullLoggerFactory.Instance, Ct);
            var kubeconfig = Path.Combine(dataDir, "cm.kubeconfig");
            KubeconfigFile.ForClientCertificate(server.Url, server.Pki.CaCertificatePem, server.Pki.ControllerManager).WriteTo(kubeconfig);
            using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.AdminKubeconfigPath));
            using var process = Start("controller-manager", "--kubeconfig", kubeconfig, "--controllers", "serviceaccount,namespace");
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);

            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-c" } }, cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNamespacedServiceAccountAsync("team-c", cancellationToken: Ct)).Items
                .Any(sa => sa.Metadata.Name == "default"), "the new namespace has a default ServiceAccount");
            await admin.CoreV1.DeleteNamespaceAsync("team-c", cancellationToken: Ct);
            await Eventually.TrueAsync(async () => (await admin.CoreV1.ListNamespaceAsync(cancellationToken: Ct)).Items.All(n => n.Metadata.Name != "team-c"),
                "the namespace controller finalized the deleted namespace");
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-controller-manager", "kube-system", cancellationToken: Ct);
            Assert.False(string.IsNullOrEmpty(lease.Spec.HolderIdentity));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Ct);
            }
            await process.WaitForExitAsync(Ct);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {await stderr}");
            Assert.Contains("Starting controllers: namespace,serviceaccount", await stdout, StringComparison.Ordinal);
            lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync("kube-controller-manager", "kube-system", cancellationToken: Ct);
            Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), "the Lease is released");
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "controller-manager" }, "Option '--kubeconfig' is required")]
    [InlineData(new[] { "controller-manager", "--kubeconfig", "/no/such/kubeconfig" }, "--kubeconfig: there is no file \"/no/such/kubeconfig\"")]
    [InlineData(new[] { "controller-manager", "--kubeconfig", "{self}", "--controllers", "*,-bogus" }, "--controllers: \"bogus\" is not a known controller")]
    [InlineData(new[] { "controller-manager", "--kubeconfig", "{self}", "--cluster-cidr", "10.42.0.0" }, "--cluster-cidr: \"10.42.0.0\" is not a network in CIDR notation")]
    [InlineData(new[] { "controller-manager", "--kubeconfig", "{self}", "--node-cidr-mask-size", "12" }, "--node-cidr-mask-size: 12 must be between")]
    [InlineData(new[] { "controller-manager", "--kubeconfig", "{self}" }, "is not a usable kubeconfig")]
    [InlineData(new[] { "server", "--cluster-cidr", "fd00::/48" }, "only IPv4")]
    public async Task ABadFlag_FailsWithAClearMessage_AndNoStackTrace(string[] args, string message)
    {
        // {self} is a file that exists but is no kubeconfig.
        var run = await CliRun.InProcessAsync([.. args.Select(a => a == "{self}" ? typeof(ControllerManagerCommandTests).Assembly.Location : a)]);

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
