namespace SharpKube.Kubelet.Volumes;

/// <summary>The API server would not give the kubelet a service account token for a pod; the message is the server's reason.</summary>
public sealed class ServiceAccountTokenException : Exception
{
    /// <summary>Creates the exception with the server's reason.</summary>
    public ServiceAccountTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
