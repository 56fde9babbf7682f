using System.Collections.Concurrent;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>Records the method and path of every request a KubernetesClient sends through it.</summary>
public sealed class RequestLog : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>Every request so far, as <c>METHOD /path</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many requests were <paramref name="method"/> on a path containing <paramref name="pathPart"/>.</summary>
    public int Count(string method, string pathPart) =>
        _requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.Ordinal));

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.Method + " " + request.RequestUri?.AbsolutePath);
        return base.SendAsync(request, cancellationToken);
    }
}
