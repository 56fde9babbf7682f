using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Authentication;
using SharpKube.ApiServer.Http;
using SharpKube.ApiServer.Pki;
using SharpKube.ApiServer.Responses;

namespace SharpKube.ApiServer.NodeJoin;

/// <summary>
/// The two endpoints an agent joins the cluster through (<c>sharpkube agent</c>), the same idea as k3s's:
/// <c>GET /cacerts</c> answers the cluster CA to anyone, so that a node holding only a token can learn whom to trust;
/// <c>POST /v1-sharpkube/node-credentials</c> issues a node's kubelet client and serving certificates from the cluster
/// CA, to members of <c>system:masters</c> only (the server's <c>--token</c>): whoever can mint node identities can
/// act as any node.
/// </summary>
public sealed class NodeJoinHandler
{
    /// <summary>The unauthenticated path serving the cluster CA certificate.</summary>
    public const string CaCertsPath = "/cacerts";

    /// <summary>The path issuing node credentials.</summary>
    public const string NodeCredentialsPath = "/v1-sharpkube/node-credentials";

    private readonly ClusterPki _pki;
    private readonly ILogger _logger;
    private readonly byte[] _caCertificate;

    /// <summary>Creates the handler issuing from <paramref name="pki"/>.</summary>
    public NodeJoinHandler(ClusterPki pki, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(logger);
        _pki = pki;
        _logger = logger;
        _caCertificate = Encoding.UTF8.GetBytes(pki.CaCertificatePem);
    }

    /// <summary>True for the path answered without authentication (<c>/cacerts</c>).</summary>
    public static bool IsPublic(PathString path) => path == CaCertsPath;

    /// <summary>Answers the node-join paths; false when <paramref name="path"/> is not one of them.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, PathString path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (path == CaCertsPath)
        {
            await ServeCaCertificateAsync(context).ConfigureAwait(false);
            return true;
        }
        if (path != NodeCredentialsPath)
        {
            return false;
        }
        try
        {
            await IssueAsync(context).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await StatusResponse.WriteAsync(context.Response, e).ConfigureAwait(false);
        }
        return true;
    }

    private async Task ServeCaCertificateAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await StatusResponse.WriteAsync(context.Response, StatusErrors.MethodNotAllowed(
                $"the server does not allow this method on the requested resource: {CaCertsPath} answers GET only")).ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = _caCertificate.Length;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(_caCertificate, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task IssueAsync(HttpContext context)
    {
        // The host answers 401 before this for a request without credentials; this is the authorization step.
        var user = context.Features.Get<UserInfo>() ?? throw StatusErrors.Unauthorized();
        if (!user.IsInGroup(SystemGroups.Masters))
        {
            throw new StatusException(403, "Forbidden",
                $"forbidden: User \"{user.Name}\" cannot post path \"{NodeCredentialsPath}\": only members of {SystemGroups.Masters} may issue node credentials");
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw StatusErrors.MethodNotAllowed($"the server does not allow this method on the requested resource: {NodeCredentialsPath} answers POST only");
        }
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        NodeCredentialsRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, NodeJoinJsonContext.Default.NodeCredentialsRequest);
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"the body is not a valid node credentials request: {e.Message}");
        }
        var addresses = NodeCredentialsRequestValidation.Validate(request);
        var nodeName = request!.NodeName!;
        var client = _pki.IssueClientCertificate("system:node:" + nodeName, [SystemGroups.Nodes]);
        using var serving = _pki.IssueKubeletServingCertificate(nodeName, addresses);
        using var servingKey = serving.GetECDsaPrivateKey()
            ?? throw StatusErrors.Internal("the kubelet serving certificate has no ECDSA private key");
        var credentials = new NodeCredentials(nodeName, client.CertificatePem, client.PrivateKeyPem,
            serving.ExportCertificatePem() + "\n", servingKey.ExportECPrivateKeyPem() + "\n", _pki.CaCertificatePem);
        _logger.LogInformation("Issued node credentials for {Node} ({Addresses}) to {User}", nodeName, string.Join(",", addresses), user.Name);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, credentials, NodeJoinJsonContext.Default.NodeCredentials, context.RequestAborted)
            .ConfigureAwait(false);
    }
}
