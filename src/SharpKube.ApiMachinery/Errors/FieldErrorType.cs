namespace SharpKube.ApiMachinery.Errors;

/// <summary>The kinds of field validation failure upstream distinguishes.</summary>
public enum FieldErrorType
{
    /// <summary>A required field is missing or empty.</summary>
    Required,

    /// <summary>The value is malformed or out of range.</summary>
    Invalid,

    /// <summary>The value is not one of the supported values.</summary>
    NotSupported,

    /// <summary>The value duplicates another in a set.</summary>
    Duplicate,

    /// <summary>The field may not be set or changed.</summary>
    Forbidden,

    /// <summary>The value is too long.</summary>
    TooLong,

    /// <summary>The list has too many items.</summary>
    TooMany,

    /// <summary>A referenced item was not found.</summary>
    NotFound,

    /// <summary>An internal failure while validating.</summary>
    Internal,
}
