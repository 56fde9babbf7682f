using System.Net;
using k8s.Autorest;

namespace SharpKube.Client.Resources;

/// <summary>
/// Classifies the failures of API calls (typed KubernetesClient operations and <see cref="ResourceClient{T}"/>
/// alike) by their HTTP status, the way controllers branch on them.
/// </summary>
public static class ApiErrors
{
    /// <summary>The HTTP status of a failed API call, or null when the exception is not one.</summary>
    public static HttpStatusCode? StatusCodeOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>True for 404 Not Found.</summary>
    public static bool IsNotFound(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.NotFound;

    /// <summary>True for 409 Conflict: a stale resourceVersion, or (on create) an object that already exists.</summary>
    public static bool IsConflict(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.Conflict;

    /// <summary>True for 410 Gone: a resourceVersion or continue token older than the server's history.</summary>
    public static bool IsGone(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.Gone;
}
