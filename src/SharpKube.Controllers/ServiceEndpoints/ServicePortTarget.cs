using k8s.Models;

namespace SharpKube.Controllers.ServiceEndpoints;

/// <summary>Resolves a service port's <c>targetPort</c> on one pod: a number, or the name of a container port.</summary>
public static class ServicePortTarget
{
    /// <summary>The port number on <paramref name="pod"/>, or null when a named target port is not declared by the pod.</summary>
    public static int? Resolve(V1ServicePort port, V1Pod pod)
    {
        var target = port.TargetPort;
        if (target is null)
        {
            return port.Port;
        }
        var text = target.Value;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            foreach (var containerPort in container.Ports ?? [])
            {
                if (containerPort.Name == text && (containerPort.Protocol ?? "TCP") == (port.Protocol ?? "TCP"))
                {
                    return containerPort.ContainerPort;
                }
            }
        }
        return null;
    }
}
