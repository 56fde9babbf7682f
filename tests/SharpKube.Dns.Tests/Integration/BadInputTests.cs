using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SharpKube.Dns.Hosting;
using SharpKube.Dns.Tests.Fixtures;

namespace SharpKube.Dns.Tests.Integration;

/// <summary>Malformed and unusual messages get the answer the RFCs give them — or none — and never stop the server.</summary>
[Collection(ClusterDnsCollection.Name)]
public sealed class BadInputTests(ClusterDnsFixture fixture)
{
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);
    private IPEndPoint Server => fixture.Dns.UdpEndPoints[0];

    [Fact]
    public async Task MessageShorterThanAHeader_IsDropped()
    {
        Assert.Null(await RawDns.ExchangeAsync(Server, [0x12, 0x34, 0x01, 0x00, 0x00], Silence));
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task MessageWithQrSet_IsDropped()
    {
        Assert.Null(await RawDns.ExchangeAsync(Server, RawDns.Query("dns-version.cluster.local", 16, flags: 0x8100), Silence));
        await AssertStillAnswersAsync();
    }

    [Theory]
    [InlineData("truncated question")]
    [InlineData("pointer loop")]
    [InlineData("forward pointer")]
    [InlineData("pointer into the header")]
    [InlineData("label of 64")]
    [InlineData("name of 256")]
    [InlineData("no question")]
    [InlineData("two questions")]
    [InlineData("answer records in a query")]
    [InlineData("two OPT records")]
    [InlineData("OPT not owned by the root")]
    [InlineData("additional record running past the end")]
    public async Task MalformedQuery_IsFormerr(string shape)
    {
        var response = await RawDns.ExchangeAsync(Server, Malformed(shape));
        Assert.NotNull(response);
        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(response));
        Assert.True((response[2] & 0x80) != 0, "QR is set");
        Assert.Equal(1, RawDns.Rcode(response));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task OpcodeOtherThanQuery_IsNotimp(int opcode)
    {
        var response = await RawDns.ExchangeAsync(Server, RawDns.Query("dns-version.cluster.local", 16, flags: (ushort)(opcode << 11)));
        Assert.NotNull(response);
        Assert.Equal(4, RawDns.Rcode(response));
        Assert.Equal(opcode, (response[2] >> 3) & 0xF);
    }

    [Fact]
    public async Task ClassOtherThanIn_IsRefused()
    {
        var response = await RawDns.ExchangeAsync(Server, RawDns.Query("version.bind", 16, qclass: 3));
        Assert.NotNull(response);
        Assert.Equal(5, RawDns.Rcode(response));
        Assert.Equal(1, RawDns.Count(response, 0));
    }

    [Fact]
    public async Task UnknownType_IsNodataForAnExistingName_AndNxdomainForAMissingOne()
    {
        Assert.Equal("NOERROR", await fixture.Dig.StatusAsync("dns-version.cluster.local", "TYPE65280"));
        Assert.Empty(await fixture.Dig.ShortAsync("dns-version.cluster.local", "TYPE65280"));
        Assert.Equal("NXDOMAIN", await fixture.Dig.StatusAsync("missing.svc.cluster.local", "TYPE65280"));
    }

    [Fact]
    public async Task EdnsVersionOtherThanZero_IsBadvers()
    {
        var output = await fixture.Dig.FullAsync("dns-version.cluster.local", "TXT", "+edns=1", "+noednsneg");
        Assert.Contains("status: BADVERS", output, StringComparison.Ordinal);
        var response = await RawDns.ExchangeAsync(Server, RawDns.Query("dns-version.cluster.local", 16, edns: (1, false, 1232)));
        Assert.NotNull(response);
        // BADVERS is 16: 0 in the header, 1 in the OPT record's extended rcode.
        Assert.Equal(0, RawDns.Rcode(response));
        Assert.Equal(1, RawDns.Count(response, 3));
        Assert.Equal(1, response[^6]);
    }

    [Fact]
    public async Task OversizedQuery_IsDropped()
    {
        var query = RawDns.Query("dns-version.cluster.local", 16).Concat(new byte[5000]).ToArray();
        Assert.Null(await RawDns.ExchangeAsync(Server, query, Silence));
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task RandomGarbage_NeverStopsTheServer()
    {
        var random = new Random(20261128);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(Server, TestContext.Current.CancellationToken);
        var valid = RawDns.Query("web.default.svc.cluster.local", 33, edns: (0, true, 4096));
        for (var i = 0; i < 3000; i++)
        {
            // Half pure noise, half a valid query with a few bytes flipped.
            var packet = i % 2 == 0 ? new byte[random.Next(0, 600)] : (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(packet);
            }
            else
            {
                for (var j = 0; j < 3; j++)
                {
                    packet[random.Next(packet.Length)] = (byte)random.Next(256);
                }
            }
            await socket.SendAsync(packet, SocketFlags.None, TestContext.Current.CancellationToken);
        }
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task TcpQueryLongerThanTheLimit_ClosesTheConnection()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Dns.TcpEndPoints[0], TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(RawDns.U16(60000), TestContext.Current.CancellationToken);
        await stream.WriteAsync(new byte[5000], TestContext.Current.CancellationToken);
        Assert.True(await ClosedAsync(stream));
    }

    [Fact]
    public async Task TcpConnections_AreBoundedAndClosedWhenIdle()
    {
        await using var dns = await RunningClusterDns.StartAsync(fixture.Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [],
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = null,
            MaxTcpConnections = 2,
            TcpIdleTimeout = TimeSpan.FromMilliseconds(500),
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        using var first = new TcpClient();
        using var second = new TcpClient();
        using var third = new TcpClient();
        await first.ConnectAsync(dns.TcpEndPoints[0], TestContext.Current.CancellationToken);
        await second.ConnectAsync(dns.TcpEndPoints[0], TestContext.Current.CancellationToken);
        // Both held connections answer a query first, so the server has surely taken them on.
        foreach (var held in new[] { first, second })
        {
            var query = RawDns.Query("dns-version.cluster.local", 16);
            await held.GetStream().WriteAsync(RawDns.U16((ushort)query.Length).Concat(query).ToArray(), TestContext.Current.CancellationToken);
            Assert.True(await held.GetStream().ReadAsync(new byte[512], TestContext.Current.CancellationToken) > 0);
        }
        await third.ConnectAsync(dns.TcpEndPoints[0], TestContext.Current.CancellationToken);
        Assert.True(await ClosedAsync(third.GetStream()));
        // Idle ones are closed by the server.
        Assert.True(await ClosedAsync(first.GetStream()));
    }

    [Fact]
    public async Task ForwardsInFlight_AreBounded_AndTheRestAnsweredServfail()
    {
        // An upstream that never answers keeps every forward in flight.
        using var blackHole = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blackHole.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await using var dns = await RunningClusterDns.StartAsync(fixture.Client, new DnsOptions
        {
            ListenAddresses = [IPAddress.Loopback],
            Port = 0,
            Upstreams = [(IPEndPoint)blackHole.LocalEndPoint!],
            MetricsPort = null,
            HealthPort = null,
            ReadyPort = null,
            MaxForwardsInFlight = 2,
        }, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        var server = dns.UdpEndPoints[0];
        var pending = new[] { RawDns.ExchangeAsync(server, RawDns.Query("one.example")), RawDns.ExchangeAsync(server, RawDns.Query("two.example")) };
        await Eventually.TrueAsync(() => Task.FromResult(blackHole.Available > 0 || blackHole.Poll(0, SelectMode.SelectRead)), "the upstream is asked");
        byte[]? third = null;
        await Eventually.TrueAsync(async () =>
        {
            third = await RawDns.ExchangeAsync(server, RawDns.Query($"three-{Guid.NewGuid():N}.example"), TimeSpan.FromMilliseconds(500));
            return third is not null;
        }, "a forward beyond the bound is answered at once");
        Assert.Equal(2, RawDns.Rcode(third!));
        await Task.WhenAll(pending);
    }

    private static async Task<bool> ClosedAsync(NetworkStream stream)
    {
        // A close with unread data arrives as a reset rather than an end of stream.
        try
        {
            return await stream.ReadAsync(new byte[10], TestContext.Current.CancellationToken) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task AssertStillAnswersAsync() =>
        Assert.Equal(["\"1.1.0\""], await fixture.Dig.ShortAsync("dns-version.cluster.local", "TXT"));

    private static byte[] Malformed(string shape)
    {
        var header = (byte[])[0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        byte[] Question(params byte[] name) => [.. header, .. name, 0, 1, 0, 1];
        return shape switch
        {
            "truncated question" => [.. header, 3, (byte)'w', (byte)'e'],
            "pointer loop" => Question(0xC0, 12),
            "forward pointer" => Question(3, (byte)'a', (byte)'b', (byte)'c', 0xC0, 40),
            "pointer into the header" => Question(0xC0, 2),
            "label of 64" => Question([64, .. new byte[64].Select(_ => (byte)'a'), 0]),
            "name of 256" => Question([.. Enumerable.Repeat<byte[]>([63, .. Enumerable.Repeat((byte)'a', 63)], 4).SelectMany(l => l), 0]),
            "no question" => RawDns.Query("x.example", qdcount: 0)[..12],
            "two questions" => [.. RawDns.Query("x.example", qdcount: 2), .. RawDns.Name("y.example"), 0, 1, 0, 1],
            "answer records in a query" => Answer(RawDns.Query("x.example")),
            "two OPT records" => TwoOpts(),
            "OPT not owned by the root" => OptOwnedBy(),
            "additional record running past the end" => RawDns.Query("x.example", edns: (0, false, 1232))[..^3],
            _ => throw new ArgumentException(shape, nameof(shape)),
        };
    }

    private static byte[] Answer(byte[] query)
    {
        query[7] = 1;
        return [.. query, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 1, 2, 3, 4];
    }

    private static byte[] TwoOpts()
    {
        var query = RawDns.Query("x.example", edns: (0, false, 1232));
        query[11] = 2;
        return [.. query, 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0];
    }

    private static byte[] OptOwnedBy()
    {
        var query = RawDns.Query("x.example");
        query[11] = 1;
        return [.. query, 1, (byte)'x', 0, 0, 41, 4, 0, 0, 0, 0, 0, 0, 0];
    }
}
