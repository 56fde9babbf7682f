using Microsoft.Extensions.Logging;

namespace SharpKube.Controllers.Tests.Fixtures;

/// <summary>
/// Writes log lines to the output of the test that is running when the provider is created, so a failing test
/// shows what the controllers did.
/// </summary>
public sealed class TestOutputLoggerProvider : ILoggerProvider
{
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    /// <summary>A logger factory writing to the current test's output at Information and above.</summary>
    public static ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider()).SetMinimumLevel(LogLevel.Information));

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new OutputLogger(_output, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class OutputLogger(ITestOutputHelper? output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => output is not null && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            try
            {
                output!.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}
