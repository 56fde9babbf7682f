using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Pods;

namespace SharpKube.ApiServer.Tests.Registry.Pods;

public sealed class PodStrategyTests
{
    private const string MinimalPod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
         "spec":{"containers":[{"name":"app","image":"nginx:1.27"}]}}
        """;

    [Fact]
    public void PrepareForCreate_FillsUpstreamDefaultsAndKeepsUnknownFields()
    {
        var pod = Json.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","x-extra":1},
             "spec":{"futureField":{"keep":"me"},
               "containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80}],
                 "env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                 "livenessProbe":{"httpGet":{"port":80}}}],
               "volumes":[{"name":"cfg","configMap":{"name":"cfg"}},{"name":"scratch"}]},
             "status":{"phase":"Running"}}
            """);

        PodStrategy.Instance.PrepareForCreate(pod);

        Json.Equal("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","x-extra":1},
             "spec":{"futureField":{"keep":"me"},
               "containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],
                 "env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name","apiVersion":"v1"}}}],
                 "livenessProbe":{"httpGet":{"port":80,"path":"/","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,
                   "successThreshold":1,"failureThreshold":3},
                 "imagePullPolicy":"Always","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",
                 "resources":{}}],
               "volumes":[{"name":"cfg","configMap":{"name":"cfg","defaultMode":420}},{"name":"scratch","emptyDir":{}}],
               "enableServiceLinks":true,"dnsPolicy":"ClusterFirst","restartPolicy":"Always","securityContext":{},
               "terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler"},
             "status":{"phase":"Pending","qosClass":"BestEffort"}}
            """, pod);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("registry.example.com:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void PrepareForCreate_PullPolicyFollowsTheImageTag(string image, string expected)
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["containers"]![0]!["image"] = image;

        PodStrategy.Instance.PrepareForCreate(pod);

        Assert.Equal(expected, pod["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"limits":{"cpu":"500m","memory":"128Mi"}}""", "Guaranteed")]
    [InlineData("""{"requests":{"cpu":"250m"}}""", "Burstable")]
    [InlineData("""{"requests":{"cpu":"250m","memory":"64Mi"},"limits":{"cpu":"500m","memory":"64Mi"}}""", "Burstable")]
    [InlineData("""{}""", "BestEffort")]
    public void PrepareForCreate_ComputesTheQosClass(string resources, string expected)
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["containers"]![0]!["resources"] = Json.Parse(resources);

        PodStrategy.Instance.PrepareForCreate(pod);

        Assert.Equal(expected, pod["status"]!["qosClass"]!.GetValue<string>());
    }

    [Fact]
    public void PrepareForCreate_LimitsWithoutRequests_BecomeRequests()
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["containers"]![0]!["resources"] = Json.Parse("""{"limits":{"cpu":"1"}}""");

        PodStrategy.Instance.PrepareForCreate(pod);

        Json.Equal("""{"limits":{"cpu":"1"},"requests":{"cpu":"1"}}""", pod["spec"]!["containers"]![0]!["resources"]!);
    }

    [Fact]
    public void PrepareForCreate_SchedulingGates_AddTheGatedCondition()
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["schedulingGates"] = Json.Parse("""{"a":[{"name":"example.com/wait"}]}""")["a"]!.DeepClone();

        PodStrategy.Instance.PrepareForCreate(pod);

        Json.Equal("""
            [{"type":"PodScheduled","status":"False","lastProbeTime":null,"lastTransitionTime":null,
              "reason":"SchedulingGated","message":"Scheduling is blocked due to non-empty scheduling gates"}]
            """, pod["status"]!["conditions"]!);
    }

    [Fact]
    public void Validate_ContainerProblems_ReportUpstreamPathsAndMessages()
    {
        var pod = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"restartPolicy":"Sometimes","containers":[
               {"name":"App","image":"nginx","ports":[{"containerPort":70000}],"volumeMounts":[{"name":"missing","mountPath":"/data"}]},
               {"name":"side"}]}}
            """);
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();

        PodStrategy.Instance.Validate(pod, errors);

        Assert.Equal(
        [
            "spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters " +
            "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].volumeMounts[0].name: Not found: \"missing\"",
            "spec.containers[1].image: Required value",
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
        ], Errors.Lines(errors));
    }

    [Fact]
    public void Validate_DuplicateNamesAcrossInitAndRegularContainers_AreReportedOnTheInitContainer()
    {
        var pod = Json.Parse("""
            {"metadata":{"name":"web","namespace":"default"},
             "spec":{"initContainers":[{"name":"app","image":"busybox"}],"containers":[{"name":"app","image":"nginx"}]}}
            """);
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();

        PodStrategy.Instance.Validate(pod, errors);

        Assert.Equal("spec.initContainers[0].name: Duplicate value: \"app\"", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_RequestAboveLimit_IsRefused()
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["containers"]![0]!["resources"] = Json.Parse("""{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}""");
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();

        PodStrategy.Instance.Validate(pod, errors);

        Assert.Equal("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_DuplicateVolumeNames_AreRefused()
    {
        var pod = Json.Parse(MinimalPod);
        pod["spec"]!["volumes"] = Json.Parse("""{"v":[{"name":"data","emptyDir":{}},{"name":"data","emptyDir":{}}]}""")["v"]!.DeepClone();
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();

        PodStrategy.Instance.Validate(pod, errors);

        Assert.Equal("spec.volumes[1].name: Duplicate value: \"data\"", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_NoContainers_IsRequired()
    {
        var pod = Json.Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{}}""");
        PodStrategy.Instance.PrepareForCreate(pod);
        var errors = new FieldErrorList();

        PodStrategy.Instance.Validate(pod, errors);

        Assert.Equal("spec.containers: Required value", Assert.Single(errors).ToString());
    }
}
