using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using SharpKube.ApiMachinery.Errors;

namespace SharpKube.ApiServer.Streaming;

/// <summary>
/// A validated <c>pods/exec</c>, <c>pods/attach</c> or <c>pods/portforward</c> request: the v1 <c>PodExecOptions</c>,
/// <c>PodAttachOptions</c> or <c>PodPortForwardOptions</c> from the query, and the kubelet path it maps to (the kubelet
/// names the streams <c>input</c>, <c>output</c> and <c>error</c>, and the ports <c>port</c>).
/// </summary>
public sealed record PodStreamRequest
{
    /// <summary>The subresource: <c>exec</c>, <c>attach</c> or <c>portforward</c>.</summary>
    public required string Subresource { get; init; }

    /// <summary>The container asked for; empty when the pod's only container is meant (not used by port-forward).</summary>
    public string Container { get; init; } = "";

    /// <summary>The command to run (exec).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Pass the client's stdin.</summary>
    public bool Stdin { get; init; }

    /// <summary>Pass stdout.</summary>
    public bool Stdout { get; init; }

    /// <summary>Pass stderr (dropped with a terminal, which has one output).</summary>
    public bool Stderr { get; init; }

    /// <summary>Allocate a terminal.</summary>
    public bool Tty { get; init; }

    /// <summary>The ports to forward, when the client names them in the query (WebSocket clients).</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>Whether this is exec or attach (a container's streams) rather than port-forward.</summary>
    public bool IsRemoteCommand => Subresource != "portforward";

    /// <summary>Parses and validates the query of a request to <paramref name="subresource"/>.</summary>
    /// <exception cref="StatusException">400 when exec has no command, no stream is asked for, or a port is not one.</exception>
    public static PodStreamRequest Parse(string subresource, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (subresource == "portforward")
        {
            return new PodStreamRequest { Subresource = subresource, Ports = ParsePorts(query) };
        }
        var tty = Bool(query["tty"].ToString());
        var parsed = new PodStreamRequest
        {
            Subresource = subresource,
            Container = query["container"].ToString(),
            Command = subresource == "exec" ? [.. query["command"].Select(c => c ?? "")] : [],
            Stdin = Bool(query["stdin"].ToString()),
            Stdout = Bool(query["stdout"].ToString()),
            Stderr = Bool(query["stderr"].ToString()) && !tty,
            Tty = tty,
        };
        if (subresource == "exec" && parsed.Command.Count == 0)
        {
            throw StatusErrors.BadRequest("you must specify at least one command for the container");
        }
        if (!parsed.Stdin && !parsed.Stdout && !parsed.Stderr)
        {
            throw StatusErrors.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        }
        return parsed;
    }

    /// <summary>The kubelet's path and query for pod <paramref name="ns"/>/<paramref name="pod"/> (container already resolved into <paramref name="container"/>).</summary>
    public string KubeletPathAndQuery(string ns, string pod, string container)
    {
        var path = new StringBuilder();
        var query = new StringBuilder();
        void Add(string name, string value) =>
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        if (!IsRemoteCommand)
        {
            path.Append("/portForward/").Append(Uri.EscapeDataString(ns)).Append('/').Append(Uri.EscapeDataString(pod));
            if (Ports.Count > 0)
            {
                Add("port", string.Join(',', Ports.Select(p => p.ToString(CultureInfo.InvariantCulture))));
            }
            return path.Append(query).ToString();
        }
        path.Append('/').Append(Subresource).Append('/').Append(Uri.EscapeDataString(ns)).Append('/').Append(Uri.EscapeDataString(pod))
            .Append('/').Append(Uri.EscapeDataString(container));
        foreach (var (on, name) in new[] { (Stdin, "input"), (Stdout, "output"), (Stderr, "error"), (Tty, "tty") })
        {
            if (on)
            {
                Add(name, "1");
            }
        }
        foreach (var argument in Command)
        {
            Add("command", argument);
        }
        return path.Append(query).ToString();
    }

    private static List<int> ParsePorts(IQueryCollection query)
    {
        var ports = new List<int>();
        foreach (var value in query["ports"])
        {
            foreach (var part in (value ?? "").Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    throw StatusErrors.BadRequest($"invalid port \"{part}\": must be between 1 and 65535");
                }
                ports.Add(port);
            }
        }
        return ports;
    }

    // As Kubernetes' query decoding: absent, "false" and "0" are false, anything else true.
    private static bool Bool(string value) =>
        value.Length > 0 && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}
