using k8s.Models;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Sandbox;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class ContainerConfigBuilderTests
{
    private static readonly PodConfigSettings Settings = new() { NodeMemoryCapacity = 4L * 1024 * 1024 * 1024 };

    private static readonly KeyValue[] Environment = [new() { Key = "GREETING", Value = "hello" }, new() { Key = "PORT", Value = "8080" }];

    private static ContainerConfig Build(V1Pod pod, V1Container container, int restartCount = 0, ImageUser? user = null) =>
        ContainerConfigBuilder.Build(pod, container, restartCount, Environment,
            [new Mount { ContainerPath = "/data", HostPath = "/var/lib/kubelet/pods/x/volumes/data", Readonly = true }],
            "sha256:c5ba6385", Settings, user);

    [Fact]
    public void Build_APlainContainer_FillsTheFieldsAsUpstream()
    {
        var container = TestPods.Container("app", "cpu=250m,memory=64Mi", "memory=128Mi");
        container.Command = ["/bin/sh", "-c"];
        container.Args = ["echo $(GREETING) on $(PORT) $(NOPE) $$(PORT)"];
        container.WorkingDir = "/srv";
        container.Stdin = true;
        container.Tty = true;
        container.TerminationMessagePath = "/dev/termination-log";
        container.TerminationMessagePolicy = "File";
        var pod = TestPods.Pod(container);
        pod.Spec.TerminationGracePeriodSeconds = 30;
        var config = Build(pod, container, restartCount: 3);
        Assert.Equal(("app", 3u), (config.Metadata.Name, config.Metadata.Attempt));
        Assert.Equal(("sha256:c5ba6385", "registry.local/app:1"), (config.Image.Image, config.Image.UserSpecifiedImage));
        Assert.Equal(["/bin/sh", "-c"], config.Command);
        Assert.Equal(["echo hello on 8080 $(NOPE) $(PORT)"], config.Args);
        Assert.Equal("/srv", config.WorkingDir);
        Assert.Equal(["GREETING", "PORT"], config.Envs.Select(e => e.Key));
        Assert.Equal("/data", Assert.Single(config.Mounts).ContainerPath);
        Assert.Equal("app/3.log", config.LogPath);
        Assert.Equal((true, false, true), (config.Stdin, config.StdinOnce, config.Tty));
        Assert.Equal(new Dictionary<string, string>
        {
            ["io.kubernetes.container.name"] = "app",
            ["io.kubernetes.pod.name"] = "web",
            ["io.kubernetes.pod.namespace"] = "shop",
            ["io.kubernetes.pod.uid"] = pod.Metadata.Uid,
        }, config.Labels);
        Assert.Equal("3", config.Annotations["io.kubernetes.container.restartCount"]);
        Assert.Equal("/dev/termination-log", config.Annotations["io.kubernetes.container.terminationMessagePath"]);
        Assert.Equal("File", config.Annotations["io.kubernetes.container.terminationMessagePolicy"]);
        Assert.Equal("30", config.Annotations["io.kubernetes.pod.terminationGracePeriod"]);
        Assert.Matches("^[0-9a-f]{1,8}$", config.Annotations["io.kubernetes.container.hash"]);
        Assert.Equal((256L, 134217728L, 985L), (config.Linux.Resources.CpuShares, config.Linux.Resources.MemoryLimitInBytes, config.Linux.Resources.OomScoreAdj));
    }

    [Fact]
    public void Build_DefaultSecurity_IsUnconfinedWithDefaultMaskedPathsAndPrivilegeEscalationAllowed()
    {
        var container = TestPods.Container("app");
        var security = Build(TestPods.Pod(container), container).Linux.SecurityContext;
        Assert.Equal(SecurityProfile.Types.ProfileType.Unconfined, security.Seccomp.ProfileType);
        Assert.False(security.NoNewPrivs);
        Assert.False(security.Privileged);
        Assert.Contains("/proc/kcore", security.MaskedPaths);
        Assert.Contains("/proc/sysrq-trigger", security.ReadonlyPaths);
        Assert.Equal(NamespaceMode.Container, security.NamespaceOptions.Pid);
        Assert.Null(security.RunAsUser);
        Assert.Null(security.Capabilities);
    }

    [Fact]
    public void Build_ContainerSecurityContext_OverridesThePods()
    {
        var container = TestPods.Container("app");
        container.SecurityContext = new V1SecurityContext
        {
            RunAsUser = 1001,
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Add = ["net_admin", "CAP_SYS_TIME"], Drop = ["ALL"] },
            SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = "profiles/audit.json" },
        };
        var pod = TestPods.Pod(container);
        pod.Spec.ShareProcessNamespace = true;
        pod.Spec.SecurityContext = new V1PodSecurityContext
        {
            RunAsUser = 2000,
            RunAsGroup = 3000,
            FsGroup = 4000,
            SupplementalGroups = [5000],
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        };
        var security = Build(pod, container, user: new ImageUser(null, "nginx")).Linux.SecurityContext;
        Assert.Equal((1001L, 3000L), (security.RunAsUser.Value, security.RunAsGroup.Value));
        Assert.Equal("", security.RunAsUsername);
        Assert.Equal([4000L, 5000L], security.SupplementalGroups);
        Assert.True(security.NoNewPrivs);
        Assert.True(security.ReadonlyRootfs);
        Assert.Equal(["NET_ADMIN", "SYS_TIME"], security.Capabilities.AddCapabilities);
        Assert.Equal(["ALL"], security.Capabilities.DropCapabilities);
        Assert.Equal(SecurityProfile.Types.ProfileType.Localhost, security.Seccomp.ProfileType);
        Assert.Equal("/var/lib/kubelet/seccomp/profiles/audit.json", security.Seccomp.LocalhostRef);
        Assert.Equal(NamespaceMode.Pod, security.NamespaceOptions.Pid);
    }

    [Fact]
    public void Build_PodSeccompProfile_AppliesWhenTheContainerHasNone()
    {
        var container = TestPods.Container("app");
        var pod = TestPods.Pod(container);
        pod.Spec.SecurityContext = new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } };
        Assert.Equal(SecurityProfile.Types.ProfileType.RuntimeDefault, Build(pod, container).Linux.SecurityContext.Seccomp.ProfileType);
    }

    [Fact]
    public void Build_WithoutARunAsUser_RunsAsTheImagesUser()
    {
        var container = TestPods.Container("app");
        var byName = Build(TestPods.Pod(container), container, user: new ImageUser(null, "www-data")).Linux.SecurityContext;
        Assert.Equal(("www-data", (Int64Value?)null), (byName.RunAsUsername, byName.RunAsUser));
        var byUid = Build(TestPods.Pod(container), container, user: new ImageUser(65534, "")).Linux.SecurityContext;
        Assert.Equal(65534, byUid.RunAsUser.Value);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "Unmasked")]
    public void Build_PrivilegedOrUnmaskedProc_HasNoMaskedOrReadonlyPaths(bool privileged, string? procMount)
    {
        var container = TestPods.Container("app");
        container.SecurityContext = new V1SecurityContext { Privileged = privileged, ProcMount = procMount };
        var security = Build(TestPods.Pod(container), container).Linux.SecurityContext;
        Assert.Empty(security.MaskedPaths);
        Assert.Empty(security.ReadonlyPaths);
        Assert.Equal(privileged, security.Privileged);
    }

    [Fact]
    public void Build_RunAsNonRootWithARootImage_FailsWithUpstreamsMessage()
    {
        var container = TestPods.Container("app");
        container.SecurityContext = new V1SecurityContext { RunAsNonRoot = true };
        var pod = TestPods.Pod(container);
        var error = Assert.Throws<ContainerConfigException>(() => Build(pod, container, user: ImageUser.Root));
        Assert.Equal($"container has runAsNonRoot and image will run as root (pod: \"web_shop({pod.Metadata.Uid})\", container: app)", error.Message);
        Assert.StartsWith("container has runAsNonRoot and image has non-numeric user (nginx)",
            Assert.Throws<ContainerConfigException>(() => Build(pod, container, user: new ImageUser(null, "nginx"))).Message, StringComparison.Ordinal);
        Assert.Equal(1000, Build(pod, container, user: new ImageUser(1000, "")).Linux.SecurityContext.RunAsUser.Value);
    }

    [Fact]
    public void Build_LocalhostSeccompWithoutAProfile_Fails()
    {
        var container = TestPods.Container("app");
        container.SecurityContext = new V1SecurityContext { SeccompProfile = new V1SeccompProfile { Type = "Localhost" } };
        Assert.Throws<ContainerConfigException>(() => Build(TestPods.Pod(container), container));
    }

    [Fact]
    public void Build_PreStopAndPorts_AreKeptAsJsonAnnotations()
    {
        var container = TestPods.Container("app");
        container.Ports = [new V1ContainerPort { Name = "http", ContainerPort = 80, Protocol = "TCP" }];
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sleep", "5"] } } };
        var annotations = Build(TestPods.Pod(container), container).Annotations;
        Assert.Equal("""{"exec":{"command":["sleep","5"]}}""", annotations["io.kubernetes.container.preStopHandler"]);
        Assert.Equal("""[{"containerPort":80,"name":"http","protocol":"TCP"}]""", annotations["io.kubernetes.container.ports"]);
    }

    [Fact]
    public void ContainerHash_ChangesWithTheImageButNotWithResources()
    {
        var container = TestPods.Container("app", "cpu=100m");
        var hash = ContainerHash.Of(container);
        Assert.Equal(hash, ContainerHash.Of(TestPods.Container("app", "cpu=2")));
        var other = TestPods.Container("app", "cpu=100m");
        other.Image = "registry.local/app:2";
        Assert.NotEqual(hash, ContainerHash.Of(other));
    }
}
