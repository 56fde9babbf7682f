using k8s.Autorest;
using k8s.Models;

namespace SharpKube.Controllers.ReplicaSet;

/// <summary>The text a controller shows users for a failure: the server's Status message when there is one.</summary>
public static class ApiErrorMessage
{
    /// <summary>The API server's message for a failed call (e.g. <c>pods "x" is forbidden: …</c>), else the exception's.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is HttpOperationException { Body: V1Status { Message: { Length: > 0 } message } } ? message : exception.Message;
    }

    /// <summary>True when the server refused a create because the namespace is being deleted.</summary>
    public static bool IsNamespaceTerminating(Exception exception) =>
        exception is HttpOperationException { Body: V1Status { Details.Causes: { } causes } }
        && causes.Any(c => c.Reason == "NamespaceTerminating");
}
