using System.Text;

namespace SharpKube.Kubelet.Tests.Logs;

/// <summary>A CRI log file in a temporary directory, written the way containerd writes one.</summary>
public sealed class CriLogFile : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("sharpkube-logs-test-").FullName;

    public CriLogFile()
    {
        Path = System.IO.Path.Combine(_directory, "0.log");
        File.WriteAllBytes(Path, []);
    }

    public string Path { get; }

    public string Directory => _directory;

    /// <summary>The time line <paramref name="second"/> of a test log is stamped with, as containerd formats it.</summary>
    public static string Stamp(int second) => $"2025-03-01T10:00:{second:D2}.123456789Z";

    /// <summary>Appends one file line: <c>time stream tag text\n</c>.</summary>
    public void Append(int second, string text, bool partial = false, string stream = "stdout") =>
        AppendRaw($"{Stamp(second)} {stream} {(partial ? "P" : "F")} {text}\n");

    public void AppendRaw(string text)
    {
        using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(Encoding.UTF8.GetBytes(text));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
