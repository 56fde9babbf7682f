using System.Globalization;
using System.Text.Json;
using SharpKube.ApiServer.Http;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// Reads service accounts, pods, secrets and nodes from the watch cache, synchronously, for the token authenticator:
/// a request's authentication must not wait on the datastore. The cache lags a write by moments, so a token is
/// refused for as long only after its object is gone.
/// </summary>
public sealed class WatchCacheObjectLookup
{
    private readonly ResourceCatalog _catalog;

    /// <summary>Creates the lookup over the core/v1 resources of <paramref name="catalog"/>.</summary>
    public WatchCacheObjectLookup(ResourceCatalog catalog)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    /// <summary>The state of core/v1 <paramref name="plural"/> <paramref name="ns"/>/<paramref name="name"/>, or null when it is not there.</summary>
    /// <param name="plural">serviceaccounts, pods, secrets or nodes.</param>
    /// <param name="ns">The namespace; empty for nodes.</param>
    /// <param name="name">The object's name.</param>
    public CachedObjectState? Find(string plural, string ns, string name)
    {
        var cached = _catalog.Find("", "v1", plural)?.Store.Cache.Get(ns, name);
        if (cached is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(cached.Json);
        if (!document.RootElement.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var uid = metadata.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        DateTimeOffset? deletion = metadata.TryGetProperty("deletionTimestamp", out var d) && d.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(d.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
        return new CachedObjectState(uid, deletion);
    }
}
