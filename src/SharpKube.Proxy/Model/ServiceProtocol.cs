namespace SharpKube.Proxy.Model;

/// <summary>A service port's protocol (<c>spec.ports[].protocol</c>).</summary>
public enum ServiceProtocol
{
    /// <summary>TCP, the default.</summary>
    Tcp,

    /// <summary>UDP: removed endpoints' conntrack entries are flushed, since UDP flows never end on their own.</summary>
    Udp,

    /// <summary>SCTP, where the kernel has it.</summary>
    Sctp,
}
