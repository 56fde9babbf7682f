using System.Globalization;
using System.Text;
using SharpKube.Kubelet.Stats.Api;

namespace SharpKube.Kubelet.Stats;

/// <summary>
/// Renders a summary as upstream's <c>/metrics/resource</c>: the Prometheus text format with the stable resource
/// metric names, each sample stamped (in Unix milliseconds) with the time its figure was read, as upstream does.
/// </summary>
public static class ResourceMetricsWriter
{
    /// <summary>The response's content type (Prometheus text format 0.0.4).</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The metrics of <paramref name="summary"/>; with none, only the scrape error metrics, set to 1.</summary>
    public static string Write(Summary? summary)
    {
        var text = new StringBuilder();
        var containers = summary?.Pods.SelectMany(p => p.Containers.Select(c => (Pod: p.PodRef, Container: c))).ToList() ?? [];
        var pods = summary?.Pods ?? [];

        Family(text, "container_cpu_usage_seconds_total", "counter", "CPU time the container used, in core-seconds.");
        foreach (var (pod, container) in containers.Where(c => c.Container.Cpu?.UsageCoreNanoSeconds is not null))
        {
            Sample(text, "container_cpu_usage_seconds_total", ContainerLabels(pod, container), Seconds(container.Cpu!.UsageCoreNanoSeconds!.Value), container.Cpu.Time);
        }
        Family(text, "container_memory_working_set_bytes", "gauge", "The container's working set, in bytes.");
        foreach (var (pod, container) in containers.Where(c => c.Container.Memory?.WorkingSetBytes is not null))
        {
            Sample(text, "container_memory_working_set_bytes", ContainerLabels(pod, container), container.Memory!.WorkingSetBytes!.Value, container.Memory.Time);
        }
        Family(text, "container_start_time_seconds", "gauge", "When the container started, in seconds since the Unix epoch.");
        foreach (var (pod, container) in containers)
        {
            // Stamped with when it was read, like the others: a sample stamped with an old start time is refused by Prometheus.
            Sample(text, "container_start_time_seconds", ContainerLabels(pod, container), container.StartTime.ToUnixTimeMilliseconds() / 1000.0,
                container.Cpu?.Time ?? container.Memory?.Time ?? container.StartTime);
        }
        var node = summary?.Node;
        Family(text, "node_cpu_usage_seconds_total", "counter", "CPU time the node used, in core-seconds.");
        if (node?.Cpu?.UsageCoreNanoSeconds is { } nodeCpu)
        {
            Sample(text, "node_cpu_usage_seconds_total", "", Seconds(nodeCpu), node.Cpu.Time);
        }
        Family(text, "node_memory_working_set_bytes", "gauge", "The node's working set, in bytes.");
        if (node?.Memory?.WorkingSetBytes is { } nodeMemory)
        {
            Sample(text, "node_memory_working_set_bytes", "", nodeMemory, node.Memory.Time);
        }
        Family(text, "pod_cpu_usage_seconds_total", "counter", "CPU time the pod used, in core-seconds.");
        foreach (var pod in pods.Where(p => p.Cpu?.UsageCoreNanoSeconds is not null))
        {
            Sample(text, "pod_cpu_usage_seconds_total", PodLabels(pod.PodRef), Seconds(pod.Cpu!.UsageCoreNanoSeconds!.Value), pod.Cpu.Time);
        }
        Family(text, "pod_memory_working_set_bytes", "gauge", "The pod's working set, in bytes.");
        foreach (var pod in pods.Where(p => p.Memory?.WorkingSetBytes is not null))
        {
            Sample(text, "pod_memory_working_set_bytes", PodLabels(pod.PodRef), pod.Memory!.WorkingSetBytes!.Value, pod.Memory.Time);
        }
        var error = summary is null ? "1" : "0";
        Family(text, "resource_scrape_error", "gauge", "1 when the figures could not be read, 0 otherwise.");
        text.Append("resource_scrape_error ").Append(error).Append('\n');
        Family(text, "scrape_error", "gauge", "(Deprecated: use resource_scrape_error.) 1 when the figures could not be read, 0 otherwise.");
        text.Append("scrape_error ").Append(error).Append('\n');
        return text.ToString();
    }

    private static double Seconds(ulong nanoseconds) => nanoseconds / 1e9;

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(" [STABLE] ").Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, double value, DateTimeOffset time) =>
        text.Append(name).Append(labels).Append(' ')
            .Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
            .Append(time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static string ContainerLabels(PodReference pod, ContainerStats container) =>
        $"{{container=\"{Escape(container.Name)}\",namespace=\"{Escape(pod.Namespace)}\",pod=\"{Escape(pod.Name)}\"}}";

    private static string PodLabels(PodReference pod) => $"{{namespace=\"{Escape(pod.Namespace)}\",pod=\"{Escape(pod.Name)}\"}}";

    /// <summary>The text format's label value escapes: backslash, double quote and newline.</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
