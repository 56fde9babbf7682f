namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Holds back the responses to matching requests after the server has handled them — a client that writes and
/// then is slow to learn the outcome (or dies before it does).
/// </summary>
public sealed class SlowResponseHandler(HttpMethod method, string pathSuffix, TimeSpan delay) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == method && request.RequestUri?.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal) == true)
        {
            await Task.Delay(delay, cancellationToken);
        }
        return response;
    }
}
