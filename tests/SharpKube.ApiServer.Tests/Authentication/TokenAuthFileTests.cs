using SharpKube.ApiServer.Authentication;

namespace SharpKube.ApiServer.Tests.Authentication;

public sealed class TokenAuthFileTests
{
    [Fact]
    public void Quoted_fields_may_hold_commas_and_doubled_quotes()
    {
        var entry = Assert.Single(TokenAuthFile.Parse("\"to,ken\",\"us\"\"er\",uid,\"a,b,,c\"\n", "tokens.csv"));

        Assert.Equal("to,ken", entry.Token);
        Assert.Equal("us\"er", entry.User);
        Assert.Equal(["a", "b", "c"], entry.Groups);
    }

    [Fact]
    public void A_byte_order_mark_crlf_line_ends_and_extra_columns_are_tolerated()
    {
        var entries = TokenAuthFile.Parse("\uFEFFt1,u1,id1,g1,ignored\r\nt2,u2,id2\r\n", "tokens.csv");

        Assert.Equal(["t1", "t2"], entries.Select(e => e.Token));
        Assert.Equal("id2", entries[1].Uid);
        Assert.Equal(["g1"], entries[0].Groups);
    }

    [Fact]
    public void Records_with_an_empty_token_are_skipped()
    {
        var entries = TokenAuthFile.Parse(",nobody,uid\nt,somebody,uid\n", "tokens.csv");

        Assert.Equal("somebody", Assert.Single(entries).User);
    }

    [Fact]
    public void A_record_with_fewer_than_three_columns_names_the_file_and_line_but_not_the_token()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            TokenAuthFile.Parse("t1,u1,id1\n\nsupersecret,u2\n", "/etc/tokens.csv"));

        Assert.Contains("/etc/tokens.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("supersecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => TokenAuthFile.Parse("t1,u1,id1,\"g1\n", "tokens.csv"));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_never_shows_its_token_in_ToString()
    {
        var entry = Assert.Single(TokenAuthFile.Parse("supersecret,alice,uid\n", "tokens.csv"));

        Assert.DoesNotContain("supersecret", entry.ToString(), StringComparison.Ordinal);
    }
}
