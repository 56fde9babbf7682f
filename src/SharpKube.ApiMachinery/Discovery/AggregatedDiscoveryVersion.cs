namespace SharpKube.ApiMachinery.Discovery;

/// <summary>The apidiscovery.k8s.io version of an aggregated discovery document.</summary>
public enum AggregatedDiscoveryVersion
{
    /// <summary>apidiscovery.k8s.io/v2, what kubectl 1.30+ asks for first.</summary>
    V2,

    /// <summary>apidiscovery.k8s.io/v2beta1, for older clients that only offer it.</summary>
    V2Beta1,
}
