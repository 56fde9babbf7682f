using System.Text;
using k8s.Models;
using SharpKube.Kubelet.Cri.V1;
using SharpKube.Kubelet.Status;
using static SharpKube.Kubelet.Tests.Status.CriContainers;

namespace SharpKube.Kubelet.Tests.Status;

/// <summary>Termination messages read from real files: the container's message file and its CRI log.</summary>
public sealed class TerminationMessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sk-termination-").FullName;

    [Fact]
    public void Read_MessageFileAtTheDefaultPath_IsTheMessage()
    {
        var instance = WithMessageFile(Exited("app", 0), "/dev/termination-log", "all done\n");

        Assert.Equal("all done\n", TerminationMessage.Read(instance, Container()));
    }

    [Fact]
    public void Read_MessageFileAtACustomPath_IsTheMessage()
    {
        var container = Container();
        container.TerminationMessagePath = "/tmp/why";
        var instance = WithMessageFile(Exited("app", 1), "/tmp/why", "bad config");
        instance.Mounts.Add(new Mount { ContainerPath = "/dev/termination-log", HostPath = Path.Combine(_dir, "missing") });

        Assert.Equal("bad config", TerminationMessage.Read(instance, container));
    }

    [Fact]
    public void Read_EmptyOrMissingFile_IsNull()
    {
        Assert.Null(TerminationMessage.Read(WithMessageFile(Exited("app", 1), "/dev/termination-log", ""), Container()));
        var missing = Exited("app", 1);
        missing.Mounts.Add(new Mount { ContainerPath = "/dev/termination-log", HostPath = Path.Combine(_dir, "nothing-here") });
        Assert.Null(TerminationMessage.Read(missing, Container()));
        Assert.Null(TerminationMessage.Read(Exited("app", 1), Container()));
    }

    [Fact]
    public void Read_MessageFileLongerThan4KiB_IsCutTo4KiB()
    {
        var text = new string('x', 3000) + new string('y', 3000);
        var message = TerminationMessage.Read(WithMessageFile(Exited("app", 0), "/dev/termination-log", text), Container());

        Assert.Equal(4096, message!.Length);
    }

    [Fact]
    public void Read_MessageFileLongerThan4KiB_KeepsItsEnd()
    {
        var text = new string('x', 3000) + new string('y', 3000);
        var message = TerminationMessage.Read(WithMessageFile(Exited("app", 0), "/dev/termination-log", text), Container());

        Assert.Equal(text[^4096..], message);
    }

    [Fact]
    public void Read_FallbackToLogsOnErrorWithoutAMessage_IsTheEndOfTheLogWithPartialLinesJoined()
    {
        var instance = WithLog(Exited("app", 1), "stdout F starting", "stderr P conn", "stderr P ection ", "stderr F refused", "stdout F ");

        var message = TerminationMessage.Read(instance, Container("FallbackToLogsOnError"));

        Assert.Equal("starting\nconnection refused\n\n", message);
    }

    [Fact]
    public void Read_FallbackToLogsOnError_KeepsTheLast80Lines()
    {
        var instance = WithLog(Exited("app", 2), [.. Enumerable.Range(1, 100).Select(i => $"stdout F line {i}")]);

        var message = TerminationMessage.Read(instance, Container("FallbackToLogsOnError"));

        var lines = message!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(80, lines.Length);
        Assert.Equal("line 21", lines[0]);
        Assert.Equal("line 100", lines[^1]);
    }

    [Fact]
    public void Read_FallbackToLogsOnError_KeepsTheLast2KiB()
    {
        var instance = WithLog(Exited("app", 2), [.. Enumerable.Range(1, 10).Select(i => $"stdout F {i}{new string('z', 499)}")]);

        var message = TerminationMessage.Read(instance, Container("FallbackToLogsOnError"));

        Assert.Equal(2048, Encoding.UTF8.GetByteCount(message!));
        Assert.EndsWith("10" + new string('z', 499) + "\n", message);
    }

    [Fact]
    public void Read_FallbackToLogsOnErrorWithAMessageFile_PrefersTheFile()
    {
        var instance = WithLog(WithMessageFile(Exited("app", 1), "/dev/termination-log", "from file"), "stdout F from log");

        Assert.Equal("from file", TerminationMessage.Read(instance, Container("FallbackToLogsOnError")));
    }

    [Fact]
    public void Read_FallbackToLogsOnErrorAfterSuccess_DoesNotUseTheLog()
    {
        var instance = WithLog(Exited("app", 0), "stdout F fine");

        Assert.Null(TerminationMessage.Read(instance, Container("FallbackToLogsOnError")));
    }

    [Fact]
    public void Read_FilePolicyAfterAFailure_DoesNotUseTheLog()
    {
        var instance = WithLog(Exited("app", 1), "stdout F broken");

        Assert.Null(TerminationMessage.Read(instance, Container("File")));
    }

    [Fact]
    public void Terminated_WithAMessageFile_PutsItInTheTerminatedState()
    {
        var instance = WithMessageFile(Exited("app", 0), "/dev/termination-log", "bye");

        Assert.Equal("bye", ContainerStatusMapping.Terminated(instance, Container()).Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static V1Container Container(string policy = "File") => new()
    {
        Name = "app",
        Image = "busybox:1.36",
        TerminationMessagePath = "/dev/termination-log",
        TerminationMessagePolicy = policy,
    };

    private ContainerStatus WithMessageFile(ContainerStatus instance, string containerPath, string text)
    {
        var hostPath = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        File.WriteAllText(hostPath, text);
        instance.Mounts.Add(new Mount { ContainerPath = containerPath, HostPath = hostPath });
        return instance;
    }

    /// <summary>Writes a CRI log ("time stream tag content" lines) and points the instance at it.</summary>
    private ContainerStatus WithLog(ContainerStatus instance, params string[] entries)
    {
        var path = Path.Combine(_dir, "0.log");
        File.WriteAllLines(path, entries.Select((e, i) => $"2026-01-02T03:04:{i % 60:00}.{i:000000000}Z {e}"));
        instance.LogPath = path;
        return instance;
    }
}
