namespace SharpKube.Dns.Wire;

/// <summary>What to do with a received message, decided by <see cref="DnsQueryParser"/>.</summary>
internal enum DnsQueryStatus
{
    /// <summary>A well-formed query: answer it.</summary>
    Ok,

    /// <summary>Not worth an answer (too short to carry an ID, or itself a response): drop it silently.</summary>
    Drop,

    /// <summary>Malformed: answer FORMERR.</summary>
    FormatError,

    /// <summary>An opcode other than QUERY: answer NOTIMP.</summary>
    NotImplemented,

    /// <summary>An EDNS version other than 0: answer BADVERS (RFC 6891 §6.1.3).</summary>
    BadVersion,
}
