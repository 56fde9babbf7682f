namespace SharpKube.Cli.Bench.Controllers;

/// <summary>A controllers benchmark run that cannot go on: a component that does not start or exits, a refused request, a phase that times out.</summary>
internal sealed class ControllersBenchException : Exception
{
    public ControllersBenchException(string message)
        : base(message)
    {
    }

    public ControllersBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
