using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpKube.ApiServer.ServiceAccounts;

/// <summary>
/// Service account issuer discovery: <c>/.well-known/openid-configuration</c> and the public keys at
/// <c>/openid/v1/jwks</c>, so that other parties can verify service account tokens as OpenID Connect ID tokens.
/// Like upstream, both need an authenticated request (upstream's RBAC grants them to service accounts).
/// </summary>
public sealed class ServiceAccountIssuerDiscovery
{
    /// <summary>The discovery document's path.</summary>
    public const string ConfigurationPath = "/.well-known/openid-configuration";

    /// <summary>The key set's path.</summary>
    public const string KeySetPath = "/openid/v1/jwks";

    private readonly ServiceAccountIssuer _issuer;

    /// <summary>Creates the endpoints for <paramref name="issuer"/>.</summary>
    public ServiceAccountIssuerDiscovery(ServiceAccountIssuer issuer)
    {
        _issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
    }

    /// <summary>Answers a GET of one of the two paths; false for any other request.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        JsonObject document;
        string contentType;
        if (request.Path == ConfigurationPath)
        {
            // The keys are served by this server, at the address the client reached it by.
            document = new JsonObject
            {
                ["issuer"] = _issuer.Issuer,
                ["jwks_uri"] = $"https://{request.Host.Value}{KeySetPath}",
                ["response_types_supported"] = new JsonArray("id_token"),
                ["subject_types_supported"] = new JsonArray("public"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            };
            contentType = "application/json";
        }
        else if (request.Path == KeySetPath)
        {
            document = new JsonObject
            {
                ["keys"] = new JsonArray([.. _issuer.VerificationKeys.Select(k => (JsonNode)k.PublicJwk())]),
            };
            contentType = "application/jwk-set+json";
        }
        else
        {
            return false;
        }
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.Headers.CacheControl = "public, max-age=3600";
        if (HttpMethods.IsGet(request.Method))
        {
            await response.WriteAsync(document.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
        return true;
    }
}
