using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Jobs;

namespace SharpKube.ApiServer.Tests.Registry.Batch;

public sealed class JobStrategyTests
{
    private const string Job = """
        {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default","uid":"1f0c3a5e-0000-4000-8000-000000000001"},
         "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5.34"}]}}}}
        """;

    [Fact]
    public void PrepareForCreate_FillsJobDefaultsAndGeneratesSelectorAndLabels()
    {
        var job = Json.Parse(Job);

        JobStrategy.Instance.PrepareForCreate(job);

        const string Labels = """
            {"job-name":"pi","batch.kubernetes.io/job-name":"pi",
             "controller-uid":"1f0c3a5e-0000-4000-8000-000000000001",
             "batch.kubernetes.io/controller-uid":"1f0c3a5e-0000-4000-8000-000000000001"}
            """;
        Json.Equal("""
            {"apiVersion":"batch/v1","kind":"Job",
             "metadata":{"name":"pi","namespace":"default","uid":"1f0c3a5e-0000-4000-8000-000000000001","labels":LABELS},
             "spec":{"completions":1,"parallelism":1,"backoffLimit":6,"completionMode":"NonIndexed","suspend":false,
               "podReplacementPolicy":"TerminatingOrFailed","manualSelector":false,
               "selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"1f0c3a5e-0000-4000-8000-000000000001"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":LABELS},
                 "spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5.34","imagePullPolicy":"IfNotPresent",
                   "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","resources":{}}],
                   "dnsPolicy":"ClusterFirst","securityContext":{},"terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler"}}},
             "status":{}}
            """.Replace("LABELS", Labels, StringComparison.Ordinal), job);
        var errors = new FieldErrorList();
        JobStrategy.Instance.Validate(job, errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void PrepareForCreate_ParallelismOnly_LeavesCompletionsUnset()
    {
        var job = Json.Parse(Job);
        job["spec"]!["parallelism"] = 3;

        JobStrategy.Instance.PrepareForCreate(job);

        Assert.Null(job["spec"]!["completions"]);
        Assert.Equal(3, job["spec"]!["parallelism"]!.GetValue<int>());
    }

    [Fact]
    public void Validate_AlwaysRestartPolicy_IsRequiredToBeNeverOrOnFailure()
    {
        var job = Json.Parse(Job);
        job["spec"]!["template"]!["spec"]!.AsObject().Remove("restartPolicy");
        JobStrategy.Instance.PrepareForCreate(job);
        var errors = new FieldErrorList();

        JobStrategy.Instance.Validate(job, errors);

        Assert.Equal("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ChangedTemplate_IsImmutableButParallelismMayChange()
    {
        var old = Json.Parse(Job);
        JobStrategy.Instance.PrepareForCreate(old);
        var scaled = (JsonObject)old.DeepClone();
        scaled["spec"]!["parallelism"] = 2;
        var retemplated = (JsonObject)old.DeepClone();
        retemplated["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "perl:5.36";

        JobStrategy.Instance.PrepareForUpdate(scaled, old);
        JobStrategy.Instance.PrepareForUpdate(retemplated, old);
        var scaledErrors = new FieldErrorList();
        var templateErrors = new FieldErrorList();
        JobStrategy.Instance.ValidateUpdate(scaled, old, scaledErrors);
        JobStrategy.Instance.ValidateUpdate(retemplated, old, templateErrors);

        Assert.Empty(scaledErrors);
        var error = Assert.Single(templateErrors);
        Assert.Equal("spec.template", error.Field);
        Assert.EndsWith(": field is immutable", error.ToString(), StringComparison.Ordinal);
    }
}
