using System.Text.Json;
using SharpKube.ApiMachinery.Tables.Formatting;

namespace SharpKube.ApiMachinery.Tables.Printers;

/// <summary>
/// Prints CertificateSigningRequests: NAME, AGE, SIGNERNAME, REQUESTOR, REQUESTEDDURATION, CONDITION
/// (<c>Pending</c>, <c>Approved</c> or <c>Denied</c>, then <c>,Failed</c> and <c>,Issued</c>).
/// </summary>
public sealed class CertificateSigningRequestTableConvertor : TableConvertor
{
    private static readonly TableColumnDefinition[] ColumnSet =
    [
        StandardColumns.Name,
        StandardColumns.Age,
        StandardColumns.Text("SignerName", "Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`. If empty, it will be defaulted:\n 1. If it's a kubelet client certificate, it is assigned\n    \"kubernetes.io/kube-apiserver-client-kubelet\".\n 2. If it's a kubelet serving certificate, it is assigned\n    \"kubernetes.io/kubelet-serving\".\n 3. Otherwise, it is assigned \"kubernetes.io/legacy-unknown\".\nDistribution of trust for signers happens out of band. You can select on this field using `spec.signerName`."),
        StandardColumns.Text("Requestor", "Base64-encoded PKCS#10 CSR data"),
        StandardColumns.Text("RequestedDuration", "expirationSeconds is the requested duration of validity of the issued certificate. The certificate signer may issue a certificate with a different validity duration so a client must check the delta between the notBefore and and notAfter fields in the issued certificate to determine the actual duration.\n\nThe v1.22+ in-tree implementations of the well-known Kubernetes signers will honor this field as long as the requested duration is not greater than the maximum duration they will honor per the --cluster-signing-duration CLI flag to the Kubernetes controller manager.\n\nCertificate signers may not honor this field for various reasons:\n\n  1. Old signer that is unaware of the field (such as the in-tree\n     implementations prior to v1.22)\n  2. Signer whose configured maximum is shorter than the requested duration\n  3. Signer whose configured minimum is longer than the requested duration\n\nThe minimum valid value for expirationSeconds is 600, i.e. 10 minutes."),
        StandardColumns.Text("Condition", "Conditions applied to the request, such as approval or denial."),
    ];

    private CertificateSigningRequestTableConvertor()
    {
    }

    /// <summary>The shared instance.</summary>
    public static CertificateSigningRequestTableConvertor Instance { get; } = new();

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => ColumnSet;

    /// <inheritdoc/>
    public override object?[] Cells(JsonElement obj, DateTimeOffset now)
    {
        var spec = obj.Field("spec");
        var expiration = spec.Field("expirationSeconds").Int64OrNull();
        return
        [
            ObjectMetadata.Name(obj),
            ObjectMetadata.Age(obj, now),
            spec.Field("signerName").Text() is { Length: > 0 } signer ? signer : "<none>",
            spec.Field("username").Text(),
            expiration is { } seconds ? HumanDuration.Format(TimeSpan.FromSeconds(Math.Clamp(seconds, int.MinValue, int.MaxValue))) : "<none>",
            Condition(obj.Field("status")),
        ];
    }

    private static string Condition(JsonElement status)
    {
        var types = status.Field("conditions").Items().Select(c => c.Field("type").Text()).ToHashSet(StringComparer.Ordinal);
        var text = types.Contains("Denied") ? "Denied" : types.Contains("Approved") ? "Approved" : "Pending";
        if (types.Contains("Failed"))
        {
            text += ",Failed";
        }
        if (status.Field("certificate").Text().Length > 0)
        {
            text += ",Issued";
        }
        return text;
    }
}
