using System.Text;
using k8s.Models;
using SharpKube.Kubelet.Containers;
using SharpKube.Kubelet.Pods;

namespace SharpKube.Kubelet.Tests.Containers;

public sealed class ContainerEnvironmentTests
{
    private readonly Dictionary<(string, string), V1ConfigMap> _configMaps = [];
    private readonly Dictionary<(string, string), V1Secret> _secrets = [];

    public ContainerEnvironmentTests()
    {
        _configMaps[("shop", "settings")] = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = "shop" },
            Data = new Dictionary<string, string> { ["MODE"] = "fast", ["LEVEL"] = "3", ["bad key"] = "x", ["1ST"] = "y" },
        };
        _secrets[("shop", "creds")] = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds", NamespaceProperty = "shop" },
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
        };
    }

    private ContainerEnvironmentSources Sources(params V1Service[] services) => new(
        new ReferencedObjects(
            (ns, name, _) => Task.FromResult(_configMaps.GetValueOrDefault((ns, name))),
            (ns, name, _) => Task.FromResult(_secrets.GetValueOrDefault((ns, name)))),
        services, null, ["10.88.0.7", "fd00::7"], ["192.0.2.10"],
        new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi") });

    private static Task<ContainerEnvironment> BuildAsync(V1Container container, ContainerEnvironmentSources sources) =>
        ContainerEnvironment.BuildAsync(TestPods.Pod(container), container, sources, TestContext.Current.CancellationToken);

    private static V1Container With(params V1EnvVar[] env)
    {
        var container = TestPods.Container("app");
        container.Env = env.ToList();
        return container;
    }

    private static Dictionary<string, string> AsMap(ContainerEnvironment environment) =>
        environment.Variables.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public async Task BuildAsync_ServicesThenEnvFromThenEnv_InThatOrderWithOverrides()
    {
        var container = With(new V1EnvVar { Name = "CFG_MODE", Value = "slow" }, new V1EnvVar { Name = "API_SERVICE_HOST", Value = "mine" });
        container.EnvFrom = [new V1EnvFromSource { Prefix = "CFG_", ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" } }];
        var api = ServiceEnvironmentTests.Service("shop", "api", "10.96.0.7", new V1ServicePort { Port = 80 });
        var environment = await BuildAsync(container, Sources(api));
        var names = environment.Variables.Select(v => v.Key).ToList();
        Assert.Equal(["API_SERVICE_PORT", "API_PORT"], names.Take(2));
        Assert.Equal(["CFG_1ST", "CFG_LEVEL", "CFG_MODE", "API_SERVICE_HOST"], names.TakeLast(4));
        Assert.Equal("slow", AsMap(environment)["CFG_MODE"]);
        Assert.Equal("mine", AsMap(environment)["API_SERVICE_HOST"]);
    }

    [Fact]
    public async Task BuildAsync_EnvFromKeysThatAreNotVariableNames_AreSkippedWithUpstreamsWarning()
    {
        var container = TestPods.Container("app");
        container.EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "settings" } }];
        var environment = await BuildAsync(container, Sources());
        Assert.Equal(["LEVEL", "MODE"], environment.Variables.Select(v => v.Key));
        Assert.Equal("Keys [1ST, bad key] from the EnvFrom configMap shop/settings were skipped since they are considered invalid environment variable names.",
            Assert.Single(environment.Warnings));
    }

    [Fact]
    public async Task BuildAsync_Values_ExpandEarlierVariablesAndServicesOnly()
    {
        var container = With(
            new V1EnvVar { Name = "HOST", Value = "$(API_SERVICE_HOST):$(API_SERVICE_PORT)" },
            new V1EnvVar { Name = "EARLY", Value = "[$(LATE)]" },
            new V1EnvVar { Name = "LATE", Value = "late" },
            new V1EnvVar { Name = "URL", Value = "http://$(HOST)/$$(HOST)" });
        var api = ServiceEnvironmentTests.Service("shop", "api", "10.96.0.7", new V1ServicePort { Port = 80 });
        var map = AsMap(await BuildAsync(container, Sources(api)));
        Assert.Equal("10.96.0.7:80", map["HOST"]);
        Assert.Equal("[$(LATE)]", map["EARLY"]);
        Assert.Equal("http://10.96.0.7:80/$(HOST)", map["URL"]);
    }

    [Fact]
    public async Task BuildAsync_KeyRefsFieldRefsAndResourceRefs_ResolveTheirValues()
    {
        var container = With(
            new V1EnvVar { Name = "MODE", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "MODE" } } },
            new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "password" } } },
            new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
            new V1EnvVar { Name = "POD_IPS", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIPs" } } },
            new V1EnvVar { Name = "NODE_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.hostIP" } } },
            new V1EnvVar { Name = "NS", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } } },
            new V1EnvVar { Name = "CPUS", ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { Resource = "limits.cpu" } } });
        var map = AsMap(await BuildAsync(container, Sources()));
        Assert.Equal(("fast", "s3cret", "10.88.0.7", "10.88.0.7,fd00::7", "192.0.2.10", "shop", "4"),
            (map["MODE"], map["PASSWORD"], map["POD_IP"], map["POD_IPS"], map["NODE_IP"], map["NS"], map["CPUS"]));
    }

    [Fact]
    public async Task BuildAsync_OptionalReferencesThatAreMissing_LeaveTheVariableOut()
    {
        var container = With(
            new V1EnvVar { Name = "A", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "nope", Key = "k", Optional = true } } },
            new V1EnvVar { Name = "B", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "nokey", Optional = true } } },
            new V1EnvVar { Name = "C", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "nope", Key = "k", Optional = true } } },
            new V1EnvVar { Name = "D", Value = "" });
        container.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "nope", Optional = true } }];
        var environment = await BuildAsync(container, Sources());
        Assert.Equal(["D"], environment.Variables.Select(v => v.Key));
    }

    [Fact]
    public async Task BuildAsync_MissingRequiredReferences_FailWithUpstreamsMessages()
    {
        async Task<string> MessageAsync(V1EnvVarSource source) =>
            (await Assert.ThrowsAsync<ContainerConfigException>(() => BuildAsync(With(new V1EnvVar { Name = "X", ValueFrom = source }), Sources()))).Message;

        Assert.Equal("configmap \"x\" not found", await MessageAsync(new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "x", Key = "k" } }));
        Assert.Equal("couldn't find key k in ConfigMap shop/settings", await MessageAsync(new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "k" } }));
        Assert.Equal("secret \"s\" not found", await MessageAsync(new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "s", Key = "k" } }));
        Assert.Equal("couldn't find key k in Secret shop/creds", await MessageAsync(new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "k" } }));
        Assert.Equal("unsupported fieldPath: spec.nope", await MessageAsync(new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nope" } }));
    }

    [Fact]
    public async Task BuildAsync_AMissingEnvFromSecret_FailsWithUpstreamsMessage()
    {
        var container = TestPods.Container("app");
        container.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "gone" } }];
        var error = await Assert.ThrowsAsync<ContainerConfigException>(() => BuildAsync(container, Sources()));
        Assert.Equal("secret \"gone\" not found", error.Message);
    }
}
