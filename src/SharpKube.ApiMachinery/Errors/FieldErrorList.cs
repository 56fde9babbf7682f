using System.Globalization;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Errors;

/// <summary>Collects validation failures; renders bad values the way upstream's messages do.</summary>
public sealed class FieldErrorList : List<FieldError>
{
    /// <summary>Adds a Required error.</summary>
    public void Required(string field, string detail = "") => Add(new(FieldErrorType.Required, field, null, detail));

    /// <summary>Adds an Invalid error for a string value (quoted in the message).</summary>
    public void Invalid(string field, string? value, string detail) =>
        Add(new(FieldErrorType.Invalid, field, Quote(value), detail));

    /// <summary>Adds an Invalid error for a number value.</summary>
    public void Invalid(string field, long value, string detail) =>
        Add(new(FieldErrorType.Invalid, field, value.ToString(CultureInfo.InvariantCulture), detail));

    /// <summary>Adds an Invalid error with a preformatted value.</summary>
    public void InvalidRaw(string field, string renderedValue, string detail) =>
        Add(new(FieldErrorType.Invalid, field, renderedValue, detail));

    /// <summary>Adds a NotSupported error listing the supported values as upstream does.</summary>
    public void NotSupported(string field, string? value, IEnumerable<string> supported) =>
        Add(new(FieldErrorType.NotSupported, field, Quote(value),
            "supported values: " + string.Join(", ", supported.Select(s => Quote(s)))));

    /// <summary>Adds a Duplicate error.</summary>
    public void Duplicate(string field, string? value) => Add(new(FieldErrorType.Duplicate, field, Quote(value), ""));

    /// <summary>Adds a Forbidden error.</summary>
    public void Forbidden(string field, string detail) => Add(new(FieldErrorType.Forbidden, field, null, detail));

    /// <summary>Adds a TooLong error.</summary>
    public void TooLong(string field, int max) =>
        Add(new(FieldErrorType.TooLong, field, null, $"may not be more than {max} bytes"));

    /// <summary>Renders a string the way Go's %q does for ordinary text.</summary>
    public static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);
}
