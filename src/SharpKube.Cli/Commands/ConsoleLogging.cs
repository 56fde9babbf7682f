using Microsoft.Extensions.Logging;

namespace SharpKube.Cli.Commands;

/// <summary>The console logging every long-running command uses: one UTC-stamped line per event.</summary>
internal static class ConsoleLogging
{
    /// <summary>A logger factory writing single lines to the console at Information and above.</summary>
    public static ILoggerFactory Create() => LoggerFactory.Create(b => b.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        o.UseUtcTimestamp = true;
    }).SetMinimumLevel(LogLevel.Information)
        // Kestrel's per-request lines are noise at the default verbosity (upstream logs requests only at -v=3+).
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning));
}
