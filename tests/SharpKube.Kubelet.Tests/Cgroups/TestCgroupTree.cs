namespace SharpKube.Kubelet.Tests.Cgroups;

/// <summary>Removes a test's cgroup subtree from every mounted hierarchy.</summary>
internal static class TestCgroupTree
{
    /// <summary>Deletes <paramref name="parent"/> (e.g. <c>/sktest-probes</c>) and everything below it in each hierarchy under /sys/fs/cgroup.</summary>
    public static void RemoveEverywhere(string parent)
    {
        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var root = hierarchy + parent;
            if (!Directory.Exists(root))
            {
                continue;
            }

            // cgroup directories hold only kernel files and are removed with rmdir, deepest first.
            foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                Directory.Delete(directory);
            }

            Directory.Delete(root);
        }
    }
}
