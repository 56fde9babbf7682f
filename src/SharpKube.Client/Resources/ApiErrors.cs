using System.Net;
using k8s.Autorest;
using k8s.Models;

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

    /// <summary>True for 403 Forbidden: not allowed, or (on create) a namespace that is being terminated.</summary>
    public static bool IsForbidden(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.Forbidden;

    /// <summary>True for 405 Method Not Allowed: the resource does not support the verb.</summary>
    public static bool IsMethodNotSupported(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.MethodNotAllowed;

    /// <summary>True for 422 Unprocessable Entity: the object failed validation.</summary>
    public static bool IsInvalid(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.UnprocessableEntity;

    /// <summary>
    /// True when the failure's Status carries a cause of type <paramref name="causeType"/> (e.g.
    /// <c>NamespaceTerminating</c> on a create in a namespace being deleted).
    /// </summary>
    public static bool HasStatusCause(Exception exception, string causeType) =>
        exception is HttpOperationException { Body: V1Status { Details.Causes: { } causes } } && causes.Any(c => c.Reason == causeType);

    /// <summary>True for 410 Gone: a resourceVersion or continue token older than the server's history.</summary>
    public static bool IsGone(Exception exception) => StatusCodeOf(exception) == HttpStatusCode.Gone;
}
