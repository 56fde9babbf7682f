using System.Text.Json;
using k8s;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Client.Discovery;

/// <summary>
/// Reads the server's discovery documents (<c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, <c>/apis/&lt;group&gt;/&lt;version&gt;</c>)
/// the way client-go's <c>ServerPreferredResources</c> does: every resource of each group's preferred version,
/// without subresources.
/// </summary>
public sealed class ApiDiscovery
{
    private readonly ApiConnection _connection;

    /// <summary>Discovery over <paramref name="client"/>'s connection and credentials.</summary>
    public ApiDiscovery(Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _connection = new ApiConnection(client);
    }

    /// <summary>
    /// The resources of the core group's <c>v1</c> and of each named group's preferred version. A group whose
    /// document cannot be read (e.g. an aggregated API that is down) is left out rather than failing the whole call.
    /// </summary>
    public async Task<IReadOnlyList<DiscoveredResource>> ServerPreferredResourcesAsync(CancellationToken cancellationToken)
    {
        var resources = new List<DiscoveredResource>();
        var core = await GetAsync<V1APIVersions>("/api", cancellationToken).ConfigureAwait(false);
        foreach (var version in core?.Versions ?? [])
        {
            await AddGroupVersionAsync(resources, "", version, "/api/" + version, cancellationToken).ConfigureAwait(false);
        }
        var groups = await GetAsync<V1APIGroupList>("/apis", cancellationToken).ConfigureAwait(false);
        foreach (var group in groups?.Groups ?? [])
        {
            var version = group.PreferredVersion?.Version ?? group.Versions?.FirstOrDefault()?.Version;
            if (string.IsNullOrEmpty(group.Name) || string.IsNullOrEmpty(version))
            {
                continue;
            }
            await AddGroupVersionAsync(resources, group.Name, version, $"/apis/{group.Name}/{version}", cancellationToken).ConfigureAwait(false);
        }
        return resources;
    }

    private async Task AddGroupVersionAsync(List<DiscoveredResource> resources, string group, string version, string path,
        CancellationToken cancellationToken)
    {
        V1APIResourceList? list;
        try
        {
            list = await GetAsync<V1APIResourceList>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return;
        }
        foreach (var resource in list?.Resources ?? [])
        {
            if (string.IsNullOrEmpty(resource.Name) || resource.Name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }
            resources.Add(new DiscoveredResource(
                new ApiResource(group, version, resource.Name, resource.Kind ?? "", resource.Namespaced),
                [.. resource.Verbs ?? []]));
        }
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await _connection.SendAsync(HttpMethod.Get, path, null, false, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return KubernetesJson.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
