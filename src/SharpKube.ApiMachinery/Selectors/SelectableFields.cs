using System.Collections.Frozen;
using KindKey = (string Group, string Kind);

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// The field selectors of every built-in kind of Kubernetes v1.32. Every kind supports
/// <c>metadata.name</c>; kinds without their own list also accept <c>metadata.namespace</c> (on a
/// cluster-scoped object it is always ""), and answer anything else with
/// <c>"x" is not a known field selector: only "metadata.name", "metadata.namespace"</c>. Kinds
/// with their own list (Pod, Node, Event, …) use their own wording, listed below.
/// </summary>
public static class SelectableFields
{
    private static readonly SelectableField Name = new JsonStringField("metadata.name");
    private static readonly SelectableField Namespace = new JsonStringField("metadata.namespace");

    private static readonly SelectableFieldSet Default = Create(DefaultMessage, [Name, Namespace]);

    private static readonly FrozenDictionary<KindKey, SelectableFieldSet> ByKind = new Dictionary<KindKey, SelectableFieldSet>
    {
        [("", "Pod")] = Create(NotSupportedMessage,
            [
                Name, Namespace,
                new JsonStringField("spec.nodeName"),
                new JsonStringField("spec.restartPolicy"),
                new JsonStringField("spec.schedulerName"),
                new JsonStringField("spec.serviceAccountName"),
                new JsonBooleanField("spec.hostNetwork"),
                new JsonStringField("status.phase"),
                new JsonStringField("status.podIP", "status.podIPs.0.ip", "status.podIP"),
                new JsonStringField("status.nominatedNodeName"),
            ],
            // status.podIPs is accepted for the downward API but never filled in, so it compares as "".
            extraLabels: ["status.podIPs"],
            aliases: [new("spec.host", "spec.nodeName")]),
        [("", "Node")] = Create(NotSupportedMessage, [Name, new JsonBooleanField("spec.unschedulable")]),
        [("", "ReplicationController")] = Create(NotSupportedMessage,
            [Name, Namespace, new JsonIntegerField("status.replicas", "status.replicas")]),
        [("", "Event")] = Create(NotSupportedMessage,
            [
                Name, Namespace,
                new JsonStringField("involvedObject.kind"),
                new JsonStringField("involvedObject.namespace"),
                new JsonStringField("involvedObject.name"),
                new JsonStringField("involvedObject.uid"),
                new JsonStringField("involvedObject.apiVersion"),
                new JsonStringField("involvedObject.resourceVersion"),
                new JsonStringField("involvedObject.fieldPath"),
                new JsonStringField("reason"),
                new JsonStringField("reportingComponent"),
                new JsonStringField("source", "source.component", "reportingComponent"),
                new JsonStringField("type"),
            ]),
        [("", "Namespace")] = Create(NotSupportedMessage, [Name, new JsonStringField("status.phase")]),
        [("", "Secret")] = Create(NotSupportedMessage, [Name, Namespace, new JsonStringField("type")]),
        [("", "Service")] = Create(NotSupportedMessage,
            [Name, Namespace, new JsonStringField("spec.clusterIP"), new JsonStringField("spec.type")]),
        [("batch", "Job")] = Create(label => $"field label {GoStringLiteral.Quote(label)} not supported for Job",
            [Name, Namespace, new JsonIntegerField("status.successful", "status.succeeded")]),
        [("certificates.k8s.io", "CertificateSigningRequest")] = Create(NotSupportedMessage,
            [Name, new JsonStringField("spec.signerName")]),
        [("certificates.k8s.io", "ClusterTrustBundle")] = Create(NotSupportedMessage,
            [Name, new JsonStringField("spec.signerName")]),
        [("events.k8s.io", "Event")] = EventsApiEvent(),
        [("resource.k8s.io", "ResourceSlice")] = Create(
            label => "field label not supported for resource.k8s.io/v1beta1, Kind=ResourceSlice: " + label,
            [Name, new JsonStringField("spec.nodeName"), new JsonStringField("spec.driver")]),
    }.ToFrozenDictionary();

    /// <summary>The field selectors of <paramref name="kind"/> in <paramref name="group"/> ("" = core).</summary>
    public static SelectableFieldSet For(string group, string kind) =>
        ByKind.TryGetValue((group, kind), out var set) ? set : Default;

    /// <summary>
    /// events.k8s.io Events are selected by their own field names, which upstream maps onto the core
    /// Event's field set (<c>regarding.kind</c> is <c>involvedObject.kind</c>); values come from the
    /// events.k8s.io shape of the object.
    /// </summary>
    private static SelectableFieldSet EventsApiEvent()
    {
        string[] regarding = ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"];
        var fields = new List<SelectableField> { Name, Namespace };
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = "metadata.name",
            ["metadata.namespace"] = "metadata.namespace",
            ["reason"] = "reason",
            ["reportingController"] = "reportingComponent",
            ["source"] = "source",
            ["type"] = "type",
        };
        foreach (var part in regarding)
        {
            fields.Add(new JsonStringField("involvedObject." + part, "regarding." + part));
            labels["regarding." + part] = "involvedObject." + part;
        }
        fields.Add(new JsonStringField("reason"));
        fields.Add(new JsonStringField("reportingComponent", "reportingController"));
        fields.Add(new JsonStringField("source", "deprecatedSource.component", "reportingController"));
        fields.Add(new JsonStringField("type"));
        return new SelectableFieldSet(labels, [.. fields], NotSupportedMessage);
    }

    private static SelectableFieldSet Create(
        Func<string, string> unsupportedMessage,
        SelectableField[] fields,
        string[]? extraLabels = null,
        KeyValuePair<string, string>[]? aliases = null)
    {
        var labels = fields.ToDictionary(f => f.Name, f => f.Name, StringComparer.Ordinal);
        foreach (var label in extraLabels ?? [])
        {
            labels[label] = label;
        }
        foreach (var alias in aliases ?? [])
        {
            labels[alias.Key] = alias.Value;
        }
        return new SelectableFieldSet(labels, fields, unsupportedMessage);
    }

    private static string NotSupportedMessage(string label) => "field label not supported: " + label;

    private static string DefaultMessage(string label) =>
        $"{GoStringLiteral.Quote(label)} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
}
