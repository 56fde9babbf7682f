using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Secrets;

namespace SharpKube.ApiServer.Tests.Registry.Core;

public sealed class SecretStrategyTests
{
    [Fact]
    public void PrepareForCreate_DefaultsTypeAndFoldsStringDataIntoData()
    {
        var secret = Json.Parse("""{"metadata":{"name":"s","namespace":"default"},"data":{"a":"YQ=="},"stringData":{"b":"hello"}}""");

        SecretStrategy.Instance.PrepareForCreate(secret);

        Json.Equal("""{"metadata":{"name":"s","namespace":"default"},"data":{"a":"YQ==","b":"aGVsbG8="},"type":"Opaque"}""", secret);
    }

    [Fact]
    public void PrepareForCreate_DataThatIsNotBase64_IsABadRequest()
    {
        var error = Assert.Throws<StatusException>(() => SecretStrategy.Instance.PrepareForCreate(Json.Parse("""{"data":{"a":"abcd*"}}""")));

        Assert.Equal("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4", error.Message);
    }

    [Fact]
    public void Validate_TlsSecretWithoutKeys_RequiresBoth()
    {
        var errors = new FieldErrorList();

        SecretStrategy.Instance.Validate(Json.Parse("""{"type":"kubernetes.io/tls","data":{}}"""), errors);

        Assert.Equal(["data[tls.crt]: Required value", "data[tls.key]: Required value"], Errors.Lines(errors));
    }

    [Fact]
    public void ValidateUpdate_ChangedType_IsImmutable()
    {
        var errors = new FieldErrorList();

        SecretStrategy.Instance.ValidateUpdate(Json.Parse("""{"type":"kubernetes.io/basic-auth","data":{"username":"dQ=="}}"""),
            Json.Parse("""{"type":"Opaque","data":{"username":"dQ=="}}"""), errors);

        Assert.Equal("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ImmutableSecret_CannotBeMadeMutable()
    {
        var errors = new FieldErrorList();

        SecretStrategy.Instance.ValidateUpdate(Json.Parse("""{"type":"Opaque","immutable":false,"data":{"a":"YQ=="}}"""),
            Json.Parse("""{"type":"Opaque","immutable":true,"data":{"a":"YQ=="}}"""), errors);

        Assert.Equal("immutable: Forbidden: field is immutable when `immutable` is set", Assert.Single(errors).ToString());
    }
}
