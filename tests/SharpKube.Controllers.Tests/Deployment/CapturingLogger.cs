using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SharpKube.Controllers.Tests.Deployment;

/// <summary>Adds warnings and errors to a shared queue.</summary>
public sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
{
    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            messages.Enqueue(formatter(state, exception));
        }
    }
}
