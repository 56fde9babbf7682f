namespace SharpKube.ApiMachinery.Errors;

/// <summary>
/// One validation failure of one field, rendered like upstream's <c>field.Error</c>:
/// <c>spec.containers[0].name: Required value</c>.
/// </summary>
/// <param name="Type">The kind of failure.</param>
/// <param name="Field">Field path, e.g. <c>metadata.name</c>.</param>
/// <param name="BadValue">The offending value rendered as upstream does (strings quoted); null when not shown.</param>
/// <param name="Detail">Extra explanation; may be empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail)
{
    /// <summary>The message without the field path, e.g. <c>Invalid value: "Foo": must be lowercase</c>.</summary>
    public string Body
    {
        get
        {
            var text = Type switch
            {
                FieldErrorType.Required => "Required value",
                FieldErrorType.Invalid => "Invalid value",
                FieldErrorType.NotSupported => "Unsupported value",
                FieldErrorType.Duplicate => "Duplicate value",
                FieldErrorType.Forbidden => "Forbidden",
                FieldErrorType.TooLong => "Too long",
                FieldErrorType.TooMany => "Too many",
                FieldErrorType.NotFound => "Not found",
                _ => "Internal error",
            };
            var showValue = Type is FieldErrorType.Invalid or FieldErrorType.NotSupported
                or FieldErrorType.Duplicate or FieldErrorType.NotFound;
            if (showValue && BadValue is not null)
            {
                text += ": " + BadValue;
            }
            return Detail.Length == 0 ? text : text + ": " + Detail;
        }
    }

    /// <summary>The Status cause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string CauseReason => Type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.NotFound => "FieldValueNotFound",
        _ => "InternalError",
    };

    /// <inheritdoc/>
    public override string ToString() => Field + ": " + Body;
}
