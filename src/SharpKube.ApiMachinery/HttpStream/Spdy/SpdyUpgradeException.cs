namespace SharpKube.ApiMachinery.HttpStream.Spdy;

/// <summary>The server refused the SPDY upgrade.</summary>
public sealed class SpdyUpgradeException : IOException
{
    /// <summary>A refusal with <paramref name="statusCode"/> and the response <paramref name="body"/>.</summary>
    public SpdyUpgradeException(int statusCode, string body)
        : base($"The SPDY upgrade was refused with HTTP {statusCode}: {body}")
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>The HTTP status the server answered.</summary>
    public int StatusCode { get; }

    /// <summary>The response body (bounded).</summary>
    public string Body { get; }
}
