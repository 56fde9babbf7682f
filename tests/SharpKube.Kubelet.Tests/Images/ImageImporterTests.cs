using SharpKube.Kubelet.Images;

namespace SharpKube.Kubelet.Tests.Images;

public sealed class ImageImporterTests(ImportContainerd containerd) : IClassFixture<ImportContainerd>
{
    private readonly ImageImporter _importer = new(containerd.Address);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<string> WriteBusyboxAsync(string name = "busybox.tar")
    {
        var path = Path.Combine(containerd.ScratchDirectory, name);
        var image = await BusyboxImage.LoadAsync(cancellationToken: Cancellation);
        await image.WriteAsync(path, Cancellation);
        return path;
    }

    private async Task<string[]> ListedImagesAsync()
    {
        var list = await containerd.CtrAsync("images", "ls", "--quiet");
        Assert.True(list.ExitCode == 0, list.Stderr);
        return list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task ImportAsync_BusyboxAndPauseArchives_AreListedInTheK8sNamespace()
    {
        var pausePath = Path.Combine(containerd.ScratchDirectory, "pause.tar");
        await PauseImage.WriteAsync(pausePath, Cancellation);

        var busybox = await _importer.ImportAsync(await WriteBusyboxAsync(), Cancellation);
        var pause = await _importer.ImportAsync(pausePath, Cancellation);

        Assert.Equal([BusyboxImage.Reference], busybox.Images);
        Assert.Equal([PauseImage.Reference], pause.Images);
        Assert.True(busybox.Duration > TimeSpan.Zero);
        var listed = await ListedImagesAsync();
        Assert.Contains(BusyboxImage.Reference, listed);
        Assert.Contains(PauseImage.Reference, listed);
    }

    [Fact]
    public async Task ImportPauseImageAsync_FromTheEmbeddedBinary_ImportsThePauseImage()
    {
        var result = await _importer.ImportPauseImageAsync(Cancellation);

        Assert.Equal([PauseImage.Reference], result.Images);
        Assert.Contains(PauseImage.Reference, await ListedImagesAsync());
    }

    [Fact]
    public async Task ImportedBusybox_RunsItsEchoApplet()
    {
        await _importer.ImportAsync(await WriteBusyboxAsync(), Cancellation);

        var id = "sk-echo-" + Guid.NewGuid().ToString("N")[..8];
        var run = await containerd.CtrAsync("run", "--rm", BusyboxImage.Reference, id, "/bin/echo", "hi");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("hi", run.Stdout.Trim());
    }

    [Fact]
    public async Task ImportedPause_RunsAsAContainer_UntilSigterm()
    {
        await _importer.ImportPauseImageAsync(Cancellation);
        var id = "sk-pause-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var run = await containerd.CtrAsync("run", "--detach", PauseImage.Reference, id);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal("RUNNING", await TaskStatusAsync(id));

            var kill = await containerd.CtrAsync("task", "kill", "--signal", "SIGTERM", id);
            Assert.True(kill.ExitCode == 0, kill.Stderr);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (await TaskStatusAsync(id) != "STOPPED")
            {
                Assert.True(DateTime.UtcNow < deadline, "the pause container did not stop on SIGTERM");
                await Task.Delay(50, Cancellation);
            }
        }
        finally
        {
            await containerd.CtrAsync("task", "delete", "--force", id);
            await containerd.CtrAsync("container", "delete", id);
        }
    }

    private async Task<string?> TaskStatusAsync(string id)
    {
        // "TASK  PID  STATUS" rows.
        var list = await containerd.CtrAsync("task", "ls");
        return list.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length == 3 && f[0] == id)?[2];
    }

    [Fact]
    public async Task ImportAsync_WithACorruptArchive_ThrowsWithWhatCtrSaid()
    {
        var path = Path.Combine(containerd.ScratchDirectory, "corrupt.tar");
        await File.WriteAllTextAsync(path, "this is not a tar archive", Cancellation);

        var e = await Assert.ThrowsAsync<ImageImportException>(() => _importer.ImportAsync(path, Cancellation));

        Assert.NotEqual(0, e.ExitCode);
        Assert.NotEmpty(e.StandardError.Trim());
        Assert.Contains(e.StandardError.Trim(), e.Message);
        Assert.Equal(Path.GetFullPath(path), e.Archive);
    }

    [Fact]
    public async Task ImportDirectoryAsync_SkipsABadArchive_AndImportsTheOthers()
    {
        var directory = Path.Combine(containerd.ScratchDirectory, "images");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "a-broken.tar"), "not a tar", Cancellation);
        await PauseImage.WriteAsync(Path.Combine(directory, "b-pause.tar"), Cancellation);
        await File.WriteAllTextAsync(Path.Combine(directory, "notes.txt"), "not an archive, not imported", Cancellation);

        var results = await _importer.ImportDirectoryAsync(directory, Cancellation);

        var result = Assert.Single(results);
        Assert.Equal(Path.Combine(directory, "b-pause.tar"), result.Source);
        Assert.Equal([PauseImage.Reference], result.Images);
    }

    [Fact]
    public async Task ImportDirectoryAsync_WithAMissingDirectory_ImportsNothing()
    {
        var results = await _importer.ImportDirectoryAsync(Path.Combine(containerd.ScratchDirectory, "absent"), Cancellation);

        Assert.Empty(results);
    }
}
