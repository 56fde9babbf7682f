using System.Text.Json.Nodes;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Pods;

/// <summary>Upstream's defaults for one container (init, regular or ephemeral) and what it embeds.</summary>
public static class ContainerDefaults
{
    /// <summary>Applies the container defaults in place.</summary>
    public static void Apply(JsonObject container)
    {
        if (container.GetStringOrEmpty("imagePullPolicy").Length == 0)
        {
            container["imagePullPolicy"] = ImageReference.Tag(container.GetStringOrEmpty("image")) == "latest" ? "Always" : "IfNotPresent";
        }
        container.SetIfEmpty("terminationMessagePath", "/dev/termination-log");
        container.SetIfEmpty("terminationMessagePolicy", "File");
        // ResourceRequirements is a struct in Go: it is always serialized, at least as {}.
        container.EnsureObject("resources");
        foreach (var (_, port) in container.GetArray("ports").ObjectItems())
        {
            port.SetIfEmpty("protocol", "TCP");
        }
        foreach (var (_, env) in container.GetArray("env").ObjectItems())
        {
            if (env.GetObject("valueFrom") is { } valueFrom)
            {
                ApplyFieldRef(valueFrom.GetObject("fieldRef"));
                ApplyResourceFieldRef(valueFrom.GetObject("resourceFieldRef"));
            }
        }
        foreach (var probe in (string[])["livenessProbe", "readinessProbe", "startupProbe"])
        {
            if (container.GetObject(probe) is { } p)
            {
                ApplyProbe(p);
            }
        }
        if (container.GetObject("lifecycle") is { } lifecycle)
        {
            ApplyHttpGet(lifecycle.GetObject("postStart")?.GetObject("httpGet"));
            ApplyHttpGet(lifecycle.GetObject("preStop")?.GetObject("httpGet"));
        }
    }

    /// <summary>Probe defaults: timeout 1s, period 10s, thresholds 1 and 3, HTTP GET path "/" and scheme HTTP.</summary>
    public static void ApplyProbe(JsonObject probe)
    {
        probe.SetIfZero("timeoutSeconds", 1);
        probe.SetIfZero("periodSeconds", 10);
        probe.SetIfZero("successThreshold", 1);
        probe.SetIfZero("failureThreshold", 3);
        ApplyHttpGet(probe.GetObject("httpGet"));
    }

    /// <summary>An object field selector (downward API) defaults to apiVersion v1.</summary>
    public static void ApplyFieldRef(JsonObject? fieldRef) => fieldRef?.SetIfEmpty("apiVersion", "v1");

    /// <summary>A resource field selector always carries its divisor (a Go struct quantity serialized as "0").</summary>
    public static void ApplyResourceFieldRef(JsonObject? resourceFieldRef) => resourceFieldRef?.SetIfAbsent("divisor", "0");

    private static void ApplyHttpGet(JsonObject? httpGet)
    {
        httpGet?.SetIfEmpty("path", "/");
        httpGet?.SetIfEmpty("scheme", "HTTP");
    }
}
