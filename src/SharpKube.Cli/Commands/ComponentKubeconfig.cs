using k8s;
using k8s.Exceptions;

namespace SharpKube.Cli.Commands;

/// <summary>Reads the <c>--kubeconfig</c> a component runs with, refusing an unusable one with one clear line.</summary>
internal static class ComponentKubeconfig
{
    /// <summary>The client configuration in <paramref name="kubeconfig"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or not a usable kubeconfig.</exception>
    public static KubernetesClientConfiguration Load(string kubeconfig)
    {
        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException or FormatException
            or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException($"--kubeconfig {kubeconfig} is not a usable kubeconfig: {e.Message}", e);
        }
    }
}
