using System.CommandLine;
using System.CommandLine.Parsing;

namespace SharpKube.Cli.Commands.Bench;

/// <summary>The options and command-line handling every <c>sharpkube bench …</c> subcommand shares.</summary>
internal static class BenchOptions
{
    /// <summary>An integer option <paramref name="name"/> that must lie between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(r => RequireRange(r, name, min, max));
        return option;
    }

    /// <summary>Adds an error unless the option's integer lies between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static void RequireRange(OptionResult result, string name, int min, int max)
    {
        if (Parsed<int>(result) is { } value && (value < min || value > max))
        {
            result.AddError($"{name} must be between {min} and {max}, not {value}");
        }
    }

    /// <summary>
    /// The option's value, or null when its text does not convert (the parser reports that error itself; reading the
    /// value would throw).
    /// </summary>
    public static T? Parsed<T>(OptionResult result)
        where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary><c>--json FILE</c>: where to write the JSON results as well; its directory must exist.</summary>
    public static Option<string?> JsonFile()
    {
        var json = new Option<string?>("--json")
        {
            Description = "Also write the JSON results to this file",
            HelpName = "FILE",
        };
        json.Validators.Add(r =>
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(r.GetValueOrDefault<string?>() ?? "."));
            if (directory is not null && !Directory.Exists(directory))
            {
                r.AddError($"--json: directory {directory} does not exist");
            }
        });
        return json;
    }

    /// <summary>The command line as given, for the report (arguments with spaces quoted).</summary>
    public static string CommandLineText(ParseResult parseResult) =>
        "sharpkube " + string.Join(' ', parseResult.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"'{t.Value}'" : t.Value));
}
