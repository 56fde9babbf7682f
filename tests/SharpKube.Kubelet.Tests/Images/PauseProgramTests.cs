using System.Diagnostics;
using System.Runtime.Versioning;
using SharpKube.Kubelet.Images;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>The pause program itself (Images/Pause/pause.c), run from the bytes embedded in the kubelet.</summary>
[SupportedOSPlatform("linux")]
public sealed class PauseProgramTests : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const int SigChld = 17;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sk-pause-");
    private readonly string _pause;

    public PauseProgramTests()
    {
        _pause = Path.Combine(_directory.FullName, "pause");
        File.WriteAllBytes(_pause, PauseImage.ReadBinary());
        File.SetUnixFileMode(_pause, LayerEntry.ExecutableMode);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Pause_OnStopSignal_ExitsWithZero(string signal)
    {
        using var pause = ChildProcess.Start(_pause);
        try
        {
            // Signal only once the handlers are in: before that the default action would kill it, proving nothing.
            await ChildProcess.WaitUntilAsync(() => ProcFs.Catches(pause.Id, SigInt, SigTerm, SigChld), Deadline, "pause catches its signals");
            Assert.False(pause.HasExited);

            await ChildProcess.SignalAsync(pause.Id, signal);
            await pause.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(0, pause.ExitCode);
        }
        finally
        {
            KillIfRunning(pause);
        }
    }

    [Fact]
    public async Task Pause_AsPid1OfAPidNamespace_ReapsOrphansAndExitsZeroOnSigterm()
    {
        // unshare forks pause as PID 1 of a new PID namespace and exits with its status.
        using var unshare = ChildProcess.Start("unshare", "--pid", "--fork", "--mount-proc", _pause);
        try
        {
            var pausePid = 0;
            await ChildProcess.WaitUntilAsync(() =>
            {
                pausePid = ProcFs.ChildrenOf(unshare.Id).Select(c => c.Pid).FirstOrDefault();
                return pausePid != 0 && ProcFs.Catches(pausePid, SigTerm, SigChld);
            }, Deadline, "pause runs as PID 1 of the namespace");

            // A shell entered into the namespace starts a child and exits at once: the child is orphaned, re-parented to
            // the namespace's PID 1, and becomes a zombie when it ends unless pause reaps it. The child must not hold
            // nsenter's output pipes, or reading them to the end would wait until it is gone.
            var orphaner = await ChildProcess.RunAsync("nsenter", "--target", pausePid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--pid", "--", "/bin/busybox", "sh", "-c", "/bin/busybox sleep 2 </dev/null >/dev/null 2>&1 & exit 0");
            Assert.True(orphaner.ExitCode == 0, orphaner.Stderr);
            await ChildProcess.WaitUntilAsync(() => ProcFs.ChildrenOf(pausePid).Count > 0, Deadline, "the orphan is re-parented to pause");

            var deadline = DateTime.UtcNow + Deadline;
            List<ProcFs.ProcessState> children;
            while ((children = ProcFs.ChildrenOf(pausePid)).Count > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            // What remains would be the orphan as a zombie (state Z): pause did not reap it.
            Assert.Empty(children);

            await ChildProcess.SignalAsync(pausePid, "TERM");
            await unshare.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, unshare.ExitCode);
        }
        finally
        {
            KillIfRunning(unshare);
        }
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
