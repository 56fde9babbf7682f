using k8s;
using k8s.Autorest;
using k8s.Models;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Namespace;

/// <summary>
/// Finds every namespaced resource the server serves that supports <c>delete</c>, through discovery: <c>/api/v1</c>
/// and the preferred version of each group under <c>/apis</c> (as upstream's preferred namespaced resources).
/// A group whose list fails is reported, not fatal: the others are still emptied.
/// </summary>
internal sealed class NamespacedResourceDiscovery(Kubernetes client)
{
    /// <summary>Reads discovery; fails only when the list of groups itself cannot be read.</summary>
    public async Task<DiscoveredResources> DiscoverAsync(CancellationToken cancellationToken)
    {
        var resources = new List<DeletableResource>();
        var failed = new List<string>();
        var unparsable = new List<string>();
        try
        {
            Add(resources, "", "v1", await client.CoreV1.GetAPIResourcesAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            failed.Add("v1: " + Describe(e));
        }
        var groups = await client.Apis.GetAPIVersionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in groups.Groups ?? [])
        {
            var groupVersion = group.PreferredVersion?.GroupVersion ?? group.Versions?.FirstOrDefault()?.GroupVersion ?? "";
            var parts = groupVersion.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                unparsable.Add(groupVersion);
                continue;
            }
            try
            {
                var list = await client.CustomObjects.GetAPIResourcesAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
                Add(resources, parts[0], parts[1], list);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                failed.Add(groupVersion + ": " + Describe(e));
            }
        }
        return new DiscoveredResources(resources, failed, unparsable);
    }

    private static void Add(List<DeletableResource> resources, string group, string version, V1APIResourceList? list)
    {
        foreach (var resource in list?.Resources ?? [])
        {
            // Subresources (pods/status) are not collections of their own.
            if (resource.Namespaced != true || resource.Name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }
            var verbs = resource.Verbs ?? [];
            if (!verbs.Contains("delete"))
            {
                continue;
            }
            resources.Add(new DeletableResource(new ApiResource(group, version, resource.Name, resource.Kind, Namespaced: true),
                verbs.Contains("list"), verbs.Contains("deletecollection")));
        }
    }

    private static string Describe(Exception e) =>
        e is HttpOperationException { Body: V1Status { Message: { Length: > 0 } message } } ? message : e.Message;
}
