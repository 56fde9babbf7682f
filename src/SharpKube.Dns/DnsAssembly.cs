namespace SharpKube.Dns;

/// <summary>Marks the cluster DNS assembly; the server itself lives in the feature folders beside this file.</summary>
internal static class DnsAssembly
{
}
