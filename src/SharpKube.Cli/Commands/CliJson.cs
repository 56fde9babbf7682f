using System.Text.Encodings.Web;
using System.Text.Json;

namespace SharpKube.Cli.Commands;

/// <summary>The serializer settings of every JSON document the CLI prints.</summary>
internal static class CliJson
{
    /// <summary>
    /// Camel-case, indented, and without escaping characters such as '+' that are safe outside HTML
    /// (<c>v1.32.0+sharpkube</c> prints as Kubernetes prints it).
    /// </summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
