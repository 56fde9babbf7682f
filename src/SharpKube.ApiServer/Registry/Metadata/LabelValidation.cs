using System.Text;
using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;

namespace SharpKube.ApiServer.Registry.Metadata;

/// <summary>Validates label and annotation maps with upstream's rules and field paths.</summary>
public static class LabelValidation
{
    /// <summary>Most bytes all annotations of one object may take together (256 KiB).</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>Validates label keys (qualified names) and values; errors are reported at <paramref name="path"/>.</summary>
    public static void ValidateLabels(JsonObject? labels, string path, FieldErrorList errors)
    {
        foreach (var (key, value) in labels.StringEntries())
        {
            ValidateLabelName(key, path, errors);
            foreach (var message in NameFormat.LabelValue(value))
            {
                errors.Invalid(path, value, message);
            }
        }
    }

    /// <summary>Validates one label key (a qualified name).</summary>
    public static void ValidateLabelName(string key, string path, FieldErrorList errors)
    {
        foreach (var message in NameFormat.QualifiedName(key))
        {
            errors.Invalid(path, key, message);
        }
    }

    /// <summary>Validates annotation keys (case-insensitive qualified names) and their total size.</summary>
    public static void ValidateAnnotations(JsonObject? annotations, string path, FieldErrorList errors)
    {
        long size = 0;
        foreach (var (key, value) in annotations.StringEntries())
        {
            foreach (var message in NameFormat.QualifiedName(key.ToLowerInvariant()))
            {
                errors.Invalid(path, key, message);
            }
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }
        if (size > TotalAnnotationSizeLimit)
        {
            errors.TooLong(path, TotalAnnotationSizeLimit);
        }
    }
}
