using Grpc.Net.Client.Balancer;

namespace SharpKube.Storage.Etcd;

/// <summary>
/// The one service grpc-dotnet's channel asks its service provider for when it balances: the resolver of our fixed
/// member list. A whole dependency-injection container for that would be a dependency for nothing.
/// </summary>
internal sealed class StaticResolverServices(StaticResolverFactory resolver) : IServiceProvider
{
    private readonly IEnumerable<ResolverFactory> _resolvers = [resolver];

    public object? GetService(Type serviceType) =>
        serviceType == typeof(IEnumerable<ResolverFactory>) ? _resolvers : null;
}
