using System.Text.Json;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.ConfigMaps;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Secrets;

/// <summary>
/// core/v1 Secret: type Opaque by default, <c>stringData</c> folded into <c>data</c>, base64 values, key format,
/// 1 MiB in total, required keys per type, immutable type and immutable Secrets.
/// </summary>
public sealed class SecretStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static SecretStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj.SetIfEmpty("type", "Opaque");
        Base64Data.EnsureDecodable(obj.GetObject("data"), "Secret");
        if (obj.GetObject("stringData") is { } stringData)
        {
            var data = obj.EnsureObject("data");
            foreach (var (key, value) in stringData.StringEntries())
            {
                data[key] = Base64Data.Encode(value);
            }
            obj.Remove("stringData");
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var data = obj.GetObject("data");
        long size = 0;
        foreach (var (key, value) in data.StringEntries())
        {
            ConfigMapStrategy.ValidateKey(key, $"data[{key}]", errors);
            size += Base64Data.DecodedLength(value);
        }
        if (size > ConfigMapStrategy.MaxSize)
        {
            errors.TooLong("data", ConfigMapStrategy.MaxSize);
        }
        ValidateType(obj, data, errors);
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        FieldRules.Immutable(obj["type"], old["type"], "type", errors);
        if (old.GetBoolean("immutable") == true)
        {
            if (obj.GetBoolean("immutable") != true)
            {
                errors.Forbidden("immutable", ConfigMapStrategy.ImmutableMessage);
            }
            if (!SemanticEquality.AreEqual(obj["data"], old["data"]))
            {
                errors.Forbidden("data", ConfigMapStrategy.ImmutableMessage);
            }
        }
        Validate(obj, errors);
    }

    private static void ValidateType(JsonObject obj, JsonObject? data, FieldErrorList errors)
    {
        bool Has(string key) => data?.ContainsKey(key) == true;
        switch (obj.GetStringOrEmpty("type"))
        {
            case "kubernetes.io/service-account-token":
                var annotations = obj.GetObject("metadata")?.GetObject("annotations");
                if ((annotations?.GetStringOrEmpty("kubernetes.io/service-account.name") ?? "").Length == 0)
                {
                    errors.Required("metadata.annotations[kubernetes.io/service-account.name]");
                }
                break;
            case "kubernetes.io/dockercfg":
                RequireJson(data, ".dockercfg", errors);
                break;
            case "kubernetes.io/dockerconfigjson":
                RequireJson(data, ".dockerconfigjson", errors);
                break;
            case "kubernetes.io/basic-auth" when !Has("username") && !Has("password"):
                errors.Required("data[username]");
                errors.Required("data[password]");
                break;
            case "kubernetes.io/ssh-auth" when Base64Data.DecodedLength(data?.GetString("ssh-privatekey") ?? "") == 0:
                errors.Required("data[ssh-privatekey]");
                break;
            case "kubernetes.io/tls":
                if (!Has("tls.crt"))
                {
                    errors.Required("data[tls.crt]");
                }
                if (!Has("tls.key"))
                {
                    errors.Required("data[tls.key]");
                }
                break;
        }
    }

    private static void RequireJson(JsonObject? data, string key, FieldErrorList errors)
    {
        if (data?.GetString(key) is not { } encoded)
        {
            errors.Required($"data[{key}]");
            return;
        }
        try
        {
            var bytes = Convert.FromBase64String(encoded);
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Invalid($"data[{key}]", "<secret contents redacted>", "json: cannot unmarshal into Go value of type map[string]interface {}");
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            errors.Invalid($"data[{key}]", "<secret contents redacted>", "invalid character in JSON input");
        }
    }
}
