using System.Reflection;
using k8s.Models;
using SharpKube.ApiMachinery.Registry;

namespace SharpKube.ApiMachinery.Tests.Registry;

public sealed class BuiltInResourcesTests
{
    private static readonly ResourceRegistry Registry = ResourceRegistry.BuiltIn;

    [Fact]
    public void EveryBuiltInResource_HasAKubernetesClientModel()
    {
        Assert.All(Registry.All, r => Assert.NotNull(r.ModelType));
    }

    [Fact]
    public void EveryModelType_CarriesTheKubernetesEntityOfItsResource()
    {
        Assert.All(Registry.All, r =>
        {
            var entity = r.ModelType!.GetCustomAttribute<KubernetesEntityAttribute>();
            Assert.NotNull(entity);
            Assert.Equal((r.Group, r.Version, r.Kind), (entity.Group ?? "", entity.ApiVersion, entity.Kind));
            if (!string.IsNullOrEmpty(entity.PluralName))
            {
                Assert.Equal(entity.PluralName, r.Plural);
            }
        });
    }

    [Theory]
    [InlineData("", "v1")]
    [InlineData("admissionregistration.k8s.io", "v1")]
    [InlineData("apiextensions.k8s.io", "v1")]
    [InlineData("apiregistration.k8s.io", "v1")]
    [InlineData("apps", "v1")]
    [InlineData("authentication.k8s.io", "v1")]
    [InlineData("authorization.k8s.io", "v1")]
    [InlineData("autoscaling", "v1")]
    [InlineData("autoscaling", "v2")]
    [InlineData("batch", "v1")]
    [InlineData("certificates.k8s.io", "v1")]
    [InlineData("coordination.k8s.io", "v1")]
    [InlineData("discovery.k8s.io", "v1")]
    [InlineData("events.k8s.io", "v1")]
    [InlineData("flowcontrol.apiserver.k8s.io", "v1")]
    [InlineData("networking.k8s.io", "v1")]
    [InlineData("node.k8s.io", "v1")]
    [InlineData("policy", "v1")]
    [InlineData("rbac.authorization.k8s.io", "v1")]
    [InlineData("scheduling.k8s.io", "v1")]
    [InlineData("storage.k8s.io", "v1")]
    public void EveryGaGroupVersion_IsServed(string group, string version)
    {
        Assert.True(Registry.Serves(group, version));
        Assert.NotEmpty(Registry.ResourcesIn(group, version));
    }

    [Fact]
    public void Groups_ComeCoreFirstThenInKubeApiserverOrder()
    {
        string[] expected =
        [
            "", "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
            "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
            "storage.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io",
            "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io", "flowcontrol.apiserver.k8s.io",
        ];
        Assert.Equal(expected, Registry.Groups);
    }

    [Fact]
    public void CoreV1_ServesEveryCoreResource()
    {
        string[] expected =
        [
            "bindings", "componentstatuses", "configmaps", "endpoints", "events", "limitranges", "namespaces", "nodes",
            "persistentvolumeclaims", "persistentvolumes", "pods", "podtemplates", "replicationcontrollers",
            "resourcequotas", "secrets", "serviceaccounts", "services",
        ];
        Assert.Equal(expected, Registry.ResourcesIn("", "v1").Select(r => r.Plural));
    }

