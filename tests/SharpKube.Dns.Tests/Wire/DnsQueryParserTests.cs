using SharpKube.Dns.Tests.Fixtures;
using SharpKube.Dns.Wire;

namespace SharpKube.Dns.Tests.Wire;

public sealed class DnsQueryParserTests
{
    [Fact]
    public void Query_IsParsedIntoIdTypeClassAndLowerCasedName()
    {
        var message = RawDns.Query("Web.Default.SVC.cluster.local", type: 33, id: 0xBEEF);
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(message, name, out var query));
        Assert.Equal(0xBEEF, query.Id);
        Assert.Equal(33, query.Type);
        Assert.Equal(1, query.Class);
        Assert.True(query.RecursionDesired);
        Assert.Equal("web.default.svc.cluster.local", new string(name, 0, query.NameLength));
        Assert.Equal(message.Length, query.QuestionEnd);
        Assert.False(query.HasEdns);
        Assert.Equal(512, query.UdpPayloadSize);
    }

    [Fact]
    public void OptRecord_GivesPayloadSizeAndDoBit()
    {
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(RawDns.Query("example", edns: (0, true, 4096)), name, out var query));
        Assert.True(query.HasEdns);
        Assert.True(query.DnssecOk);
        Assert.Equal(4096, query.UdpPayloadSize);
        Assert.Equal(3, query.EdnsFlags);
    }

    [Fact]
    public void RootName_IsEmpty()
    {
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(RawDns.Query("."), name, out var query));
        Assert.Equal(0, query.NameLength);
    }

    [Fact]
    public void DotInsideALabel_CannotMatchADottedName()
    {
        byte[] message = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, (byte)'a', (byte)'.', (byte)'b', 0, 0, 1, 0, 1];
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(message, name, out var query));
        Assert.Equal("a" + DnsNameReader.EscapedDot + "b", new string(name, 0, query.NameLength));
    }

    [Fact]
    public void SmallestMessages_AreSortedIntoDropAndFormerr()
    {
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Drop, DnsQueryParser.Parse(new byte[11], name, out _));
        Assert.Equal(DnsQueryStatus.FormatError, DnsQueryParser.Parse(new byte[12], name, out _));
    }

    [Fact]
    public void NameOf255Octets_IsAccepted_And256Refused()
    {
        // Four labels: 1+63, 1+63, 1+63, 1+61 and the root: 255 octets.
        var longest = string.Join('.', new string('a', 63), new string('b', 63), new string('c', 63), new string('d', 61));
        var name = new char[255];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(RawDns.Query(longest), name, out var query));
        Assert.Equal(longest, new string(name, 0, query.NameLength));
        Assert.Equal(DnsQueryStatus.FormatError, DnsQueryParser.Parse(RawDns.Query(longest + "d"), name, out _));
    }

    [Fact]
    public void BackwardPointer_InAnAdditionalRecordName_IsFollowed()
    {
        var query = RawDns.Query("x.example");
        query[11] = 1;
        // An A record owned by the question name (pointer to offset 12) in the additional section is skipped over.
        byte[] message = [.. query, 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 1, 2, 3, 4];
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(message, new char[255], out _));
    }
}
