using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace SharpKube.Client.Resources;

/// <summary>
/// Typed access to one resource over any API group: list (paged), watch (streamed), get, create, replace,
/// replace status, patch and delete. It rides on a KubernetesClient's connection and credentials and fails with
/// KubernetesClient's <see cref="k8s.Autorest.HttpOperationException"/> (classify with <see cref="ApiErrors"/>).
/// Objects it returns carry <c>apiVersion</c> and <c>kind</c> even where the server leaves them out (list items).
/// </summary>
/// <typeparam name="T">The KubernetesClient model type, e.g. <see cref="V1Pod"/>.</typeparam>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ApiConnection _connection;

    /// <summary>A client for <typeparamref name="T"/>'s resource, or for <paramref name="resource"/> when given.</summary>
    public ResourceClient(Kubernetes client, ApiResource? resource = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _connection = new ApiConnection(client);
        Resource = resource ?? ApiResource.For<T>();
    }

    /// <summary>The resource this client reads and writes.</summary>
    public ApiResource Resource { get; }

    /// <summary>Lists one page (or everything, without a limit) in <paramref name="ns"/>, or in all namespaces when null.</summary>
    public async Task<ResourceList<T>> ListAsync(string? ns, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ApiQuery()
            .Add("labelSelector", request.LabelSelector)
            .Add("fieldSelector", request.FieldSelector)
            .Add("limit", request.Limit)
            .Add("continue", request.Continue)
            .Add("resourceVersion", request.ResourceVersion)
            .Add("resourceVersionMatch", request.ResourceVersionMatch);
        using var response = await _connection.SendAsync(HttpMethod.Get, Resource.CollectionPath(ns) + query, null, false, cancellationToken)
            .ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var items = new List<T>();
        if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in array.EnumerateArray())
            {
                items.Add(Typed(KubernetesJson.Deserialize<T>(element)));
            }
        }
        var metadata = root.TryGetProperty("metadata", out var m) ? m : default;
        return new ResourceList<T>(items, StringOf(metadata, "resourceVersion") ?? "", NullIfEmpty(StringOf(metadata, "continue")));
    }

    /// <summary>
    /// Watches <paramref name="ns"/> (all namespaces when null). The sequence ends when the server closes the
    /// stream; a refused watch (e.g. 410 as a status code) throws before the first event.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, WatchRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new ApiQuery()
            .Add("watch", true)
            .Add("labelSelector", request.LabelSelector)
            .Add("fieldSelector", request.FieldSelector)
            .Add("resourceVersion", request.ResourceVersion)
            .Add("allowWatchBookmarks", request.AllowWatchBookmarks)
            .Add("timeoutSeconds", request.TimeoutSeconds);
        using var response = await _connection.SendAsync(HttpMethod.Get, Resource.CollectionPath(ns) + query, null, true, cancellationToken)
            .ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var change in WatchStreamReader.ReadAsync<T>(body, Resource, cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    /// <summary>Reads one object; null when it does not exist.</summary>
    public async Task<T?> GetAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, Resource.ObjectPath(ns, name), null, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates an object in its <c>metadata.namespace</c>.</summary>
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return SendAsync(HttpMethod.Post, Resource.CollectionPath(obj.Metadata?.NamespaceProperty), Json(obj), cancellationToken);
    }

    /// <summary>Replaces an object (PUT); a <c>metadata.resourceVersion</c> makes it conditional (409 when stale).</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken) => Put(obj, null, cancellationToken);

    /// <summary>Replaces an object's status through the <c>status</c> subresource.</summary>
    public Task<T> ReplaceStatusAsync(T obj, CancellationToken cancellationToken) => Put(obj, "status", cancellationToken);

    /// <summary>Patches an object with any of the four patch types.</summary>
    public Task<T> PatchAsync(string? ns, string name, V1Patch patch, CancellationToken cancellationToken) =>
        Patch(ns, name, null, patch, cancellationToken);

    /// <summary>Patches an object's status through the <c>status</c> subresource.</summary>
    public Task<T> PatchStatusAsync(string? ns, string name, V1Patch patch, CancellationToken cancellationToken) =>
        Patch(ns, name, "status", patch, cancellationToken);

    /// <summary>
    /// Patches an object's status without reading the patched object back, for writers that never look at it
    /// (a node reporting its pods' statuses): the response is not decoded.
    /// </summary>
    public async Task PatchStatusWithoutResultAsync(string? ns, string name, V1Patch patch, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(HttpMethod.Patch, Resource.ObjectPath(ns, name, "status"), PatchContent(patch),
            false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an object; a 404 is an error (check <see cref="ApiErrors.IsNotFound"/> where it is not).</summary>
    public Task DeleteAsync(string? ns, string name, CancellationToken cancellationToken) => DeleteAsync(ns, name, null, cancellationToken);

    /// <summary>Deletes an object with options (preconditions, propagation policy, grace period).</summary>
    public async Task DeleteAsync(string? ns, string name, V1DeleteOptions? options, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(HttpMethod.Delete, Resource.ObjectPath(ns, name),
            options is null ? null : Json(options), false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every object of the collection in <paramref name="ns"/> (all namespaces when null) with one
    /// <c>deletecollection</c> request; a 405 or 404 means the resource does not support it.
    /// </summary>
    public async Task DeleteCollectionAsync(string? ns, V1DeleteOptions? options, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(HttpMethod.Delete, Resource.CollectionPath(ns),
            options is null ? null : Json(options), false, cancellationToken).ConfigureAwait(false);
    }

    private Task<T> Patch(string? ns, string name, string? subresource, V1Patch patch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, Resource.ObjectPath(ns, name, subresource), PatchContent(patch), cancellationToken);

    private static StringContent PatchContent(V1Patch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var text = patch.Content as string ?? KubernetesJson.Serialize(patch.Content);
        var mediaType = patch.Type switch
        {
            V1Patch.PatchType.JsonPatch => "application/json-patch+json",
            V1Patch.PatchType.MergePatch => "application/merge-patch+json",
            V1Patch.PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
            V1Patch.PatchType.ApplyPatch => "application/apply-patch+yaml",
            var other => throw new ArgumentException($"unsupported patch type {other}", nameof(patch)),
        };
        return new StringContent(text, Encoding.UTF8, mediaType);
    }

    private Task<T> Put(T obj, string? subresource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var metadata = obj.Metadata ?? throw new ArgumentException("the object has no metadata", nameof(obj));
        return SendAsync(HttpMethod.Put, Resource.ObjectPath(metadata.NamespaceProperty, metadata.Name, subresource), Json(obj), cancellationToken);
    }

    private async Task<T> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(method, path, content, false, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return Typed(KubernetesJson.Deserialize<T>(body));
    }

    private T Typed(T obj)
    {
        obj.ApiVersion ??= Resource.GroupVersion;
        obj.Kind ??= Resource.Kind;
        return obj;
    }

    private StringContent Json(object value)
    {
        if (value is T obj)
        {
            Typed(obj);
        }
        return new StringContent(KubernetesJson.Serialize(value), Encoding.UTF8, "application/json");
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
