using System.Security.Cryptography.X509Certificates;
using SharpKube.ApiServer.Pki;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Bench.Controllers.Target;

/// <summary>
/// The kubeconfig the benchmark's controller manager uses: the <c>system:kube-controller-manager</c> client certificate
/// that <c>sharpkube apiserver</c> issues into <c>&lt;data-dir&gt;/pki</c>, so the controllers run under their own
/// identity and RBAC, as in <c>sharpkube server</c>, rather than as the administrator.
/// </summary>
internal static class ControllerManagerKubeconfig
{
    // The PKI's file names (ClusterPki): the cluster CA and the controller manager's client pair.
    private const string CaCertificateFile = "ca.crt";
    private const string CertificateFile = "client-controller-manager.crt";
    private const string KeyFile = "client-controller-manager.key";

    /// <summary>Writes <c>&lt;data-dir&gt;/controller-manager.kubeconfig</c> for <paramref name="server"/>, as <c>sharpkube server</c> does, and returns its path.</summary>
    public static string Write(string dataDir, Uri server)
    {
        var pki = Path.Combine(dataDir, "pki");
        var caPem = Read(pki, CaCertificateFile);
        var certificatePem = Read(pki, CertificateFile);
        var keyPem = Read(pki, KeyFile);
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var subject = CertificateSubject.From(certificate.SubjectName)
            ?? throw new ControllersBenchException($"{Path.Combine(pki, CertificateFile)} has no common name");
        var path = InProcessControlPlane.ControllerManagerKubeconfigPath(dataDir);
        KubeconfigFile.ForClientCertificate(server, caPem, new ClientCredentials(subject, certificatePem, keyPem, certificate.NotAfter)).WriteTo(path);
        return path;
    }

    private static string Read(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new ControllersBenchException($"sharpkube apiserver wrote no {path}: cannot give the controller manager its identity");
    }
}
