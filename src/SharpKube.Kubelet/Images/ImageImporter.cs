using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Kubelet.Images;

/// <summary>
/// Loads image archives (OCI image layouts or <c>docker save</c> tars) into containerd's <c>k8s.io</c> namespace with
/// <c>ctr images import</c>, where the CRI plugin sees them at once. The kubelet uses it for its own pause image and
/// for the images an offline node is given as files.
/// </summary>
public sealed class ImageImporter
{
    /// <summary>The containerd namespace the CRI plugin keeps its images in.</summary>
    public const string Namespace = "k8s.io";

    private const string UnpackingPrefix = "unpacking ";

    private readonly string _address;
    private readonly string _ctrPath;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Imports into the containerd listening on <paramref name="containerdAddress"/> (its gRPC socket).</summary>
    /// <param name="containerdAddress">containerd's socket, e.g. <c>/run/containerd/containerd.sock</c>.</param>
    /// <param name="logger">Where imports and skipped archives are logged.</param>
    /// <param name="timeProvider">Times the imports (the system clock when not given).</param>
    /// <param name="ctrPath">The ctr executable (found on PATH when not a path).</param>
    public ImageImporter(string containerdAddress, ILogger? logger = null, TimeProvider? timeProvider = null, string ctrPath = "ctr")
    {
        ArgumentException.ThrowIfNullOrEmpty(containerdAddress);
        ArgumentException.ThrowIfNullOrEmpty(ctrPath);
        _address = containerdAddress;
        _ctrPath = ctrPath;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Imports the archive <paramref name="archivePath"/>.</summary>
    /// <exception cref="ImageImportException">ctr failed; the message has its stderr.</exception>
    public Task<ImageImportResult> ImportAsync(string archivePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        return RunImportAsync(archivePath, Path.GetFullPath(archivePath), null, cancellationToken);
    }

    /// <summary>
    /// Imports every <c>*.tar</c> directly in <paramref name="directory"/>, in name order. A missing directory imports
    /// nothing; an archive ctr refuses is logged and skipped so that one bad file does not keep the others out.
    /// </summary>
    public async Task<IReadOnlyList<ImageImportResult>> ImportDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var results = new List<ImageImportResult>();
        foreach (var archive in Directory.EnumerateFiles(directory, "*.tar").Order(StringComparer.Ordinal))
        {
            try
            {
                results.Add(await ImportAsync(archive, cancellationToken));
            }
            catch (ImageImportException e)
            {
                _logger.LogWarning("Skipping image archive {Archive}: {Error}", archive, e.Message);
            }
        }

        return results;
    }

    /// <summary>Imports <see cref="PauseImage"/>, written from the embedded binary straight into ctr's stdin.</summary>
    /// <exception cref="ImageImportException">ctr failed; the message has its stderr.</exception>
    public Task<ImageImportResult> ImportPauseImageAsync(CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        PauseImage.Write(archive);
        return RunImportAsync($"the embedded {PauseImage.Reference}", "-", archive.ToArray(), cancellationToken);
    }

    private async Task<ImageImportResult> RunImportAsync(string source, string ctrArgument, byte[]? standardInput, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var start = new ProcessStartInfo(_ctrPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = standardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--address", _address, "--namespace", Namespace, "images", "import", ctrArgument })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_ctrPath} did not start");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (standardInput is not null)
            {
                await WriteStandardInputAsync(process, standardInput, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new ImageImportException(source, process.ExitCode, await stderr);
            }

            var images = ImportedImages(await stdout);
            var duration = _timeProvider.GetElapsedTime(started);
            _logger.LogInformation("Imported {Images} from {Source} into containerd in {Milliseconds} ms",
                string.Join(", ", images), source, (long)duration.TotalMilliseconds);
            return new ImageImportResult(source, images, duration);
        }
        catch (Exception) when (!process.HasExited)
        {
            // Cancelled: do not leave ctr running behind us.
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static async Task WriteStandardInputAsync(Process process, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(bytes, cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // ctr stopped reading (a broken pipe): its exit code and stderr say why, and are reported instead.
        }
    }

    /// <summary>The references in ctr's "unpacking REF (sha256:…)...done" lines.</summary>
    private static List<string> ImportedImages(string output) =>
        [.. output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith(UnpackingPrefix, StringComparison.Ordinal))
            .Select(line => line[UnpackingPrefix.Length..])
            .Select(rest => rest.IndexOf(" (", StringComparison.Ordinal) is var end and > 0 ? rest[..end] : rest)];
}
