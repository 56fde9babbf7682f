using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SharpKube.ApiMachinery.Selectors;

/// <summary>
/// One requirement of a <see cref="LabelSelector"/>, e.g. <c>tier in (backend,cache)</c>. Immutable and
/// validated; matching allocates nothing (keys and values are kept as UTF-8 too, to compare against JSON).
/// </summary>
public sealed class LabelRequirement
{
    private readonly string[] _values;
    private readonly byte[] _utf8Key;
    private readonly byte[][] _utf8Values;
    private readonly long _bound;

    private LabelRequirement(string key, SelectorOperator op, string[] values)
    {
        Key = key;
        Operator = op;
        _values = values;
        _utf8Key = Encoding.UTF8.GetBytes(key);
        _utf8Values = Array.ConvertAll(values, Encoding.UTF8.GetBytes);
        if (op is SelectorOperator.GreaterThan or SelectorOperator.LessThan)
        {
            _bound = long.Parse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The label key, e.g. <c>app.kubernetes.io/name</c>.</summary>
    public string Key { get; }

    /// <summary>How the label is compared.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values: one for =, ==, !=, gt and lt; one or more for in and notin; none for exists.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>
    /// Builds a requirement after upstream's checks (key, value count, integer bounds, label values);
    /// throws <see cref="SelectorParseException"/> with upstream's aggregated field-error message.
    /// </summary>
    public static LabelRequirement Create(string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        var valueArray = values.ToArray();
        var problems = LabelRequirementValidation.Problems(key, op, valueArray);
        if (problems is not null)
        {
            throw new SelectorParseException(problems);
        }
        return new LabelRequirement(key, op, valueArray);
    }

    /// <summary>Builds a requirement that a caller has already validated (label sets read from stored objects).</summary>
    internal static LabelRequirement CreateValidated(string key, SelectorOperator op, string[] values) =>
        new(key, op, values);

    /// <summary>True when <paramref name="labels"/> (null = no labels) satisfy this requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var present = labels is not null && labels.TryGetValue(Key, out value);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In =>
                present && HasValue(value!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !HasValue(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => present && CompareBound(
                long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number), number),
        };
    }

    /// <summary>
    /// True when a JSON <c>metadata.labels</c> object satisfies this requirement; anything but an
    /// object counts as no labels.
    /// </summary>
    public bool Matches(JsonElement labels)
    {
        var present = false;
        var value = default(JsonElement);
        if (labels.ValueKind == JsonValueKind.Object)
        {
            present = labels.TryGetProperty(_utf8Key, out value);
        }
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In =>
                present && HasValue(value),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !HasValue(value),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            _ => present && CompareBound(TryReadInteger(value, out var number), number),
        };
    }

    /// <summary>The requirement in upstream's canonical text form, e.g. <c>env notin (dev,test)</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Operator == SelectorOperator.DoesNotExist)
        {
            builder.Append('!');
        }
        builder.Append(Key);
        switch (Operator)
        {
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist:
                return builder.ToString();
            case SelectorOperator.In or SelectorOperator.NotIn:
                builder.Append(Operator == SelectorOperator.In ? " in (" : " notin (");
                AppendSortedValues(builder);
                return builder.Append(')').ToString();
            default:
                builder.Append(Operator switch
                {
                    SelectorOperator.Equals => "=",
                    SelectorOperator.DoubleEquals => "==",
                    SelectorOperator.NotEquals => "!=",
                    SelectorOperator.GreaterThan => ">",
                    _ => "<",
                });
                AppendSortedValues(builder);
                return builder.ToString();
        }
    }

    private void AppendSortedValues(StringBuilder builder)
    {
        var sorted = (string[])_values.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        builder.AppendJoin(',', sorted);
    }

    private bool HasValue(string value)
    {
        foreach (var candidate in _values)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private bool HasValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        foreach (var candidate in _utf8Values)
        {
            if (value.ValueEquals(candidate))
            {
                return true;
            }
        }
        return false;
    }

    private bool CompareBound(bool isInteger, long number) =>
        isInteger && (Operator == SelectorOperator.GreaterThan ? number > _bound : number < _bound);

    private static bool TryReadInteger(JsonElement value, out long number)
    {
        number = 0;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        // The raw token includes its quotes; an escaped value is rare enough to decode the slow way.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var text = raw[1..^1];
        return text.IndexOf((byte)'\\') < 0
            ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
            : long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }
}
