namespace SharpKube.Cli.Bench.Storage.Results;

/// <summary>A driver that could not be measured; the others still are.</summary>
/// <param name="Driver">The driver.</param>
/// <param name="Error">What went wrong, naming the driver and the phase.</param>
internal sealed record DriverFailure(string Driver, string Error);
