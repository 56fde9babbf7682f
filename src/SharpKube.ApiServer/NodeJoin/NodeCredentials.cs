namespace SharpKube.ApiServer.NodeJoin;

/// <summary>
/// The answer of <c>POST /v1-sharpkube/node-credentials</c>: everything a joining agent needs to run its kubelet, as PEM.
/// Every key is a secret: never log one.
/// </summary>
/// <param name="NodeName">The node the credentials are for.</param>
/// <param name="ClientCertificate">The kubelet's client certificate: <c>CN=system:node:NAME, O=system:nodes</c>.</param>
/// <param name="ClientKey">The private key of <paramref name="ClientCertificate"/>.</param>
/// <param name="ServingCertificate">The kubelet's serving certificate, for the node name and the requested addresses.</param>
/// <param name="ServingKey">The private key of <paramref name="ServingCertificate"/>.</param>
/// <param name="CaCertificate">The cluster CA that issued both (and the API server's certificate).</param>
public sealed record NodeCredentials(
    string NodeName,
    string ClientCertificate,
    string ClientKey,
    string ServingCertificate,
    string ServingKey,
    string CaCertificate);
