using System.Globalization;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>
/// Validates <c>metadata</c> the way every upstream kind does before its own rules: name and namespace,
/// labels, annotations, owner references, finalizers, managed fields; and on update, the fields that never change.
/// </summary>
public static class ObjectMetaValidation
{
    /// <summary>
    /// Validates the metadata of a new object. <paramref name="strictFinalizers"/> adds the core-group rule that an
    /// unqualified finalizer must be one of <c>kubernetes</c>, <c>orphan</c>, <c>foregroundDeletion</c>
    /// (upstream applies it to core, apps, batch and most built-in groups, not to custom resources).
    /// </summary>
    public static void Validate(JsonObject obj, NameRule rule, bool namespaced, FieldErrorList errors, bool strictFinalizers = true)
    {
        var meta = obj.GetObject("metadata") ?? [];
        var generateName = meta.GetStringOrEmpty("generateName");
        if (generateName.Length > 0)
        {
            foreach (var message in NameFormat.ForRule(rule, generateName, prefix: true))
            {
                errors.Invalid("metadata.generateName", generateName, message);
            }
        }
        var name = meta.GetStringOrEmpty("name");
        if (name.Length == 0)
        {
            errors.Required("metadata.name", "name or generateName is required");
        }
        else
        {
            foreach (var message in NameFormat.ForRule(rule, name))
            {
                errors.Invalid("metadata.name", name, message);
            }
        }
        var ns = meta.GetStringOrEmpty("namespace");
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errors.Required("metadata.namespace");
            }
            else
            {
                foreach (var message in NameFormat.Dns1123Label(ns))
                {
                    errors.Invalid("metadata.namespace", ns, message);
                }
            }
        }
        else if (ns.Length > 0)
        {
            errors.Forbidden("metadata.namespace", "not allowed on this type");
        }
        FieldRules.NonNegative(meta.GetInt64("generation"), "metadata.generation", errors);
        LabelValidation.ValidateLabels(meta.GetObject("labels"), "metadata.labels", errors);
        LabelValidation.ValidateAnnotations(meta.GetObject("annotations"), "metadata.annotations", errors);
        OwnerReferenceValidation.Validate(meta.GetArray("ownerReferences"), "metadata.ownerReferences", errors);
        FinalizerValidation.Validate(meta.GetArray("finalizers"), "metadata.finalizers", errors);
        ValidateManagedFields(meta.GetArray("managedFields"), errors);
        if (strictFinalizers)
        {
            FinalizerValidation.ValidateStandardNames(meta.GetArray("finalizers"), "metadata.finalizers", errors);
        }
    }

    /// <summary>
    /// Validates the metadata of an update: the label, annotation, owner and finalizer rules again, plus name,
    /// namespace, uid, creationTimestamp and deletion fields immutable, generation never decremented, and no new
    /// finalizers once deletion started. An absent uid or creationTimestamp is not a change (upstream fills them
    /// from the stored object; see <see cref="ObjectMetaUpdate.CarryOverSystemFields"/>).
    /// </summary>
    public static void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrorList errors, bool strictFinalizers = true)
    {
        var meta = obj.GetObject("metadata") ?? [];
        var oldMeta = old.GetObject("metadata") ?? [];
        if (oldMeta.Has("deletionTimestamp"))
        {
            FinalizerValidation.ValidateNoNewFinalizers(meta.GetArray("finalizers"), oldMeta.GetArray("finalizers"),
                "metadata.finalizers", errors);
        }
        if ((meta.GetInt64("generation") ?? 0) < (oldMeta.GetInt64("generation") ?? 0))
        {
            errors.Invalid("metadata.generation", meta.GetInt64("generation") ?? 0, "must not be decremented");
        }
        ImmutableString(meta, oldMeta, "name", errors);
        ImmutableString(meta, oldMeta, "namespace", errors);
        if (meta.Has("uid"))
        {
            ImmutableString(meta, oldMeta, "uid", errors);
        }
        if (meta.Has("creationTimestamp") && oldMeta.Has("creationTimestamp"))
        {
            FieldRules.Immutable(meta["creationTimestamp"], oldMeta["creationTimestamp"], "metadata.creationTimestamp", errors,
                v => GoTime(v) ?? "0001-01-01 00:00:00 +0000 UTC");
        }
        FieldRules.Immutable(meta["deletionTimestamp"], oldMeta["deletionTimestamp"], "metadata.deletionTimestamp", errors,
            v => GoTime(v) ?? "null");
        FieldRules.Immutable(meta["deletionGracePeriodSeconds"], oldMeta["deletionGracePeriodSeconds"],
            "metadata.deletionGracePeriodSeconds", errors);
        LabelValidation.ValidateLabels(meta.GetObject("labels"), "metadata.labels", errors);
        LabelValidation.ValidateAnnotations(meta.GetObject("annotations"), "metadata.annotations", errors);
        OwnerReferenceValidation.Validate(meta.GetArray("ownerReferences"), "metadata.ownerReferences", errors);
        ValidateManagedFields(meta.GetArray("managedFields"), errors);
        if (strictFinalizers)
        {
            FinalizerValidation.ValidateStandardNames(meta.GetArray("finalizers"), "metadata.finalizers", errors);
        }
    }

    private static void ImmutableString(JsonObject meta, JsonObject oldMeta, string key, FieldErrorList errors)
    {
        var value = meta.GetStringOrEmpty(key);
        if (value != oldMeta.GetStringOrEmpty(key))
        {
            errors.Invalid("metadata." + key, value, FieldRules.ImmutableMessage);
        }
    }

    private static void ValidateManagedFields(JsonArray? managedFields, FieldErrorList errors)
    {
        foreach (var (index, entry) in managedFields.ObjectItems())
        {
            var operation = entry.GetStringOrEmpty("operation");
            if (operation is not ("Apply" or "Update"))
            {
                errors.Invalid($"metadata.managedFields[{index}].operation", operation, "must be `Apply` or `Update`");
            }
            var fieldsType = entry.GetStringOrEmpty("fieldsType");
            if (fieldsType.Length > 0 && fieldsType != "FieldsV1")
            {
                errors.Invalid($"metadata.managedFields[{index}].fieldsType", fieldsType, "must be `FieldsV1`");
            }
        }
    }

    /// <summary>A timestamp as Go's <c>time.Time.String()</c> prints it.</summary>
    private static string? GoTime(JsonNode? value) =>
        JsonObjectExtensions.AsString(value) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC"
            : null;
}
