using System.Text.Json;
using k8s.Models;

namespace SharpKube.ApiMachinery.OpenApi;

/// <summary>
/// The schemas of the apimachinery types KubernetesClient maps to CLR primitives or <c>object</c>: Quantity,
/// IntOrString, Time, MicroTime, RawExtension, FieldsV1 and apiextensions' JSON, with the (type, format) they
/// have on the wire.
/// </summary>
internal static class SpecialSchemas
{
    /// <summary>resource.Quantity: a string such as <c>100m</c> or <c>1Gi</c>.</summary>
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    /// <summary>intstr.IntOrString: an integer or a string.</summary>
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

    /// <summary>meta/v1 Time: RFC 3339 with second precision.</summary>
    public static readonly string Time = OpenApiSchemaNames.Meta("Time");

    /// <summary>meta/v1 MicroTime: RFC 3339 with microsecond precision.</summary>
    public static readonly string MicroTime = OpenApiSchemaNames.Meta("MicroTime");

    /// <summary>meta/v1 FieldsV1: the field set of a managedFields entry.</summary>
    public static readonly string FieldsV1 = OpenApiSchemaNames.Meta("FieldsV1");

    /// <summary>runtime.RawExtension: an embedded object of any kind.</summary>
    public const string RawExtension = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    /// <summary>apiextensions JSON: any JSON value.</summary>
    public const string Json = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON";

    /// <summary>
    /// The special schema a property of CLR type <paramref name="type"/> (nullable unwrapped) on
    /// <paramref name="owner"/> refers to, or null when the type is not special.
    /// </summary>
    public static string? For(Type owner, string wireName, Type type)
    {
        if (type == typeof(ResourceQuantity))
        {
            return Quantity;
        }
        if (type == typeof(IntOrString))
        {
            return IntOrString;
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return IsMicroTime(owner, wireName) ? MicroTime : Time;
        }
        if (type == typeof(object))
        {
            return owner == typeof(V1ManagedFieldsEntry) ? FieldsV1 : owner == typeof(V1JSONSchemaProps) ? Json : RawExtension;
        }
        return null;
    }

    /// <summary>Defines the schema <paramref name="name"/> (one of the constants).</summary>
    public static void Define(ComponentSchemas schemas, string name) => schemas.Define(name, w => Write(w, name));

    private static bool IsMicroTime(Type owner, string wireName) =>
        (owner == typeof(Corev1Event) && wireName == "eventTime")
        || (owner == typeof(Eventsv1Event) && wireName == "eventTime")
        || (owner == typeof(Corev1EventSeries) && wireName == "lastObservedTime")
        || (owner == typeof(Eventsv1EventSeries) && wireName == "lastObservedTime")
        || (owner == typeof(V1LeaseSpec) && wireName is "acquireTime" or "renewTime");

    private static void Write(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject();
        switch (name)
        {
            case Quantity:
                writer.WriteString("description", "Quantity is a fixed-point representation of a number, serialized as a string such as \"100m\", \"1.5\", \"128Mi\" or \"1e3\": a signed number followed by an optional binary (Ki, Mi, Gi, Ti, Pi, Ei) or decimal (m, k, M, G, T, P, E) suffix or decimal exponent.");
                WriteStringOrNumber(writer);
                break;
            case IntOrString:
                writer.WriteString("description", "IntOrString is a type that can hold an int32 or a string. In JSON it is written as the inner value: a number or a string.");
                writer.WriteString("format", "int-or-string");
                WriteStringOrNumber(writer);
                writer.WriteBoolean("x-kubernetes-int-or-string", true);
                break;
            case RawExtension:
                writer.WriteString("description", "RawExtension holds an embedded object of any kind, serialized as JSON.");
                writer.WriteString("type", "object");
                break;
            case Json:
                writer.WriteString("description", "JSON represents any valid JSON value: object, array, string, number, boolean or null.");
                break;
            default:
                WriteMeta(writer, name);
                break;
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Quantities and int-or-strings are a string or a number on the wire; as upstream, the schema says so with
    /// <c>oneOf</c> rather than a <c>type</c>, which also makes kubectl explain print the type's name.
    /// </summary>
    private static void WriteStringOrNumber(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("oneOf");
        foreach (var type in new[] { "string", "number" })
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteMeta(Utf8JsonWriter writer, string name)
    {
        if (name == FieldsV1)
        {
            writer.WriteString("description", "FieldsV1 stores a set of fields as a JSON trie: each key is a field (\"f:name\"), a map key (\"k:{…}\"), a list value (\"v:…\") or an item (\"i:0\"), and \".\" marks the field itself.");
            writer.WriteString("type", "object");
            return;
        }
        var micro = name == MicroTime;
        writer.WriteString("description", micro
            ? "MicroTime is a timestamp with microsecond precision, serialized as RFC 3339."
            : "Time is a timestamp serialized as RFC 3339 in UTC, with second precision.");
        writer.WriteString("format", "date-time");
        writer.WriteString("type", "string");
    }
}
