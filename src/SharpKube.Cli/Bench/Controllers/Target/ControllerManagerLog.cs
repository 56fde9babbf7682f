using System.Text.RegularExpressions;
using SharpKube.Cli.Bench.Controllers.Results;

namespace SharpKube.Cli.Bench.Controllers.Target;

/// <summary>
/// Tallies what the controller manager logs while it is measured: lines, warnings, errors, lines that mention a
/// conflict (409 Conflict), and the first few distinct warnings and errors as samples. Lines arrive from the process's reader
/// threads, in the console logger's single-line form <c>TIMESTAMP level: Category[id] message</c>.
/// </summary>
internal sealed partial class ControllerManagerLog
{
    private const int MaxSamples = 10;
    private const int MaxSampleLength = 300;
    private const int KeyLength = 160;

    private readonly Lock _lock = new();
    private readonly List<string> _samples = [];
    private readonly HashSet<string> _sampleKeys = [];
    private long _lines;
    private long _warnings;
    private long _errors;
    private long _conflicts;

    /// <summary>Counts one line.</summary>
    public void Add(string line)
    {
        var warning = line.Contains(" warn: ", StringComparison.Ordinal);
        var error = line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal);
        // The client reports a refused write as "409 Conflict"; a bare "409" could be part of a uid.
        var conflict = line.Contains("Conflict", StringComparison.Ordinal);
        lock (_lock)
        {
            _lines++;
            _warnings += warning ? 1 : 0;
            _errors += error ? 1 : 0;
            _conflicts += conflict ? 1 : 0;
            if ((warning || error) && _samples.Count < MaxSamples)
            {
                KeepSample(line);
            }
        }
    }

    /// <summary>The counts so far.</summary>
    public ControllerManagerLogSummary Summary()
    {
        lock (_lock)
        {
            return new ControllerManagerLogSummary(_lines, _warnings, _errors, _conflicts, [.. _samples]);
        }
    }

    private void KeepSample(string line)
    {
        // Drop the timestamp; lines that differ only in names (objects, resourceVersions) count once.
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var text = space >= 0 ? line[(space + 1)..] : line;
        var key = NameWithDigit().Replace(text, "#");
        if (_sampleKeys.Add(key.Length > KeyLength ? key[..KeyLength] : key))
        {
            _samples.Add(text.Length > MaxSampleLength ? text[..MaxSampleLength] + "…" : text);
        }
    }

    // Names with a digit, five characters or more: deploy-0001, a namespace with the run id, a resourceVersion — not a status code.
    [GeneratedRegex(@"(?=[\w.-]*\d)[\w.-]{5,}")]
    private static partial Regex NameWithDigit();
}
