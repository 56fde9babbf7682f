namespace SharpKube.Cli.Bench.ApiServer.Clients;

/// <summary>A handler in a client's pipeline that counts the HTTP version of every response.</summary>
internal sealed class HttpVersionObserver : DelegatingHandler
{
    private readonly HttpVersionTally _tally;

    public HttpVersionObserver(HttpVersionTally tally)
    {
        _tally = tally;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        _tally.Add(response.Version);
        return response;
    }
}
