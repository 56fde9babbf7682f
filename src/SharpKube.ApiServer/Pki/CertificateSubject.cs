using System.Security.Cryptography.X509Certificates;

namespace SharpKube.ApiServer.Pki;

/// <summary>
/// The identity a Kubernetes client certificate carries: the subject common name is the user name,
/// each organization (O) a group.
/// </summary>
public sealed class CertificateSubject
{
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>Creates a subject.</summary>
    /// <param name="commonName">The user name (CN).</param>
    /// <param name="organizations">The groups (O values), in order.</param>
    public CertificateSubject(string commonName, IReadOnlyList<string> organizations)
    {
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        ArgumentNullException.ThrowIfNull(organizations);
        CommonName = commonName;
        Organizations = [.. organizations];
    }

    /// <summary>The subject common name (CN).</summary>
    public string CommonName { get; }

    /// <summary>The subject organizations (O), in the order they appear.</summary>
    public IReadOnlyList<string> Organizations { get; }

    /// <summary>Reads the CN and O values of a distinguished name; null when it has no common name.</summary>
    /// <remarks>Multi-valued relative names are skipped: certificates issued for Kubernetes identities do not use them.</remarks>
    public static CertificateSubject? From(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? commonName = null;
        var organizations = new List<string>();
        foreach (var relativeName in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (relativeName.HasMultipleElements)
            {
                continue;
            }

            var type = relativeName.GetSingleElementType().Value;
            var value = relativeName.GetSingleElementValue();
            if (value is null)
            {
                continue;
            }

            if (type == CommonNameOid)
            {
                // The last CN wins, as in Go's crypto/x509 which the upstream authenticator uses.
                commonName = value;
            }
            else if (type == OrganizationOid)
            {
                organizations.Add(value);
            }
        }

        return string.IsNullOrEmpty(commonName) ? null : new CertificateSubject(commonName, organizations);
    }

    /// <summary>True when both subjects have the same common name and the same set of organizations.</summary>
    public bool SameIdentityAs(CertificateSubject other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CommonName == other.CommonName
            && new HashSet<string>(Organizations, StringComparer.Ordinal).SetEquals(other.Organizations);
    }

    /// <summary>Encodes the subject as a distinguished name: the organizations in order, then the common name (as Go does).</summary>
    public X500DistinguishedName ToDistinguishedName()
    {
        // The builder encodes names in the reverse order of the calls.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(CommonName);
        for (var i = Organizations.Count - 1; i >= 0; i--)
        {
            builder.AddOrganizationName(Organizations[i]);
        }

        return builder.Build();
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", Organizations.Select(o => $"O={o}").Prepend($"CN={CommonName}"));
}
