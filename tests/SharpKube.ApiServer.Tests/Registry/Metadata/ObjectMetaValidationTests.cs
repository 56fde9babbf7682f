using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry;
using SharpKube.ApiServer.Registry.Metadata;

namespace SharpKube.ApiServer.Tests.Registry.Metadata;

public sealed class ObjectMetaValidationTests
{
    private static FieldErrorList Validate(string json, NameRule rule = NameRule.DnsSubdomain, bool namespaced = true)
    {
        var errors = new FieldErrorList();
        ObjectMetaValidation.Validate(Json.Parse(json), rule, namespaced, errors);
        return errors;
    }

    [Fact]
    public void Validate_UppercaseName_GivesUpstreamsFullSubdomainMessage()
    {
        var errors = Validate("""{"metadata":{"name":"Foo_1","namespace":"default"}}""");

        var message = StatusErrors.Invalid("", "Pod", "Foo_1", errors).Message;

        Assert.Equal(
            "Pod \"Foo_1\" is invalid: metadata.name: Invalid value: \"Foo_1\": a lowercase RFC 1123 subdomain must consist of lower case " +
            "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used " +
            "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            message);
    }

    [Fact]
    public void Validate_DnsLabelName_ListsBothExamplesWithUpstreamsDoubleSpace()
    {
        var errors = Validate("""{"metadata":{"name":"Bad"}}""", NameRule.DnsLabel, namespaced: false);

        Assert.Equal(
            "metadata.name: Invalid value: \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
            "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_DottedNameForDnsLabelKind_SaysDotsAreNotAllowed()
    {
        var errors = Validate("""{"metadata":{"name":"a.b"}}""", NameRule.DnsLabel, namespaced: false);

        Assert.Equal("metadata.name: Invalid value: \"a.b\": must not contain dots", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_ServiceNameStartingWithDigit_FailsTheDns1035Rule()
    {
        var errors = Validate("""{"metadata":{"name":"1web","namespace":"default"}}""", NameRule.Dns1035Label);

        Assert.Contains("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character",
            Assert.Single(errors).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PathSegmentKind_AcceptsColonsAndRefusesSlashes()
    {
        Assert.Empty(Validate("""{"metadata":{"name":"system:controller:x"}}""", NameRule.PathSegment, namespaced: false));

        var errors = Validate("""{"metadata":{"name":"a/b%c"}}""", NameRule.PathSegment, namespaced: false);

        Assert.Equal(["metadata.name: Invalid value: \"a/b%c\": may not contain '/'", "metadata.name: Invalid value: \"a/b%c\": may not contain '%'"],
            Errors.Lines(errors));
    }

    [Fact]
    public void Validate_MissingNameAndNamespace_AreRequired()
    {
        var errors = Validate("""{"metadata":{}}""");

        Assert.Equal(["metadata.name: Required value: name or generateName is required", "metadata.namespace: Required value"],
            Errors.Lines(errors));
    }

    [Fact]
    public void Validate_NamespaceOnClusterScopedKind_IsForbidden()
    {
        var errors = Validate("""{"metadata":{"name":"n1","namespace":"default"}}""", namespaced: false);

        Assert.Equal("metadata.namespace: Forbidden: not allowed on this type", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_BadLabelKeyAndValue_ReportAtTheLabelsPath()
    {
        var errors = Validate("""{"metadata":{"name":"x","namespace":"d","labels":{"-bad":"ok","app":"not ok"}}}""");

        Assert.Equal(
        [
            "metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must " +
            "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "metadata.labels: Invalid value: \"not ok\": a valid label must be an empty string or consist of alphanumeric characters, " +
            "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex " +
            "used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ], Errors.Lines(errors));
    }

    [Fact]
    public void Validate_AnnotationsOver256KiB_AreTooLong()
    {
        var big = new string('x', 256 * 1024);
        var errors = Validate("""{"metadata":{"name":"x","namespace":"d","annotations":{"a":"BIG"}}}""".Replace("BIG", big, StringComparison.Ordinal));

        Assert.Equal("metadata.annotations: Too long: may not be more than 262144 bytes", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_UnqualifiedCustomFinalizer_IsRefusedPerIndex()
    {
        var errors = Validate("""{"metadata":{"name":"x","namespace":"d","finalizers":["kubernetes","example.com/ok","custom"]}}""");

        Assert.Equal("metadata.finalizers[2]: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_OwnerReferenceWithoutUid_ReportsWithoutAnIndex()
    {
        var errors = Validate("""{"metadata":{"name":"x","namespace":"d","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs"}]}}""");

        Assert.Equal("metadata.ownerReferences.uid: Invalid value: \"\": must not be empty", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ChangedNameAndUid_AreImmutable()
    {
        var old = Json.Parse("""{"metadata":{"name":"a","namespace":"d","uid":"u1","creationTimestamp":"2024-05-01T10:00:00Z"}}""");
        var updated = Json.Parse("""{"metadata":{"name":"b","namespace":"d","uid":"u2","creationTimestamp":"2024-05-02T10:00:00Z"}}""");
        var errors = new FieldErrorList();

        ObjectMetaValidation.ValidateUpdate(updated, old, errors);

        Assert.Equal(
        [
            "metadata.name: Invalid value: \"b\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.creationTimestamp: Invalid value: 2024-05-02 10:00:00 +0000 UTC: field is immutable",
        ], Errors.Lines(errors));
    }

    [Fact]
    public void ValidateUpdate_AfterCarryingOverSystemFields_AcceptsAClientThatOmittedThem()
    {
        var old = Json.Parse("""{"metadata":{"name":"a","namespace":"d","uid":"u1","creationTimestamp":"2024-05-01T10:00:00Z"}}""");
        var updated = Json.Parse("""{"metadata":{"name":"a","namespace":"d"}}""");
        var errors = new FieldErrorList();

        ObjectMetaUpdate.CarryOverSystemFields(updated, old);
        ObjectMetaValidation.ValidateUpdate(updated, old, errors);

        Assert.Empty(errors);
        Assert.Equal("u1", updated["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void ValidateUpdate_NewFinalizerDuringDeletion_IsForbidden()
    {
        var old = Json.Parse("""{"metadata":{"name":"a","namespace":"d","deletionTimestamp":"2024-05-01T10:00:00Z","finalizers":["kubernetes"]}}""");
        var updated = Json.Parse("""{"metadata":{"name":"a","namespace":"d","deletionTimestamp":"2024-05-01T10:00:00Z","finalizers":["kubernetes","example.com/x"]}}""");
        var errors = new FieldErrorList();

        ObjectMetaValidation.ValidateUpdate(updated, old, errors);

        Assert.Equal("metadata.finalizers: Forbidden: no new finalizers([example.com/x]) can be added if the object is being deleted, found in [kubernetes example.com/x]",
            Assert.Single(errors).ToString());
    }
}
