using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Tests.Registry.Pods;

public sealed class AffinityValidationTests
{
    private const string NodeTerm = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]";

    private static IReadOnlyList<string> Validate(string affinityJson)
    {
        var pod = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}
            """);
        pod["spec"]!["affinity"] = Json.Parse(affinityJson);
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();
        PodStrategy.Instance.Validate(pod, errors);
        return Errors.Lines(errors);
    }

    private static string Required(string expressionJson) =>
        """{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[""" + expressionJson + "]}]}}}";

    [Theory]
    [InlineData("""{"key":"disk","operator":"In"}""", NodeTerm + ".matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]
    [InlineData("""{"key":"disk","operator":"NotIn","values":[]}""", NodeTerm + ".matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]
    [InlineData("""{"key":"disk","operator":"Exists","values":["ssd"]}""", NodeTerm + ".matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
    [InlineData("""{"key":"cores","operator":"Gt","values":["1","2"]}""", NodeTerm + ".matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")]
    [InlineData("""{"key":"disk","operator":"Near","values":["ssd"]}""", NodeTerm + ".matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator")]
    public void NodeAffinity_BadRequirements_AreRefusedWithUpstreamsPathsAndMessages(string expression, string expected)
    {
        Assert.Equal([expected], Validate(Required(expression)));
    }

    [Fact]
    public void NodeAffinity_GtWithANonInteger_IsAccepted_AsUpstream()
    {
        Assert.Empty(Validate(Required("""{"key":"cores","operator":"Gt","values":["many"]}""")));
    }

    [Fact]
    public void NodeAffinity_NoTerms_BadFieldSelectorsAndWeights_AreRefused()
    {
        Assert.Equal(["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"],
            Validate("""{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[]}}}"""));
        Assert.Equal(
        [
            NodeTerm + ".matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
            NodeTerm + ".matchFields[0].key: Invalid value: \"spec.nodeName\": not a valid field selector key",
        ], Validate("""{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"spec.nodeName","operator":"In","values":["a","b"]}]}]}}}"""));
        Assert.Equal(["spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"],
            Validate("""{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":101,"preference":{"matchExpressions":[{"key":"a","operator":"Exists"}]}}]}}"""));
    }

    [Fact]
    public void PodAntiAffinity_EmptyTopologyKey_IsRequired()
    {
        var lines = Validate("""{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":""}]}}""");

        Assert.Equal("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty", lines[0]);
        Assert.All(lines, l => Assert.StartsWith("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void PodAffinity_InvalidLabelSelector_AndWeight_AreRefused()
    {
        Assert.Equal(
        [
            "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
            "spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
        ], Validate("""
            {"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":0,"podAffinityTerm":{
              "labelSelector":{"matchExpressions":[{"key":"app","operator":"Equals","values":["web"]}]},"topologyKey":"kubernetes.io/hostname"}}]}}
            """));
    }

    [Fact]
    public void AValidAffinity_PassesUntouched()
    {
        Assert.Empty(Validate("""
            {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}],
               "matchFields":[{"key":"metadata.name","operator":"In","values":["node-1"]}]}]}},
             "podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]}}
            """));
    }
}
