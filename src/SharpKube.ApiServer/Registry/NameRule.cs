namespace SharpKube.ApiServer.Registry;

/// <summary>The rule a kind's <c>metadata.name</c> follows.</summary>
public enum NameRule
{
    /// <summary>RFC 1123 subdomain: lowercase alphanumerics, '-' and '.', at most 253 characters.</summary>
    DnsSubdomain,

    /// <summary>RFC 1123 label: lowercase alphanumerics and '-', at most 63 characters (namespaces).</summary>
    DnsLabel,

    /// <summary>RFC 1035 label: like a DNS label but starting with a letter (services).</summary>
    Dns1035Label,

    /// <summary>Any name that is a valid path segment (not '.', '..', no '/' or '%') — RBAC kinds.</summary>
    PathSegment,
}
