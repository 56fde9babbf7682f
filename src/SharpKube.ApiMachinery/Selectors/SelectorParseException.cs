using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// A label or field selector the API server rejects. <see cref="Exception.Message"/> is exactly the
/// message kube-apiserver puts in its 400 BadRequest Status, e.g.
/// <c>unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt</c> or
/// <c>field label not supported: spec.foo</c>.
/// </summary>
public sealed class SelectorParseException : Exception
{
    /// <summary>Creates the exception with upstream's message.</summary>
    public SelectorParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message (for serializers and tests).</summary>
    public SelectorParseException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public SelectorParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 400 BadRequest Status error the API server answers with.</summary>
    public StatusException ToStatusException() => StatusErrors.BadRequest(Message);
}
