using System.Globalization;

namespace SharpKube.Kubelet.Tests.Images;

/// <summary>What /proc says about processes: their children and which signals they catch.</summary>
internal static class ProcFs
{
    public sealed record ProcessState(int Pid, string Command, char State);

    /// <summary>The processes whose parent is <paramref name="parentPid"/>, zombies included.</summary>
    public static List<ProcessState> ChildrenOf(int parentPid)
    {
        var children = new List<ProcessState>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }

            // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ')'.
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parentPid)
            {
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                children.Add(new ProcessState(pid, stat[(open + 1)..close], fields[0][0]));
            }
        }

        return children;
    }

    /// <summary>Whether <paramref name="pid"/> has handlers installed for every signal number in <paramref name="signals"/>.</summary>
    public static bool Catches(int pid, params int[] signals)
    {
        string status;
        try
        {
            status = File.ReadAllText($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return false;
        }

        var line = status.Split('\n').Single(l => l.StartsWith("SigCgt:", StringComparison.Ordinal));
        var caught = ulong.Parse(line["SigCgt:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return signals.All(s => (caught & (1UL << (s - 1))) != 0);
    }
}
