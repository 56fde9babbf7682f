namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>Writes manifests for <c>kubectl create -f</c> into a test's temporary directory.</summary>
public sealed class KubectlManifests(string dataDir)
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(dataDir, "manifests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Writes <paramref name="yaml"/> to <paramref name="fileName"/> and returns its full path.</summary>
    public string Write(string fileName, string yaml)
    {
        var path = Path.Combine(_directory, fileName);
        File.WriteAllText(path, yaml);
        return path;
    }
}
