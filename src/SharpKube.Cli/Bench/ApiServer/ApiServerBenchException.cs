namespace SharpKube.Cli.Bench.ApiServer;

/// <summary>The API server benchmark could not finish, for a reason to show the user in one line.</summary>
internal sealed class ApiServerBenchException : Exception
{
    public ApiServerBenchException(string message)
        : base(message)
    {
    }

    public ApiServerBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
