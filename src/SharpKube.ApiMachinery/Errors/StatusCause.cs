namespace SharpKube.ApiMachinery.Errors;

/// <summary>One entry of a Status's <c>details.causes</c>, e.g. a field validation failure.</summary>
/// <param name="Reason">Machine-readable reason, e.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human-readable message without the field path.</param>
/// <param name="Field">The field path, e.g. <c>spec.containers[0].name</c>; null when not about a field.</param>
public sealed record StatusCause(string Reason, string Message, string? Field = null);
