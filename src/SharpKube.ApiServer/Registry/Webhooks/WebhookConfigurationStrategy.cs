using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Webhooks;

/// <summary>
/// admissionregistration.k8s.io/v1 Validating- and MutatingWebhookConfiguration (cluster-scoped): per-webhook
/// defaults (Fail, Equivalent, empty selectors, 10s, scope "*", port 443; reinvocation Never when mutating) and
/// light validation; the generation counts changes to <c>webhooks</c>.
/// </summary>
public sealed class WebhookConfigurationStrategy(bool mutating) : ResourceStrategy
{
    /// <summary>The strategy of ValidatingWebhookConfigurations.</summary>
    public static WebhookConfigurationStrategy Validating { get; } = new(mutating: false);

    /// <summary>The strategy of MutatingWebhookConfigurations.</summary>
    public static WebhookConfigurationStrategy Mutating { get; } = new(mutating: true);

    /// <inheritdoc/>
    public override bool TracksGeneration => true;

    /// <inheritdoc/>
    public override bool IsGenerationChange(JsonObject obj, JsonObject old) => !SemanticEquality.AreEqual(obj["webhooks"], old["webhooks"]);

    /// <inheritdoc/>
    public override void PrepareForCreate(JsonObject obj)
    {
        foreach (var (_, hook) in obj.GetArray("webhooks").ObjectItems())
        {
            hook.SetIfAbsent("failurePolicy", "Fail");
            hook.SetIfAbsent("matchPolicy", "Equivalent");
            hook.SetIfAbsent("namespaceSelector", new JsonObject());
            hook.SetIfAbsent("objectSelector", new JsonObject());
            hook.SetIfAbsent("timeoutSeconds", 10);
            if (mutating)
            {
                hook.SetIfAbsent("reinvocationPolicy", "Never");
            }
            foreach (var (_, rule) in hook.GetArray("rules").ObjectItems())
            {
                rule.SetIfAbsent("scope", "*");
            }
            hook.GetObject("clientConfig")?.GetObject("service")?.SetIfAbsent("port", 443);
        }
    }

    /// <inheritdoc/>
    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => PrepareForCreate(obj);

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, hook) in obj.GetArray("webhooks").ObjectItems())
        {
            var path = $"webhooks[{index}]";
            var name = hook.GetStringOrEmpty("name");
            foreach (var message in NameFormat.Dns1123Subdomain(name))
            {
                errors.Invalid(path + ".name", name, message);
            }
            if (name.Split('.').Length < 3)
            {
                errors.Invalid(path + ".name", name, "should be a domain with at least three segments separated by dots");
            }
            if (!names.Add(name))
            {
                errors.Duplicate(path + ".name", name);
            }
            var sideEffects = hook.GetStringOrEmpty("sideEffects");
            if (sideEffects.Length == 0)
            {
                errors.Required(path + ".sideEffects", "must specify one of None, NoneOnDryRun");
            }
            else if (sideEffects is not ("None" or "NoneOnDryRun"))
            {
                errors.NotSupported(path + ".sideEffects", sideEffects, ["None", "NoneOnDryRun"]);
            }
            if (hook.GetArray("admissionReviewVersions").CountOf() == 0)
            {
                errors.Required(path + ".admissionReviewVersions", "must specify one of v1, v1beta1");
            }
            var clientConfig = hook.GetObject("clientConfig");
            if (clientConfig?.Has("url") == clientConfig?.Has("service"))
            {
                errors.Required(path + ".clientConfig", "exactly one of url or service is required");
            }
            if (hook.GetInt64("timeoutSeconds") is { } timeout && timeout is < 1 or > 30)
            {
                errors.Invalid(path + ".timeoutSeconds", timeout, "the timeout value must be between 1 and 30 seconds");
            }
            if (hook.GetString("failurePolicy") is { } failurePolicy && failurePolicy is not ("Fail" or "Ignore"))
            {
                errors.NotSupported(path + ".failurePolicy", failurePolicy, ["Fail", "Ignore"]);
            }
            if (hook.GetString("matchPolicy") is { } matchPolicy && matchPolicy is not ("Equivalent" or "Exact"))
            {
                errors.NotSupported(path + ".matchPolicy", matchPolicy, ["Equivalent", "Exact"]);
            }
            LabelSelectorValidation.Validate(hook.GetObject("namespaceSelector"), path + ".namespaceSelector", errors);
            LabelSelectorValidation.Validate(hook.GetObject("objectSelector"), path + ".objectSelector", errors);
        }
    }
}
