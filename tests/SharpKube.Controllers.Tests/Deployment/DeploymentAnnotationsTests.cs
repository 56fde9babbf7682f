using k8s.Models;
using SharpKube.Controllers.Deployment;

namespace SharpKube.Controllers.Tests.Deployment;

public sealed class DeploymentAnnotationsTests
{
    [Fact]
    public void SetNewReplicaSetAnnotations_OnCreate_SetsRevisionReplicasAndCopiesOwnAnnotations()
    {
        var deployment = Deployment(new()
        {
            ["kubernetes.io/change-cause"] = "v2",
            [DeploymentAnnotations.Revision] = "7",
            [DeploymentAnnotations.LastAppliedConfiguration] = "{}",
        });
        var rs = new V1ReplicaSet { Metadata = new V1ObjectMeta() };

        Assert.True(DeploymentAnnotations.SetNewReplicaSetAnnotations(deployment, rs, "2", exists: false));

        Assert.Equal(new Dictionary<string, string>
        {
            ["kubernetes.io/change-cause"] = "v2",
            [DeploymentAnnotations.Revision] = "2",
            [DeploymentAnnotations.DesiredReplicas] = "4",
            [DeploymentAnnotations.MaxReplicas] = "5",
        }, rs.Metadata.Annotations);
    }

    [Fact]
    public void SetNewReplicaSetAnnotations_OnRollback_RaisesRevisionAndRemembersTheOldOnes()
    {
        var deployment = Deployment([]);
        var rs = new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Annotations = new Dictionary<string, string> { [DeploymentAnnotations.Revision] = "3", [DeploymentAnnotations.RevisionHistory] = "1" },
            },
        };

        Assert.True(DeploymentAnnotations.SetNewReplicaSetAnnotations(deployment, rs, "5", exists: true));
        Assert.False(DeploymentAnnotations.SetNewReplicaSetAnnotations(deployment, rs, "5", exists: true));

        Assert.Equal("5", rs.Metadata.Annotations[DeploymentAnnotations.Revision]);
        Assert.Equal("1,3", rs.Metadata.Annotations[DeploymentAnnotations.RevisionHistory]);
    }

    [Fact]
    public void MaxRevision_SkipsUnreadableRevisions()
    {
        static V1ReplicaSet WithRevision(string revision) =>
            new() { Metadata = new V1ObjectMeta { Annotations = new Dictionary<string, string> { [DeploymentAnnotations.Revision] = revision } } };

        Assert.Equal(4, DeploymentAnnotations.MaxRevision([WithRevision("2"), WithRevision("x"), WithRevision("4"), new V1ReplicaSet { Metadata = new() }]));
    }

    private static V1Deployment Deployment(Dictionary<string, string> annotations)
    {
        var deployment = TestDeployments.Build("web", 4, strategy: TestDeployments.Rolling("25%", "25%"));
        deployment.Metadata.Annotations = annotations;
        return deployment;
    }
}
