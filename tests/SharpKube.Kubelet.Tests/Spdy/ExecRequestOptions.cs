namespace SharpKube.Kubelet.Tests.Spdy;

/// <summary>The stream flags of a CRI exec request.</summary>
public sealed record ExecRequestOptions(bool Stdin, bool Stdout, bool Stderr, bool Tty = false);
