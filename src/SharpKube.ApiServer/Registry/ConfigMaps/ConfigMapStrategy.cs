using System.Text;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.ConfigMaps;

/// <summary>core/v1 ConfigMap: key format, no key in both data and binaryData, 1 MiB in total, immutable ConfigMaps.</summary>
public sealed class ConfigMapStrategy : ResourceStrategy
{
    /// <summary>Most bytes the data of a ConfigMap or Secret may hold (1 MiB).</summary>
    public const int MaxSize = 1024 * 1024;

    /// <summary>Upstream's message for changes to an immutable ConfigMap or Secret.</summary>
    public const string ImmutableMessage = "field is immutable when `immutable` is set";

    /// <summary>The shared instance.</summary>
    public static ConfigMapStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj) => Base64Data.EnsureDecodable(obj.GetObject("binaryData"), "ConfigMap");

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var data = obj.GetObject("data");
        var binaryData = obj.GetObject("binaryData");
        long size = 0;
        foreach (var (key, value) in data.StringEntries())
        {
            ValidateKey(key, $"data[{key}]", errors);
            if (binaryData?.ContainsKey(key) == true)
            {
                errors.Invalid($"data[{key}]", key, "duplicate of key present in binaryData");
            }
            size += Encoding.UTF8.GetByteCount(value);
        }
        foreach (var (key, value) in binaryData.StringEntries())
        {
            ValidateKey(key, $"binaryData[{key}]", errors);
            size += Base64Data.DecodedLength(value);
        }
        if (size > MaxSize)
        {
            // Upstream reports the whole object with an empty field path, which it prints as "[]".
            errors.TooLong("[]", MaxSize);
        }
    }

    /// <inheritdoc/>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors)
    {
        if (old.GetBoolean("immutable") == true)
        {
            if (obj.GetBoolean("immutable") != true)
            {
                errors.Forbidden("immutable", ImmutableMessage);
            }
            foreach (var key in (string[])["data", "binaryData"])
            {
                if (!SemanticEquality.AreEqual(obj[key], old[key]))
                {
                    errors.Forbidden(key, ImmutableMessage);
                }
            }
        }
        Validate(obj, errors);
    }

    /// <summary>Validates one data key (shared with Secrets).</summary>
    public static void ValidateKey(string key, string path, FieldErrorList errors)
    {
        foreach (var message in ValueFormat.ConfigMapKey(key))
        {
            errors.Invalid(path, key, message);
        }
    }
}
