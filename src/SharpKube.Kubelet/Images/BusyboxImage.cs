using System.Diagnostics;
using System.Text;

namespace SharpKube.Kubelet.Images;

/// <summary>
/// The test image <c>docker.io/library/busybox:1.35</c>, built offline from the machine's static busybox (Debian's
/// busybox-static): <c>/bin/busybox</c> with a symlink per applet, root and nobody in <c>/etc/passwd</c> and
/// <c>/etc/group</c>, and the usual empty directories. <c>/etc/hosts</c> is left out because the kubelet mounts its own.
/// </summary>
public sealed class BusyboxImage
{
    /// <summary>The reference the image is imported as.</summary>
    public const string Reference = "docker.io/library/busybox:1.35";

    /// <summary>Where Debian's busybox-static installs the binary.</summary>
    public const string DefaultBusyboxPath = "/bin/busybox";

    private const string Passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    private const string Group = "root:x:0:\nnogroup:x:65534:\n";

    private readonly byte[] _binary;

    private BusyboxImage(byte[] binary, IReadOnlyList<string> applets)
    {
        _binary = binary;
        Applets = applets;
    }

    /// <summary>The applet names the binary reported (each becomes <c>/bin/NAME</c> → <c>busybox</c>).</summary>
    public IReadOnlyList<string> Applets { get; }

    /// <summary>Reads the busybox binary at <paramref name="busyboxPath"/> and asks it for its applets (<c>--list</c>).</summary>
    public static async Task<BusyboxImage> LoadAsync(string busyboxPath = DefaultBusyboxPath, CancellationToken cancellationToken = default)
    {
        var binary = await File.ReadAllBytesAsync(busyboxPath, cancellationToken);
        var start = new ProcessStartInfo(busyboxPath, "--list") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{busyboxPath} did not start");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{busyboxPath} --list exited with {process.ExitCode}: {(await stderr).Trim()}");
        }

        var applets = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => a != "busybox" && !a.Contains('/', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new BusyboxImage(binary, applets);
    }

    /// <summary>The image as an archive to write.</summary>
    public OciImageArchive CreateArchive()
    {
        List<LayerEntry> entries =
        [
            LayerEntry.File("bin/busybox", _binary, LayerEntry.ExecutableMode),
            LayerEntry.File("etc/passwd", Encoding.ASCII.GetBytes(Passwd), LayerEntry.ReadableMode),
            LayerEntry.File("etc/group", Encoding.ASCII.GetBytes(Group), LayerEntry.ReadableMode),
            // Anyone may create files in /tmp, but only remove their own (1777).
            LayerEntry.Directory("tmp", (UnixFileMode)0x3FF),
            LayerEntry.Directory("root", (UnixFileMode)0x1C0),
            LayerEntry.Directory("proc"),
            LayerEntry.Directory("sys"),
            LayerEntry.Directory("dev"),
            LayerEntry.Directory("var"),
        ];
        entries.AddRange(Applets.Select(a => LayerEntry.Symlink("bin/" + a, "busybox")));
        return new OciImageArchive(Reference, entries, new OciImageConfig
        {
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            Cmd = ["sh"],
        });
    }

    /// <summary>Writes the image's OCI archive to <paramref name="destination"/>.</summary>
    public OciImageDigests Write(Stream destination) => CreateArchive().Write(destination);

    /// <summary>Writes the image's OCI archive to the file <paramref name="path"/>.</summary>
    public Task<OciImageDigests> WriteAsync(string path, CancellationToken cancellationToken) =>
        CreateArchive().WriteAsync(path, cancellationToken);
}
