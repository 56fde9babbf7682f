using SharpKube.Cli.Bench.Dns.Target;

namespace SharpKube.Cli.Tests.Bench.Dns;

public sealed class DnsProbeTests
{
    [Fact]
    public void Query_IsOneQuestionForTheNamesARecordWithoutRecursion()
    {
        var query = DnsProbe.Query(0x1234, "svc-1.ns.svc.cluster.local");

        Assert.Equal(
            [
                0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                5, (byte)'s', (byte)'v', (byte)'c', (byte)'-', (byte)'1', 2, (byte)'n', (byte)'s', 3, (byte)'s', (byte)'v', (byte)'c',
                7, (byte)'c', (byte)'l', (byte)'u', (byte)'s', (byte)'t', (byte)'e', (byte)'r', 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0,
                0, 1, 0, 1,
            ],
            query);
    }

    [Fact]
    public void Parse_OfAnAnswerWithACompressedOwnerName_ReadsTheAddress()
    {
        // The query as asked, turned into a response (QR, AA; one answer) with the answer's owner a pointer to the question.
        var query = DnsProbe.Query(7, "a.b");
        byte[] response =
        [
            .. query[..2], 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0, .. query[12..],
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 10, 43, 0, 17,
        ];

        var answer = DnsProbe.Parse(response);

        Assert.Equal(0, answer.ResponseCode);
        Assert.Equal(["10.43.0.17"], answer.Addresses);
    }

    [Fact]
    public void Parse_OfANameErrorWithoutAnswers_ReadsTheResponseCode()
    {
        var query = DnsProbe.Query(7, "missing.b");
        byte[] response = [.. query[..2], 0x84, 0x03, .. query[4..]];

        var answer = DnsProbe.Parse(response);

        Assert.Equal(3, answer.ResponseCode);
        Assert.Empty(answer.Addresses);
    }

    [Fact]
    public void Parse_OfAResponseCutInsideItsAnswer_ThrowsInvalidData()
    {
        var query = DnsProbe.Query(7, "a.b");
        byte[] response = [.. query[..2], 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0, .. query[12..], 0xC0, 12, 0, 1];

        Assert.Throws<InvalidDataException>(() => DnsProbe.Parse(response));
    }
}
