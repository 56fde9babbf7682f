namespace SharpKube.Scheduler.Framework;

/// <summary>
/// A node label value (a topology domain such as a hostname or zone) with its hash worked out once. Counting pods
/// per domain looks a domain up for every node of every cycle; with the hash kept beside the node's
/// <see cref="NodeInfo"/>, and the counts keyed by the very strings the nodes' labels hold, a lookup compares
/// references and never reads the characters of the value (a cache miss per node).
/// </summary>
public readonly struct TopologyValue : IEquatable<TopologyValue>
{
    private readonly int _hash;

    /// <summary>The value and its hash.</summary>
    public TopologyValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        _hash = StringComparer.Ordinal.GetHashCode(value);
    }

    /// <summary>The label value.</summary>
    public string Value { get; }

    /// <inheritdoc/>
    public bool Equals(TopologyValue other) => _hash == other._hash && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TopologyValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Equal values.</summary>
    public static bool operator ==(TopologyValue left, TopologyValue right) => left.Equals(right);

    /// <summary>Different values.</summary>
    public static bool operator !=(TopologyValue left, TopologyValue right) => !left.Equals(right);
}
