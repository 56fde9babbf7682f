using System.Buffers.Binary;
using System.Net;
using SharpKube.Dns.Wire;
using SharpKube.Dns.Zone;

namespace SharpKube.Dns.Tests.Wire;

public sealed class DnsMessageWriterTests
{
    [Fact]
    public void WrittenResponse_ReadsBackAsTheAnswerToItsQuestion()
    {
        var writer = new DnsMessageWriter(0x4242, 0x8580);
        writer.Question("web.default.svc.cluster.local", DnsRecordType.A, 1);
        writer.Answer(new ResourceRecord("web.default.svc.cluster.local", DnsRecordType.A, 5, RecordData.Address(IPAddress.Parse("10.43.0.7"))));
        writer.Authority(new ResourceRecord("cluster.local", DnsRecordType.SOA, 5,
            RecordData.Soa("ns.dns.cluster.local", "hostmaster.cluster.local", 1, 7200, 1800, 86400, 5)));
        writer.Opt(1232, dnssecOk: true, 0);
        var message = writer.ToArray();
        var name = new char[255];
        // The question reads back through the query parser once QR is cleared.
        var asQuery = (byte[])message.Clone();
        asQuery[2] &= 0x7F;
        BinaryPrimitives.WriteUInt16BigEndian(asQuery.AsSpan(6), 0);
        BinaryPrimitives.WriteUInt16BigEndian(asQuery.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(asQuery.AsSpan(10), 0);
        Assert.Equal(DnsQueryStatus.Ok, DnsQueryParser.Parse(asQuery, name, out var query));
        Assert.Equal("web.default.svc.cluster.local", new string(name, 0, query.NameLength));
        var question = message.AsSpan(12, query.QuestionEnd - 12).ToArray();
        var read = UpstreamResponseReader.Read(message, 0x4242, question);
        Assert.NotNull(read);
        Assert.Equal(0, read.Rcode);
        Assert.Equal(2, read.TtlOffsets.Length);
        Assert.Equal(5u, read.CacheSeconds);
        // Names are compressed: the answer's owner is a pointer to the question name.
        Assert.Equal([0xC0, 12], message[query.QuestionEnd..(query.QuestionEnd + 2)]);
    }

    [Fact]
    public void NegativeAnswer_IsCachedForTheSoaMinimum()
    {
        var writer = new DnsMessageWriter(7, 0x8583);
        writer.Question("missing.example", DnsRecordType.A, 1);
        writer.Authority(new ResourceRecord("example", DnsRecordType.SOA, 300, RecordData.Soa("ns.example", "admin.example", 1, 2, 3, 4, 60)));
        var message = writer.ToArray();
        var read = UpstreamResponseReader.Read(message, 7, Fixtures.RawDns.Name("missing.example").Concat((byte[])[0, 1, 0, 1]).ToArray());
        Assert.NotNull(read);
        Assert.Equal(3, read.Rcode);
        Assert.Equal(60u, read.CacheSeconds);
    }

    [Fact]
    public void AnswerToAnotherQuestion_IsNotTaken()
    {
        var writer = new DnsMessageWriter(7, 0x8580);
        writer.Question("other.example", DnsRecordType.A, 1);
        var message = writer.ToArray();
        Assert.Null(UpstreamResponseReader.Read(message, 7, Fixtures.RawDns.Name("wanted.example").Concat((byte[])[0, 1, 0, 1]).ToArray()));
        Assert.Null(UpstreamResponseReader.Read(message, 8, message.AsSpan(12).ToArray()));
    }
}
