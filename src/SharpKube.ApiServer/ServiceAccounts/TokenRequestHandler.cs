using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Responses;
using SharpKube.ApiServer.Store;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// <c>POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token</c>: answers an <c>authentication.k8s.io/v1</c>
/// TokenRequest with a signed token for the service account, optionally bound to a pod, secret or node, 201 Created
/// as upstream. A token bound to a pod also names the node the pod runs on.
/// </summary>
public sealed class TokenRequestHandler
{
    /// <summary>The lifetime of a token when the request sets none (upstream's default, one hour).</summary>
    public const long DefaultExpirationSeconds = 3600;

    /// <summary>The shortest lifetime a request may ask for: ten minutes.</summary>
    public const long MinExpirationSeconds = 600;

    /// <summary>The longest lifetime a request may ask for: 2^32 seconds.</summary>
    public const long MaxExpirationSeconds = 1L << 32;

    private const string GroupVersion = "authentication.k8s.io/v1";

    private readonly ResourceCatalog _catalog;
    private readonly WatchCacheObjectLookup _cachedObjects;
    private readonly ServiceAccountIssuer _issuer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler, reading service accounts and bound objects from <paramref name="catalog"/>.</summary>
    public TokenRequestHandler(ResourceCatalog catalog, ServiceAccountIssuer issuer, TimeProvider time, ILogger logger)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _cachedObjects = new WatchCacheObjectLookup(catalog);
        _issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Handles the TokenRequest for service account <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public async Task HandleAsync(HttpContext context, ResourceEndpoint serviceAccounts, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serviceAccounts);
        var cancellationToken = context.RequestAborted;
        var body = await RequestBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var request = RequestBody.DecodeObject(body, context.Request.ContentType, serviceAccounts.Resource, "TokenRequest", GroupVersion);
        var spec = request["spec"] as JsonObject ?? new JsonObject();
        request["spec"] = spec;
        var expirationSeconds = ObjectJson.GetInt64(spec, "expirationSeconds") ?? DefaultExpirationSeconds;
        spec["expirationSeconds"] = expirationSeconds;
        Validate(expirationSeconds);

        var serviceAccount = await serviceAccounts.Store.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        var binding = new TokenBinding(ns, new BoundObject(name, Uid(serviceAccount)));
        if (spec["boundObjectRef"] is JsonObject reference)
        {
            binding = await BindAsync(binding, reference, cancellationToken).ConfigureAwait(false);
        }
        var audiences = (spec["audiences"] as JsonArray)?.Select(a => a is JsonValue v && v.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>().ToList() ?? [];
        if (audiences.Count == 0)
        {
            audiences = [.. _issuer.ApiAudiences];
            spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode?)a)]);
        }

        var now = _time.GetUtcNow();
        var issued = _issuer.Issue(binding, audiences, TimeSpan.FromSeconds(expirationSeconds), now);
        _logger.LogInformation("Issued token {TokenId} for {User}, audiences {Audiences}, bound to {BoundObject}, expiring {Expiration:u}",
            issued.Id, binding.UserName, string.Join(",", audiences), BoundTo(binding), issued.Expiration);
        var metadata = ObjectJson.Metadata(request);
        metadata["name"] = name;
        metadata["namespace"] = ns;
        metadata["creationTimestamp"] = ObjectJson.FormatTime(now);
        request["status"] = new JsonObject
        {
            ["token"] = issued.Token,
            ["expirationTimestamp"] = ObjectJson.FormatTime(issued.Expiration),
        };
        await ObjectResponse.WriteAsync(context.Response, 201, ObjectJson.Serialize(request), ResponseFormat.Json, null, now)
            .ConfigureAwait(false);
    }

    private static void Validate(long expirationSeconds)
    {
        var errors = new FieldErrorList();
        if (expirationSeconds < MinExpirationSeconds)
        {
            errors.Invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration less than 10 minutes");
        }
        if (expirationSeconds > MaxExpirationSeconds)
        {
            errors.Invalid("spec.expirationSeconds", expirationSeconds, "may not specify a duration larger than 2^32 seconds");
        }
        if (errors.Count > 0)
        {
            // Upstream reports a TokenRequest without a name.
            throw StatusErrors.Invalid("authentication.k8s.io", "TokenRequest", "", errors);
        }
    }

    private async Task<TokenBinding> BindAsync(TokenBinding binding, JsonObject reference, CancellationToken cancellationToken)
    {
        var kind = ObjectJson.GetString(reference, "kind") ?? "";
        var apiVersion = ObjectJson.GetString(reference, "apiVersion") ?? "";
        var name = ObjectJson.GetString(reference, "name") ?? "";
        var uid = ObjectJson.GetString(reference, "uid") ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var plural = group.Length != 0 ? null : kind switch
        {
            "Pod" => "pods",
            "Secret" => "secrets",
            "Node" => "nodes",
            _ => null,
        };
        if (plural is null)
        {
            throw StatusErrors.BadRequest($"cannot bind token to object of type {group}/{version}, Kind={kind}");
        }
        var store = _catalog.Find("", "v1", plural)!.Store;
        var target = await store.GetAsync(plural == "nodes" ? null : binding.Namespace, name, cancellationToken).ConfigureAwait(false);
        var actualUid = Uid(target);
        if (uid.Length != 0 && uid != actualUid)
        {
            throw new StatusException(409, "Conflict",
                $"Operation cannot be fulfilled on {kind} \"{name}\": the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated",
                new StatusDetails { Name = name, Kind = kind });
        }
        var bound = new BoundObject(name, actualUid);
        switch (plural)
        {
            case "secrets":
                return binding with { Secret = bound };
            case "nodes":
                return binding with { Node = bound };
        }
        var spec = target["spec"] as JsonObject;
        var podServiceAccount = ObjectJson.GetString(spec, "serviceAccountName") is { Length: > 0 } set ? set : "default";
        if (podServiceAccount != binding.ServiceAccount.Name)
        {
            throw StatusErrors.BadRequest(
                $"cannot bind token for serviceaccount \"{binding.ServiceAccount.Name}\" to pod running with different serviceaccount name.");
        }
        return binding with { Pod = bound, Node = NodeOf(ObjectJson.GetString(spec, "nodeName")) };
    }

    // The node a pod runs on goes into its tokens when the node exists; a missing node does not fail the request.
    private BoundObject? NodeOf(string? nodeName)
    {
        if (string.IsNullOrEmpty(nodeName))
        {
            return null;
        }
        var cached = _cachedObjects.Find("nodes", "", nodeName);
        return cached is null ? null : new BoundObject(nodeName, cached.Uid);
    }

    private static string BoundTo(TokenBinding binding) =>
        binding.Pod is { } pod ? "pod " + pod.Name : binding.Secret is { } secret ? "secret " + secret.Name
        : binding.Node is { } node ? "node " + node.Name : "nothing";

    private static string Uid(JsonObject obj) => ObjectJson.GetString(ObjectJson.Metadata(obj), "uid") ?? "";
}
