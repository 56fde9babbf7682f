using SharpKube.ApiMachinery.Serialization;

namespace SharpKube.ApiMachinery.Discovery;

/// <summary>Writes the legacy <c>/api</c> document (kind APIVersions, which upstream sends without apiVersion).</summary>
internal static class ApiVersionsWriter
{
    /// <summary>
    /// The body listing the core versions, telling every client (CIDR 0.0.0.0/0) to reach the server at
    /// <paramref name="serverAddress"/> (<c>host:port</c>).
    /// </summary>
    public static byte[] Write(IReadOnlyList<string> versions, string serverAddress) => JsonBody.Build(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "APIVersions");
        JsonBody.WriteStringArray(writer, "versions", versions);
        writer.WriteStartArray("serverAddressByClientCIDRs");
        writer.WriteStartObject();
        writer.WriteString("clientCIDR", "0.0.0.0/0");
        writer.WriteString("serverAddress", serverAddress);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
