namespace SharpKube.Kubelet.Tests.Stats;

/// <summary>A temporary directory tree standing in for /sys/fs/cgroup or /proc: files written with given text, all removed on dispose.</summary>
public sealed class TempTree : IDisposable
{
    /// <summary>The tree's root.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("skstats-").FullName;

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/>, creating its directories.</summary>
    public TempTree Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Root, recursive: true);
}
