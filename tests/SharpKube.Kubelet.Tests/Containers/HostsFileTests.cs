using System.Runtime.Versioning;
using k8s.Models;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Tests.Containers;

[SupportedOSPlatform("linux")]
public sealed class HostsFileTests
{
    private const string Localhost = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
        + "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";

    [Fact]
    public void Render_APodWithoutSubdomain_ListsEachIPWithTheHostname() =>
        Assert.Equal(Localhost + "10.88.0.7\tweb\nfd00::7\tweb\n", HostsFile.Render(["10.88.0.7", "fd00::7"], new PodHostname("web", ""), null));

    [Fact]
    public void Render_WithSubdomainAndAliases_PutsTheFqdnFirstAndAliasesLast()
    {
        var pod = TestPods.Pod();
        pod.Spec.Hostname = "db-0";
        pod.Spec.Subdomain = "db";
        pod.Spec.HostAliases =
        [
            new V1HostAlias { Ip = "192.0.2.1", Hostnames = ["foo.local", "bar.local"] },
            new V1HostAlias { Ip = "192.0.2.2", Hostnames = ["baz.local"] },
        ];
        var text = HostsFile.Render(["10.88.0.7"], PodHostname.For(pod, "cluster.local"), pod.Spec.HostAliases);
        Assert.Equal(Localhost + "10.88.0.7\tdb-0.db.shop.svc.cluster.local\tdb-0\n"
            + "\n# Entries added by HostAliases.\n192.0.2.1\tfoo.local\tbar.local\n192.0.2.2\tbaz.local\n", text);
    }

    [Fact]
    public async Task RenderAsync_HostNetworkPod_CopiesTheNodesFileUnderItsHeader()
    {
        var dir = Directory.CreateTempSubdirectory("hosts-");
        try
        {
            var nodeHosts = Path.Combine(dir.FullName, "hosts");
            await File.WriteAllTextAsync(nodeHosts, "127.0.0.1\tlocalhost\n192.0.2.2\tnode-1\n", TestContext.Current.CancellationToken);
            var pod = TestPods.Pod();
            pod.Spec.HostNetwork = true;
            pod.Spec.HostAliases = [new V1HostAlias { Ip = "192.0.2.9", Hostnames = ["extra"] }];
            var text = await HostsFile.RenderAsync(pod, [], "cluster.local", nodeHosts, TestContext.Current.CancellationToken);
            Assert.Equal("# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n192.0.2.2\tnode-1\n"
                + "\n# Entries added by HostAliases.\n192.0.2.9\textra\n", text);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_WritesTheFileWorldReadableInPlace()
    {
        var dir = Directory.CreateTempSubdirectory("hosts-");
        try
        {
            var path = Path.Combine(dir.FullName, HostsFile.FileName);
            await File.WriteAllTextAsync(path, "old content that is longer", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // A handle opened before stands in for a container's bind mount: it sees the new text only if the inode is kept.
            using var before = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await HostsFile.WriteAsync(path, "new\n", TestContext.Current.CancellationToken);
            using var reader = new StreamReader(before);
            Assert.Equal("new\n", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ShouldMount_OnlyWithIPsAndWithoutTheContainersOwnEtcHosts()
    {
        var container = TestPods.Container("app");
        Assert.False(HostsFile.ShouldMount(container, []));
        Assert.True(HostsFile.ShouldMount(container, ["10.88.0.7"]));
        container.VolumeMounts = [new V1VolumeMount { Name = "hosts", MountPath = "/etc/hosts" }];
        Assert.False(HostsFile.ShouldMount(container, ["10.88.0.7"]));
        var mount = HostsFile.Mount("/var/lib/kubelet/pods/u/etc-hosts");
        Assert.Equal(("/etc/hosts", false, true), (mount.ContainerPath, mount.Readonly, mount.SelinuxRelabel));
    }
}
