using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Metadata;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Validates probes and lifecycle hooks: exactly one handler, sane numbers, per-probe rules.</summary>
public static class ProbeValidation
{
    /// <summary>Liveness probes: the common rules, and successThreshold must be 1.</summary>
    public static void ValidateLiveness(JsonObject? probe, string path, FieldErrorList errors)
    {
        if (probe is null)
        {
            return;
        }
        Validate(probe, path, errors);
        MustBeOne(probe, path, errors);
    }

    /// <summary>Readiness probes: the common rules; no terminationGracePeriodSeconds.</summary>
    public static void ValidateReadiness(JsonObject? probe, string path, FieldErrorList errors)
    {
        if (probe is null)
        {
            return;
        }
        Validate(probe, path, errors);
        if (probe.GetInt64("terminationGracePeriodSeconds") is { } grace)
        {
            errors.Invalid(path + ".terminationGracePeriodSeconds", grace, "must not be set for readinessProbes");
        }
    }

    /// <summary>Startup probes: the common rules, and successThreshold must be 1.</summary>
    public static void ValidateStartup(JsonObject? probe, string path, FieldErrorList errors) => ValidateLiveness(probe, path, errors);

    /// <summary>Lifecycle hooks: each of postStart and preStop needs exactly one handler.</summary>
    public static void ValidateLifecycle(JsonObject lifecycle, string path, FieldErrorList errors)
    {
        foreach (var hook in (string[])["postStart", "preStop"])
        {
            if (lifecycle.GetObject(hook) is { } handler)
            {
                ValidateHandler(handler, path + "." + hook, errors, allowSleep: true);
            }
        }
    }

    private static void Validate(JsonObject probe, string path, FieldErrorList errors)
    {
        ValidateHandler(probe, path, errors, allowSleep: false);
        foreach (var key in (string[])["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"])
        {
            FieldRules.NonNegative(probe.GetInt64(key), path + "." + key, errors);
        }
        if (probe.GetInt64("terminationGracePeriodSeconds") is <= 0 and var grace)
        {
            errors.Invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than 0");
        }
    }

    private static void MustBeOne(JsonObject probe, string path, FieldErrorList errors)
    {
        var threshold = probe.GetInt64("successThreshold") ?? 0;
        if (threshold != 1)
        {
            errors.Invalid(path + ".successThreshold", threshold, "must be 1");
        }
    }

    private static void ValidateHandler(JsonObject handler, string path, FieldErrorList errors, bool allowSleep)
    {
        var count = 0;
        string[] kinds = allowSleep ? ["exec", "httpGet", "tcpSocket", "sleep"] : ["exec", "httpGet", "tcpSocket", "grpc"];
        foreach (var kind in kinds)
        {
            if (handler.GetObject(kind) is not { } action)
            {
                continue;
            }
            if (count > 0)
            {
                errors.Forbidden(path + "." + kind, "may not specify more than 1 handler type");
                continue;
            }
            count++;
            ValidateAction(kind, action, path + "." + kind, errors);
        }
        if (count == 0)
        {
            errors.Required(path, "must specify a handler type");
        }
    }

    private static void ValidateAction(string kind, JsonObject action, string path, FieldErrorList errors)
    {
        switch (kind)
        {
            case "exec" when action.GetArray("command").CountOf() == 0:
                errors.Required(path + ".command");
                break;
            case "httpGet":
                if (action.GetStringOrEmpty("path").Length == 0)
                {
                    errors.Required(path + ".path");
                }
                ValidatePortNumberOrName(action["port"], path + ".port", errors);
                var scheme = action.GetStringOrEmpty("scheme");
                if (scheme is not ("HTTP" or "HTTPS"))
                {
                    errors.NotSupported(path + ".scheme", scheme, ["HTTP", "HTTPS"]);
                }
                foreach (var (index, header) in action.GetArray("httpHeaders").ObjectItems())
                {
                    var name = header.GetStringOrEmpty("name");
                    foreach (var message in ValueFormat.HttpHeaderName(name))
                    {
                        errors.Invalid($"{path}.httpHeaders[{index}].name", name, message);
                    }
                }
                break;
            case "tcpSocket":
                ValidatePortNumberOrName(action["port"], path + ".port", errors);
                break;
            case "grpc":
                var port = action.GetInt64("port") ?? 0;
                foreach (var message in ValueFormat.PortNumber(port))
                {
                    errors.Invalid(path + ".port", port, message);
                }
                break;
            case "sleep":
                FieldRules.NonNegative(action.GetInt64("seconds"), path + ".seconds", errors);
                break;
        }
    }

    /// <summary>An IntOrString port: a number 1–65535 or an IANA-style port name.</summary>
    public static void ValidatePortNumberOrName(JsonNode? port, string path, FieldErrorList errors)
    {
        if (JsonObjectExtensions.AsString(port) is { } name)
        {
            foreach (var message in ValueFormat.PortName(name))
            {
                errors.Invalid(path, name, message);
            }
            return;
        }
        var number = JsonObjectExtensions.AsInt64(port) ?? 0;
        foreach (var message in ValueFormat.PortNumber(number))
        {
            errors.Invalid(path, number, message);
        }
    }
}
