using SharpKube.Kubelet.Stats;

namespace SharpKube.Kubelet.Tests.Stats;

public sealed class ProcStatsTests
{
    private const string NetDev =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
        "    lo: 5000 50 0 0 0 0 0 0 5000 50 0 0 0 0 0 0\n" +
        "  eth0: 1000 10 2 0 0 0 0 0 3000 30 4 0 0 0 0 0\n" +
        "  cni0:  700  7 0 0 0 0 0 0  900  9 0 0 0 0 0 0\n";

    private static TempTree Proc() => new TempTree()
        .Write("stat", "cpu  100 5 50 9000 30 2 3 1 7 0\ncpu0 50 2 25 4500 15 1 1 0 0 0\nintr 1 2 3\nbtime 1700000000\nprocesses 99\n")
        .Write("meminfo", "MemTotal:        1000 kB\nMemFree:          300 kB\nMemAvailable:     600 kB\nInactive(file):   200 kB\nAnonPages:        250 kB\n")
        .Write("vmstat", "nr_free_pages 75\npgfault 12345\npgmajfault 67\n")
        .Write("loadavg", "0.50 0.40 0.30 3/456 7890\n")
        .Write("sys/kernel/pid_max", "4194304\n")
        .Write("net/dev", NetDev)
        .Write("net/route", "Iface\tDestination\tGateway \tFlags\nwlan0\t0000A8C0\t00000000\t0001\neth0\t00000000\t0100A8C0\t0003\n")
        .Write("42/net/dev", NetDev.Replace("eth0: 1000", "eth0: 1111", StringComparison.Ordinal));

    [Fact]
    public void CpuUsage_CountsBusyTicksAsTenMillisecondsEach()
    {
        using var proc = Proc();

        // user 100 + nice 5 + system 50 + irq 2 + softirq 3 + steal 1 = 161 ticks; idle, iowait and guest are left out.
        Assert.Equal(1_610_000_000UL, new ProcStats(proc.Root).CpuUsageNanoseconds());
    }

    [Fact]
    public void BootTime_IsBtime()
    {
        using var proc = Proc();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), new ProcStats(proc.Root).BootTime());
    }

    [Fact]
    public void Memory_IsWhatIsNotFree_WithInactiveFilePagesLeftOutOfTheWorkingSet()
    {
        using var proc = Proc();

        var memory = new ProcStats(proc.Root).Memory();

        Assert.Equal(new CgroupMemory(700 * 1024, 500 * 1024, 250 * 1024, 12345, 67, 1000 * 1024), memory);
        Assert.Equal(500UL * 1024, memory!.Value.ToApi(DateTimeOffset.UnixEpoch).AvailableBytes);
    }

    [Fact]
    public void Processes_AreThePidLimitAndTheLoadavgTaskCount()
    {
        using var proc = Proc();

        Assert.Equal((4194304L, 456L), new ProcStats(proc.Root).Processes());
    }

    [Fact]
    public void Interfaces_LeaveOutLoopback_AndReadBytesAndErrorsBothWays()
    {
        using var proc = Proc();

        var interfaces = new ProcStats(proc.Root).Interfaces(null);

        Assert.Equal(["eth0", "cni0"], interfaces.Select(i => i.Name));
        var eth0 = interfaces[0];
        Assert.Equal((1000UL, 2UL, 3000UL, 4UL), (eth0.RxBytes!.Value, eth0.RxErrors!.Value, eth0.TxBytes!.Value, eth0.TxErrors!.Value));
    }

    [Fact]
    public void Interfaces_OfAProcess_AreThoseOfItsNetworkNamespace()
    {
        using var proc = Proc();
        var stats = new ProcStats(proc.Root);

        Assert.Equal(1111UL, stats.Interfaces(42)[0].RxBytes);
        Assert.Empty(stats.Interfaces(43));
    }

    [Fact]
    public void DefaultRouteInterface_IsTheInterfaceOfDestinationZero()
    {
        using var proc = Proc();

        Assert.Equal("eth0", new ProcStats(proc.Root).DefaultRouteInterface());
    }

    [Fact]
    public void Figures_WithoutTheFiles_AreAbsent()
    {
        using var empty = new TempTree();
        var stats = new ProcStats(empty.Root);

        Assert.Null(stats.CpuUsageNanoseconds());
        Assert.Null(stats.Memory());
        Assert.Equal(DateTimeOffset.UnixEpoch, stats.BootTime());
        Assert.Equal((null, null), stats.Processes());
        Assert.Empty(stats.Interfaces(null));
    }
}
