using System.Text;

namespace SharpKube.ApiServer.Authentication;

/// <summary>
/// Reads the upstream <c>--token-auth-file</c> format: CSV records of at least three columns
/// <c>token,user,uid</c> and an optional fourth, a comma-separated group list (quoted: <c>"group1,group2"</c>).
/// Fields may be double-quoted (<c>""</c> escapes a quote), leading spaces are ignored, blank lines skipped,
/// records with an empty token skipped, and columns past the fourth ignored.
/// </summary>
internal static class TokenAuthFile
{
    /// <summary>Reads and parses the file.</summary>
    /// <exception cref="InvalidDataException">A record has fewer than three columns or a quote is not closed.</exception>
    public static IReadOnlyList<TokenAuthFileEntry> Read(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        return Parse(text, path);
    }

    /// <summary>Parses file contents; <paramref name="source"/> names the file in errors.</summary>
    public static IReadOnlyList<TokenAuthFileEntry> Parse(string text, string source)
    {
        var entries = new List<TokenAuthFileEntry>();
        var position = 0;
        var line = 1;
        if (text.StartsWith('\uFEFF'))
        {
            position = 1;
        }

        while (position < text.Length)
        {
            var recordLine = line;
            var fields = ReadRecord(text, ref position, ref line, source);
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count < 3)
            {
                // The record is not echoed: its first column may be a token.
                throw new InvalidDataException(
                    $"Token file '{source}' line {recordLine}: expected at least 3 columns (token, user name, uid), found {fields.Count}.");
            }

            if (fields[0].Length == 0)
            {
                continue;
            }

            var groups = fields.Count > 3
                ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries)
                : [];
            entries.Add(new TokenAuthFileEntry(fields[0], fields[1], fields[2], groups));
        }

        return entries;
    }

    private static List<string> ReadRecord(string text, ref int position, ref int line, string source)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var atFieldStart = true;
        while (position < text.Length)
        {
            var c = text[position++];
            if (atFieldStart && c is ' ' or '\t')
            {
                continue;
            }

            if (atFieldStart && c == '"')
            {
                ReadQuoted(text, ref position, ref line, field, source);
                atFieldStart = false;
                continue;
            }

            atFieldStart = false;
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\n':
                    line++;
                    fields.Add(field.ToString().TrimEnd('\r'));
                    return fields;
                default:
                    field.Append(c);
                    break;
            }
        }

        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }

    private static void ReadQuoted(string text, ref int position, ref int line, StringBuilder field, string source)
    {
        var startLine = line;
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                if (position < text.Length && text[position] == '"')
                {
                    field.Append('"');
                    position++;
                    continue;
                }

                return;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
        }

        throw new InvalidDataException($"Token file '{source}' line {startLine}: a quoted field is not closed.");
    }
}
