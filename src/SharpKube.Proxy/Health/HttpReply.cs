using System.Text;

namespace SharpKube.Proxy.Health;

/// <summary>A response of <see cref="SmallHttpServer"/>.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body.</param>
public sealed record HttpReply(int Status, string ContentType, byte[] Body)
{
    /// <summary>A plain-text reply.</summary>
    public static HttpReply Text(int status, string text) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    /// <summary>A JSON reply.</summary>
    public static HttpReply Json(int status, string json) => new(status, "application/json", Encoding.UTF8.GetBytes(json));
}
