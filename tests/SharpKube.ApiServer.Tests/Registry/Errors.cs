using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Tests.Registry;

/// <summary>Renders field error lists for assertions.</summary>
internal static class Errors
{
    /// <summary>The errors as upstream prints them, one per item: <c>path: Body</c>.</summary>
    public static string[] Lines(FieldErrorList errors) => errors.Select(e => e.ToString()).ToArray();
}