    [Fact]
    public void ShortNames_AreUnique_ExceptEvThatBothEventApisShare()
    {
        var preferred = Registry.All.Where(r => Registry.PreferredVersion(r.Group) == r.Version);
        var shared = preferred.SelectMany(r => r.ShortNames.Select(s => (ShortName: s, Resource: r.QualifiedResource)))
            .GroupBy(x => x.ShortName)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Resource).Order().ToArray());
        Assert.Equal(["ev"], shared.Keys);
        Assert.Equal(["events", "events.events.k8s.io"], shared["ev"]);
    }

    [Fact]
    public void ShortNames_AreThoseKubectlUsersType()
    {
        var byShortName = Registry.All.SelectMany(r => r.ShortNames.Select(s => (s, r.Plural))).ToLookup(x => x.s, x => x.Plural);
        foreach (var (shortName, plural) in new[]
        {
            ("po", "pods"), ("svc", "services"), ("deploy", "deployments"), ("ds", "daemonsets"), ("rs", "replicasets"),
            ("sts", "statefulsets"), ("cm", "configmaps"), ("ns", "namespaces"), ("no", "nodes"), ("ep", "endpoints"),
            ("ev", "events"), ("pv", "persistentvolumes"), ("pvc", "persistentvolumeclaims"), ("sa", "serviceaccounts"),
            ("rc", "replicationcontrollers"), ("quota", "resourcequotas"), ("limits", "limitranges"),
            ("hpa", "horizontalpodautoscalers"), ("cj", "cronjobs"), ("csr", "certificatesigningrequests"),
            ("ing", "ingresses"), ("netpol", "networkpolicies"), ("pdb", "poddisruptionbudgets"),
            ("pc", "priorityclasses"), ("sc", "storageclasses"), ("crd", "customresourcedefinitions"),
            ("crds", "customresourcedefinitions"), ("cs", "componentstatuses"),
        })
        {
            Assert.Contains(plural, byShortName[shortName]);
        }
    }

    [Fact]
    public void AllCategory_IsWhatKubectlGetAllLists()
    {
        var all = Registry.All.Where(r => r.Categories.Contains("all")).Select(r => r.Plural).Distinct().Order();
        Assert.Equal(
            ["cronjobs", "daemonsets", "deployments", "horizontalpodautoscalers", "jobs", "pods", "replicasets",
                "replicationcontrollers", "services", "statefulsets"],
            all);
    }

    [Fact]
    public void ApiExtensionsCategory_CoversTheApiExtendingKinds()
    {
        var extensions = Registry.All.Where(r => r.Categories.Contains("api-extensions")).Select(r => r.Plural).Order();
        Assert.Equal(
            ["apiservices", "customresourcedefinitions", "mutatingwebhookconfigurations", "validatingadmissionpolicies",
                "validatingadmissionpolicybindings", "validatingwebhookconfigurations"],
            extensions);
    }

    [Fact]
    public void Pods_HaveEveryUpstreamSubresource()
    {
        var pods = Registry.Find("", "v1", "pods")!;
        Assert.Equal(
            ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "status"],
            pods.Subresources.Select(s => s.Name));
        var eviction = pods.FindSubresource("eviction")!;
        Assert.Equal(("policy", "v1", "Eviction"), (eviction.Group, eviction.Version, eviction.Kind));
    }

    [Theory]
    [InlineData("apps", "deployments")]
    [InlineData("apps", "replicasets")]
    [InlineData("apps", "statefulsets")]
    [InlineData("", "replicationcontrollers")]
    public void ScalableWorkloads_ServeScaleAsAutoscalingV1Scale(string group, string plural)
    {
        var scale = Registry.Find(group, "v1", plural)!.FindSubresource("scale")!;
        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Group, scale.Version, scale.Kind));
        Assert.Equal(["get", "patch", "update"], scale.Verbs);
    }

    [Fact]
    public void ServiceAccountTokens_AreAuthenticationV1TokenRequests()
    {
        var token = Registry.Find("", "v1", "serviceaccounts")!.FindSubresource("token")!;
        Assert.Equal(("authentication.k8s.io", "v1", "TokenRequest"), (token.Group, token.Version, token.Kind));
        Assert.Equal(["create"], token.Verbs);
    }

    [Fact]
    public void SubresourceKinds_FromOtherGroups_HaveKubernetesClientModels()
    {
        var foreign = Registry.All.SelectMany(r => r.Subresources).Where(s => s.Group is not null).Distinct();
        Assert.All(foreign, s => Assert.NotNull(KubernetesModelCatalog.Find(s.Group!, s.Version!, s.Kind)));
        Assert.Equal(typeof(V1Scale), KubernetesModelCatalog.Find("autoscaling", "v1", "Scale"));
    }
}
