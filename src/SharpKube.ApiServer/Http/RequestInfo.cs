using Microsoft.AspNetCore.Http;

namespace SharpKube.ApiServer.Http;

/// <summary>What a request addressed, for metrics: upstream's verb, group, version, resource, subresource and scope labels.</summary>
public sealed class RequestInfo
{
    /// <summary>Upstream's verb label: GET, LIST, WATCH, POST, PUT, PATCH, DELETE, DELETECOLLECTION.</summary>
    public string? Verb { get; set; }

    /// <summary>API group.</summary>
    public string Group { get; private set; } = "";

    /// <summary>API version.</summary>
    public string Version { get; private set; } = "";

    /// <summary>Resource plural; empty for non-resource requests.</summary>
    public string Resource { get; private set; } = "";

    /// <summary>Subresource, if any.</summary>
    public string Subresource { get; private set; } = "";

    /// <summary><c>resource</c>, <c>namespace</c> or <c>cluster</c>.</summary>
    public string Scope { get; private set; } = "";

    /// <summary>Records the resource coordinates of a request.</summary>
    public void Describe(ApiPath path, ResourceEndpoint endpoint)
    {
        Group = path.Group;
        Version = path.Version ?? "";
        Resource = endpoint.Resource.Plural;
        Subresource = path.Subresource ?? "";
        Scope = path.Name is not null ? "resource" : path.Namespace is not null ? "namespace" : "cluster";
    }

    /// <summary>The verb label of a request whose handler set none.</summary>
    public string VerbFor(HttpRequest request) => Verb ?? (request.Method == "DELETE" && Scope != "resource" && Resource.Length > 0
        ? "DELETECOLLECTION"
        : request.Method.ToUpperInvariant());
}
