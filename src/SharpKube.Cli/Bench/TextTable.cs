using System.Text;

namespace SharpKube.Cli.Bench;

/// <summary>A plain-text table: a header row, then rows; the first column left-aligned, the others right-aligned.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> _rows = [];
    private readonly int _columns;

    public TextTable(params string[] header)
    {
        _columns = header.Length;
        _rows.Add(header);
    }

    /// <summary>Adds a row; missing cells are blank.</summary>
    public void Add(params string[] cells)
    {
        var row = new string[_columns];
        for (var i = 0; i < _columns; i++)
        {
            row[i] = i < cells.Length ? cells[i] : "";
        }

        _rows.Add(row);
    }

    /// <summary>Renders the table, one line per row.</summary>
    public override string ToString()
    {
        var widths = new int[_columns];
        foreach (var row in _rows)
        {
            for (var i = 0; i < _columns; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in _rows)
        {
            text.Append(row[0].PadRight(widths[0]));
            for (var i = 1; i < _columns; i++)
            {
                text.Append("  ").Append(row[i].PadLeft(widths[i]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
