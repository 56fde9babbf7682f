using k8s.Models;
using SharpKube.Controllers.Deployment;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentReplicasTests
{
    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)]
    [InlineData("25%", "25%", 3, 1, 0)]
    [InlineData("25%", "25%", 1, 1, 0)]
    [InlineData("0", "0", 5, 0, 1)]
    [InlineData("0%", "0%", 5, 0, 1)]
    [InlineData("3", "2", 10, 3, 2)]
    [InlineData("50%", "10%", 7, 4, 0)]
    public void ResolveFenceposts_RoundsSurgeUpAndUnavailableDown(string surge, string unavailable, int desired, int expectedSurge,
        int expectedUnavailable)
    {
        var resolved = DeploymentReplicas.ResolveFenceposts(Parse(surge), Parse(unavailable), desired);

        Assert.Equal((expectedSurge, expectedUnavailable), resolved);
    }

    [Fact]
    public void MaxUnavailable_NeverExceedsReplicas_AndIsZeroForRecreate()
    {
        var rolling = Deployment(4, TestDeployments.Rolling("1", "10"));
        var recreate = Deployment(4, TestDeployments.Recreate);

        Assert.Equal(4, DeploymentReplicas.MaxUnavailable(rolling));
        Assert.Equal(0, DeploymentReplicas.MaxUnavailable(recreate));
        Assert.Equal(0, DeploymentReplicas.MaxSurge(recreate));
    }

    [Fact]
    public void NewReplicaSetReplicas_GrowsWithinSurge_AndRecreateTakesEverything()
    {
        var deployment = Deployment(10, TestDeployments.Rolling("3", "2"));
        var old = ReplicaSet("old", 10);
        var fresh = ReplicaSet("new", 0);

        Assert.Equal(3, DeploymentReplicas.NewReplicaSetReplicas(deployment, [old, fresh], fresh));
        Assert.Equal(3, DeploymentReplicas.NewReplicaSetReplicas(deployment, [ReplicaSet("old", 10), ReplicaSet("new", 3)], ReplicaSet("new", 3)));
        Assert.Equal(5, DeploymentReplicas.NewReplicaSetReplicas(deployment, [ReplicaSet("old", 8), ReplicaSet("new", 3)], ReplicaSet("new", 3)));
        Assert.Equal(10, DeploymentReplicas.NewReplicaSetReplicas(deployment, [ReplicaSet("old", 1), ReplicaSet("new", 9)], ReplicaSet("new", 9)));
        Assert.Equal(10, DeploymentReplicas.NewReplicaSetReplicas(Deployment(10, TestDeployments.Recreate), [old, fresh], fresh));
    }

    [Fact]
    public void Proportion_SharesByMaxReplicasAnnotation_WithinWhatIsLeft()
    {
        // 10 replicas, surge 3 (max 13) scaled to 15 (max 18): 7 more to spread over 8 old and 3 new.
        var deployment = Deployment(15, TestDeployments.Rolling("3", "2"));
        var old = ReplicaSet("old", 8, maxReplicas: 13);
        var fresh = ReplicaSet("new", 3, maxReplicas: 13);

        Assert.Equal(3, DeploymentReplicas.Proportion(old, deployment, 7, 0));
        Assert.Equal(1, DeploymentReplicas.Proportion(fresh, deployment, 7, 3));
        Assert.Equal(2, DeploymentReplicas.Proportion(old, deployment, 7, 5));
        Assert.Equal(0, DeploymentReplicas.Proportion(fresh, deployment, 7, 7));
    }

    [Fact]
    public void Proportion_ScalingToZero_TakesEverything()
    {
        var deployment = Deployment(0, TestDeployments.Rolling("3", "2"));

        Assert.Equal(-8, DeploymentReplicas.Proportion(ReplicaSet("old", 8, maxReplicas: 13), deployment, -11, 0));
    }

    [Fact]
    public void IsSaturated_NeedsSizeAvailabilityAndAnnotation()
    {
        var deployment = Deployment(3, TestDeployments.Rolling("1", "1"));
        var rs = ReplicaSet("new", 3, desired: 3);
        rs.Status = new V1ReplicaSetStatus { Replicas = 3, AvailableReplicas = 3 };

        Assert.True(DeploymentReplicas.IsSaturated(deployment, rs));
        rs.Status.AvailableReplicas = 2;
        Assert.False(DeploymentReplicas.IsSaturated(deployment, rs));
        Assert.False(DeploymentReplicas.IsSaturated(deployment, null));
    }

    private static V1Deployment Deployment(int replicas, V1DeploymentStrategy strategy)
    {
        var deployment = TestDeployments.Build("web", replicas, strategy: strategy);
        deployment.Status = new V1DeploymentStatus();
        return deployment;
    }

    private static V1ReplicaSet ReplicaSet(string name, int replicas, int? maxReplicas = null, int? desired = null)
    {
        var annotations = new Dictionary<string, string>();
        if (maxReplicas is { } max)
        {
            annotations[DeploymentAnnotations.MaxReplicas] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (desired is { } d)
        {
            annotations[DeploymentAnnotations.DesiredReplicas] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
            Spec = new V1ReplicaSetSpec { Replicas = replicas },
        };
    }

    private static IntOrString Parse(string value) =>
        value.EndsWith('%') ? value : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
