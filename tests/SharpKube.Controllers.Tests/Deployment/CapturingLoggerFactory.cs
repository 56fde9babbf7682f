using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SharpKube.Controllers.Tests.Deployment;

/// <summary>A logger factory that keeps every warning and error logged, for tests that assert on what went wrong.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The formatted warnings and errors, in order.</summary>
    public IReadOnlyCollection<string> Messages => _messages;

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(_messages);

    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
