using static SharpKube.ApiMachinery.Protobuf.ProtoFieldKind;

namespace SharpKube.ApiMachinery.Protobuf.Schema;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequest (approve sends it whole, with its conditions).</summary>
internal static class CertificatesV1Schema
{
    /// <summary>Registers the messages and kinds.</summary>
    public static void Register(ProtoSchema s)
    {
        s.Define("certificates.CertificateSigningRequest").Msg(1, "metadata", "meta.ObjectMeta")
            .Msg(2, "spec", "certificates.CertificateSigningRequestSpec").Msg(3, "status", "certificates.CertificateSigningRequestStatus");
        s.Define("certificates.CertificateSigningRequestSpec").Bytes(1, "request").Strs(2, "usages").Str(3, "username")
            .Str(4, "uid").Strs(5, "groups").Map(6, "extra", StringList).Str(7, "signerName").I32(8, "expirationSeconds", pointer: true);
        s.Define("certificates.CertificateSigningRequestStatus").Msgs(1, "conditions", "certificates.CertificateSigningRequestCondition")
            .Bytes(2, "certificate");
        s.Define("certificates.CertificateSigningRequestCondition").Str(1, "type").Str(2, "reason").Str(3, "message")
            .Special(4, "lastUpdateTime", Time).Special(5, "lastTransitionTime", Time).Str(6, "status");
        s.Kind("certificates.k8s.io/v1", "CertificateSigningRequest", "certificates.CertificateSigningRequest");
    }
}
