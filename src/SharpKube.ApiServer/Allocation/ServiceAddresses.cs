using System.Text.Json;

namespace SharpKube.ApiServer.Allocation;

/// <summary>What a stored Service holds of the allocator's ranges: its cluster IP and its node ports.</summary>
/// <param name="ClusterIp"><c>spec.clusterIP</c>, if any.</param>
/// <param name="NodePorts">Every <c>spec.ports[].nodePort</c>.</param>
internal sealed record ServiceAddresses(string? ClusterIp, int[] NodePorts)
{
    /// <summary>Reads them from a Service's JSON.</summary>
    public static ServiceAddresses Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("spec", out var spec))
        {
            return new ServiceAddresses(null, []);
        }
        var ip = spec.TryGetProperty("clusterIP", out var clusterIp) && clusterIp.ValueKind == JsonValueKind.String ? clusterIp.GetString() : null;
        var ports = new List<int>();
        if (spec.TryGetProperty("ports", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var port in list.EnumerateArray())
            {
                if (port.TryGetProperty("nodePort", out var nodePort) && nodePort.TryGetInt32(out var n))
                {
                    ports.Add(n);
                }
            }
        }
        return new ServiceAddresses(ip, [.. ports]);
    }
}
