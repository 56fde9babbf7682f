namespace SharpKube.ApiServer.Tests.Integration;

/// <summary>
/// One table kubectl printed: the header's column names and each row's cells, cut at the positions where the
/// header's columns start (kubectl pads columns with at least three spaces, and a header like
/// "NOMINATED NODE" has only one inside it).
/// </summary>
public sealed class KubectlTable
{
    private KubectlTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Each row as column name → cell text (trimmed).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>The row whose NAME column is <paramref name="name"/>.</summary>
    public IReadOnlyDictionary<string, string> Row(string name) =>
        Rows.SingleOrDefault(r => r["NAME"] == name) ?? throw new InvalidOperationException($"no row named {name} in:\n{string.Join("\n", Rows.Select(r => r["NAME"]))}");

    /// <summary>The NAME column of every row.</summary>
    public IReadOnlyList<string> Names => Rows.Select(r => r["NAME"]).ToList();

    /// <summary>Parses the one table in <paramref name="output"/>.</summary>
    public static KubectlTable Parse(string output) => ParseAll(output).Single();

    /// <summary>Parses every table in <paramref name="output"/> (kubectl separates them with a blank line).</summary>
    public static IReadOnlyList<KubectlTable> ParseAll(string output)
    {
        var tables = new List<KubectlTable>();
        var block = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            block.Add(line);
        }
        Flush();
        return tables;

        void Flush()
        {
            if (block.Count > 0)
            {
                tables.Add(FromLines(block));
                block.Clear();
            }
        }
    }

    private static KubectlTable FromLines(List<string> lines)
    {
        var header = lines[0];
        var starts = new List<int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] != ' ' && (i == 0 || (i >= 2 && header[i - 1] == ' ' && header[i - 2] == ' ')))
            {
                starts.Add(i);
            }
        }
        var columns = starts.Select((s, i) => Cut(header, s, i + 1 < starts.Count ? starts[i + 1] : int.MaxValue)).ToList();
        var rows = lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)columns
            .Select((c, i) => (c, Cell: Cut(line, starts[i], i + 1 < starts.Count ? starts[i + 1] : int.MaxValue)))
            .ToDictionary(p => p.c, p => p.Cell)).ToList();
        return new KubectlTable(columns, rows);
    }

    private static string Cut(string line, int start, int end) =>
        start >= line.Length ? "" : line[start..Math.Min(end, line.Length)].Trim();
}
