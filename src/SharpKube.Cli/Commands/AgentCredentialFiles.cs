using SharpKube.ApiServer.NodeJoin;
using SharpKube.ApiServer.Pki;

namespace SharpKube.Cli.Commands;

/// <summary>
/// Where <c>sharpkube agent</c> keeps what it was issued: the certificates in <c>&lt;data-dir&gt;/agent/pki</c> (keys
/// readable by the owner only) and the kubelet's kubeconfig, <c>&lt;data-dir&gt;/agent/kubelet.kubeconfig</c>.
/// </summary>
internal static class AgentCredentialFiles
{
    /// <summary>The kubelet's kubeconfig in the agent directory.</summary>
    public static string KubeconfigPath(string agentDir) => Path.Combine(agentDir, "kubelet.kubeconfig");

    /// <summary>The directory of the agent's certificates.</summary>
    public static string PkiDir(string agentDir) => Path.Combine(agentDir, "pki");

    /// <summary>Writes the certificates and a kubeconfig for <paramref name="server"/>; returns the kubeconfig's path.</summary>
    public static string Write(string agentDir, Uri server, NodeCredentials credentials)
    {
        var pki = PkiDir(agentDir);
        AtomicFile.WriteAllText(Path.Combine(pki, "ca.crt"), credentials.CaCertificate, AtomicFile.WorldReadable);
        AtomicFile.WriteAllText(Path.Combine(pki, "client-kubelet.crt"), credentials.ClientCertificate, AtomicFile.WorldReadable);
        AtomicFile.WriteAllText(Path.Combine(pki, "client-kubelet.key"), credentials.ClientKey, AtomicFile.OwnerOnly);
        AtomicFile.WriteAllText(Path.Combine(pki, "serving-kubelet.crt"), credentials.ServingCertificate, AtomicFile.WorldReadable);
        AtomicFile.WriteAllText(Path.Combine(pki, "serving-kubelet.key"), credentials.ServingKey, AtomicFile.OwnerOnly);

        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(credentials.ClientCertificate);
        var subject = CertificateSubject.From(certificate.SubjectName)
            ?? throw new InvalidDataException("the node client certificate the server issued has no common name");
        var client = new ClientCredentials(subject, credentials.ClientCertificate, credentials.ClientKey, certificate.NotAfter);
        var kubeconfig = KubeconfigPath(agentDir);
        KubeconfigFile.ForClientCertificate(server, credentials.CaCertificate, client).WriteTo(kubeconfig);
        return kubeconfig;
    }
}
