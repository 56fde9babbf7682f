using System.Security.Cryptography.X509Certificates;
using SharpKube.ApiServer.Pki;
using SharpKube.Cli.Commands;

namespace SharpKube.Cli.Bench;

/// <summary>
/// The kubeconfig a benchmark's control-plane component (controller manager, scheduler) uses: the client certificate
/// that <c>sharpkube apiserver</c> issues for it into <c>&lt;data-dir&gt;/pki</c>, so the component runs under its own
/// identity and RBAC, as in <c>sharpkube server</c>, rather than as the administrator.
/// </summary>
internal static class ComponentKubeconfigFile
{
    private const string CaCertificateFile = "ca.crt";

    /// <summary>The controller manager's: <c>client-controller-manager.crt</c>, written where <c>sharpkube server</c> writes it.</summary>
    public static string WriteControllerManager(string dataDir, Uri server) =>
        Write(dataDir, server, "client-controller-manager", InProcessControlPlane.ControllerManagerKubeconfigPath(dataDir));

    /// <summary>The scheduler's: <c>client-scheduler.crt</c>, written where <c>sharpkube server</c> writes it.</summary>
    public static string WriteScheduler(string dataDir, Uri server) =>
        Write(dataDir, server, "client-scheduler", InProcessControlPlane.SchedulerKubeconfigPath(dataDir));

    private static string Write(string dataDir, Uri server, string clientPair, string path)
    {
        var pki = Path.Combine(dataDir, "pki");
        var caPem = Read(pki, CaCertificateFile);
        var certificatePem = Read(pki, clientPair + ".crt");
        var keyPem = Read(pki, clientPair + ".key");
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        var subject = CertificateSubject.From(certificate.SubjectName)
            ?? throw new InvalidOperationException($"{Path.Combine(pki, clientPair + ".crt")} has no common name");
        KubeconfigFile.ForClientCertificate(server, caPem, new ClientCredentials(subject, certificatePem, keyPem, certificate.NotAfter)).WriteTo(path);
        return path;
    }

    private static string Read(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"sharpkube apiserver wrote no {path}: cannot give the component its identity");
    }
}
