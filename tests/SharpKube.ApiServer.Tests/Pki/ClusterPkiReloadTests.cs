using SharpKube.ApiServer.Pki;

namespace SharpKube.ApiServer.Tests.Pki;

public sealed class ClusterPkiReloadTests : IDisposable
{
    private readonly TempDirectory _dataDir = new();

    public void Dispose() => _dataDir.Dispose();

    private string PkiPath => _dataDir.Combine("pki");

    private string FileIn(string name) => Path.Combine(PkiPath, name);

    [Fact]
    public void A_second_start_reuses_the_ca_the_serving_certificate_and_the_client_certificates()
    {
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        var servingKey = File.ReadAllText(FileIn("apiserver.key"));

        var second = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        Assert.Equal(first.CaCertificate.Thumbprint, second.CaCertificate.Thumbprint);
        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Equal(servingKey, File.ReadAllText(FileIn("apiserver.key")));
        Assert.Equal(first.Admin.CertificatePem, second.Admin.CertificatePem);
        Assert.Equal(first.Admin.PrivateKeyPem, second.Admin.PrivateKeyPem);
        Assert.Equal(first.Scheduler.CertificatePem, second.Scheduler.CertificatePem);
    }

    [Fact]
    public void A_new_extra_san_reissues_the_serving_certificate_from_the_same_ca()
    {
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var second = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions { ExtraSans = ["api.example.com"] }, TimeProvider.System);

        Assert.Equal(first.CaCertificate.Thumbprint, second.CaCertificate.Thumbprint);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
        Assert.Contains("api.example.com", CertificateAssertions.DnsNames(second.ServingCertificate));
        Assert.True(CertificateAssertions.ChainsTo(second.ServingCertificate, first.CaCertificate, CertificateAssertions.ServerAuth));
        Assert.Equal(first.Admin.CertificatePem, second.Admin.CertificatePem);
    }

    [Fact]
    public void A_san_that_is_no_longer_wanted_does_not_cause_a_reissue()
    {
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions { ExtraSans = ["api.example.com"] }, TimeProvider.System);

        var second = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        Assert.Equal(first.ServingCertificate.Thumbprint, second.ServingCertificate.Thumbprint);
    }

    [Fact]
    public void A_changed_cluster_domain_or_service_ip_reissues_the_serving_certificate()
    {
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        var otherDomain = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions { ClusterDomain = "corp.local" }, TimeProvider.System);
        var otherServiceIp = ClusterPki.LoadOrCreate(
            PkiPath, new PkiOptions { ClusterDomain = "corp.local", ServiceClusterIp = System.Net.IPAddress.Parse("10.96.0.1") }, TimeProvider.System);

        Assert.NotEqual(first.ServingCertificate.Thumbprint, otherDomain.ServingCertificate.Thumbprint);
        Assert.NotEqual(otherDomain.ServingCertificate.Thumbprint, otherServiceIp.ServingCertificate.Thumbprint);
        Assert.Equal(first.CaCertificate.Thumbprint, otherServiceIp.CaCertificate.Thumbprint);
    }

    [Fact]
    public void Certificates_within_thirty_days_of_expiry_are_reissued_and_the_ca_kept()
    {
        var time = new ShiftedTimeProvider();
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), time);

        time.Offset = TimeSpan.FromDays(300);
        var stillValid = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), time);
        time.Offset = TimeSpan.FromDays(340);
        var nearExpiry = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), time);

        Assert.Equal(first.ServingCertificate.Thumbprint, stillValid.ServingCertificate.Thumbprint);
        Assert.NotEqual(first.ServingCertificate.Thumbprint, nearExpiry.ServingCertificate.Thumbprint);
        Assert.NotEqual(first.Admin.CertificatePem, nearExpiry.Admin.CertificatePem);
        Assert.Equal(first.CaCertificate.Thumbprint, nearExpiry.CaCertificate.Thumbprint);
        Assert.True(nearExpiry.ServingCertificate.NotAfter > first.ServingCertificate.NotAfter.AddDays(300));
    }

    [Fact]
    public void A_leaf_from_another_ca_is_replaced_by_one_from_this_ca()
    {
        var pki = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        using var otherDataDir = new TempDirectory();
        ClusterPki.LoadOrCreate(otherDataDir.Combine("pki"), new PkiOptions(), TimeProvider.System);
        File.Copy(otherDataDir.Combine("pki", "apiserver.crt"), FileIn("apiserver.crt"), overwrite: true);
        File.Copy(otherDataDir.Combine("pki", "apiserver.key"), FileIn("apiserver.key"), overwrite: true);

        var reloaded = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        Assert.True(CertificateAssertions.ChainsTo(reloaded.ServingCertificate, pki.CaCertificate, CertificateAssertions.ServerAuth));
    }

    [Fact]
    public void A_leaf_whose_key_was_lost_is_reissued()
    {
        var first = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        File.Delete(FileIn("client-admin.key"));

        var second = ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);

        Assert.NotEqual(first.Admin.CertificatePem, second.Admin.CertificatePem);
        Assert.True(File.Exists(FileIn("client-admin.key")));
    }

    [Theory]
    [InlineData("ca.crt")]
    [InlineData("ca.key")]
    [InlineData("apiserver.crt")]
    [InlineData("client-admin.key")]
    public void A_corrupt_file_fails_the_start_with_an_error_naming_it(string file)
    {
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        File.WriteAllText(FileIn(file), "-----BEGIN GARBAGE-----\nnot base64 at all\n");

        var error = Assert.Throws<PkiFileException>(() => ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System));

        Assert.Equal(FileIn(file), error.FilePath);
        Assert.Contains(FileIn(file), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_ca_key_fails_the_start_instead_of_silently_creating_a_new_ca()
    {
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        File.Delete(FileIn("ca.key"));

        var error = Assert.Throws<PkiFileException>(() => ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System));

        Assert.Equal(FileIn("ca.key"), error.FilePath);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_key_that_belongs_to_another_certificate_fails_the_start()
    {
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        File.Copy(FileIn("client-admin.key"), FileIn("ca.key"), overwrite: true);

        var error = Assert.Throws<PkiFileException>(() => ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System));

        Assert.Equal(FileIn("ca.key"), error.FilePath);
    }

    [Fact]
    public void An_unreadable_file_fails_the_start_with_an_error_naming_it()
    {
        // Root reads files whatever their mode; a directory in the file's place is unreadable for everyone.
        ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System);
        File.Delete(FileIn("ca.key"));
        Directory.CreateDirectory(FileIn("ca.key"));

        var error = Assert.Throws<PkiFileException>(() => ClusterPki.LoadOrCreate(PkiPath, new PkiOptions(), TimeProvider.System));

        Assert.Equal(FileIn("ca.key"), error.FilePath);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }
}
