using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.ConfigMaps;

namespace SharpKube.ApiServer.Tests.Registry.Core;

public sealed class ConfigMapStrategyTests
{
    [Fact]
    public void Validate_BadKey_GivesUpstreamsConfigKeyMessage()
    {
        var errors = new FieldErrorList();

        ConfigMapStrategy.Instance.Validate(Json.Parse("""{"data":{"bad key":"v"}}"""), errors);

        Assert.Equal(
            "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
            "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Validate_MoreThanOneMebibyte_IsTooLong()
    {
        var errors = new FieldErrorList();
        var config = Json.Parse("""{"data":{"a":""}}""");
        config["data"]!["a"] = new string('x', 1024 * 1024 + 1);

        ConfigMapStrategy.Instance.Validate(config, errors);

        Assert.Equal("[]: Too long: may not be more than 1048576 bytes", Assert.Single(errors).ToString());
    }

    [Fact]
    public void ValidateUpdate_ImmutableConfigMap_RefusesDataChanges()
    {
        var old = Json.Parse("""{"immutable":true,"data":{"a":"1"}}""");
        var updated = Json.Parse("""{"immutable":true,"data":{"a":"2"}}""");
        var errors = new FieldErrorList();

        ConfigMapStrategy.Instance.ValidateUpdate(updated, old, errors);

        Assert.Equal("data: Forbidden: field is immutable when `immutable` is set", Assert.Single(errors).ToString());
    }

    [Fact]
    public void PrepareForCreate_BinaryDataThatIsNotBase64_IsABadRequest()
    {
        var error = Assert.Throws<StatusException>(() =>
            ConfigMapStrategy.Instance.PrepareForCreate(Json.Parse("""{"binaryData":{"b":"no!"}}""")));

        Assert.Equal(400, error.Code);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: illegal base64 data at input byte 2", error.Message);
    }
}
