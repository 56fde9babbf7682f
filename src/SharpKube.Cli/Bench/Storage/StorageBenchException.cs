namespace SharpKube.Cli.Bench.Storage;

/// <summary>The storage benchmark could not finish, for a reason to show the user in one line.</summary>
internal sealed class StorageBenchException : Exception
{
    public StorageBenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
