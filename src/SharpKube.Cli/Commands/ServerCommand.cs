using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SharpKube.Storage;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube server</c>: the all-in-one server. Today it opens the datastore and holds it open until SIGINT or
/// SIGTERM; the API server and the other components do not exist yet, and it says so when it starts.
/// </summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Where the server keeps its state (the SQLite datastore is <data-dir>/db/state.db)",
            HelpName = "DIR",
            DefaultValueFactory = _ => "/var/lib/sharpkube",
        };
        var datastore = new Option<DatastoreDriver>("--datastore")
        {
            Description = "The datastore: sqlite (embedded), etcd (external, for HA) or memory (lost on exit)",
            HelpName = "sqlite|etcd|memory",
            DefaultValueFactory = _ => DatastoreDriver.Sqlite,
        };
        var etcdEndpoints = new Option<string[]>("--etcd-endpoints")
        {
            Description = "etcd client URLs, comma-separated (with --datastore etcd)",
            HelpName = "URL,...",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        var etcdPrefix = new Option<string>("--etcd-prefix")
        {
            Description = "A prefix for every key in etcd, so clusters can share one etcd",
            HelpName = "PREFIX",
            DefaultValueFactory = _ => "",
        };

        var command = new Command("server", "Run the SharpKube server (today: the datastore only)") { dataDir, datastore, etcdEndpoints, etcdPrefix };
        command.Validators.Add(r =>
        {
            if (r.GetValue(datastore) == DatastoreDriver.Etcd && r.GetValue(etcdEndpoints) is not { Length: > 0 })
            {
                r.AddError("--datastore etcd needs --etcd-endpoints");
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(new DatastoreOptions
            {
                Driver = parseResult.GetValue(datastore),
                DataDir = parseResult.GetValue(dataDir)!,
                EtcdEndpoints = parseResult.GetValue(etcdEndpoints)!,
                EtcdKeyPrefix = parseResult.GetValue(etcdPrefix)!,
            }, parseResult.InvocationConfiguration.Output, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(DatastoreOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        }).SetMinimumLevel(LogLevel.Information));
        var logger = loggers.CreateLogger("sharpkube.server");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });

        await using var store = await Datastore.OpenAsync(options with { LoggerFactory = loggers }, stop.Token);
        var where = options.Driver switch
        {
            DatastoreDriver.Sqlite => options.SqlitePath,
            DatastoreDriver.Etcd => string.Join(",", options.EtcdEndpoints),
            _ => "memory",
        };
        logger.LogInformation("Datastore {Driver} open at {Where}, revision {Revision}",
            options.Driver.ToString().ToLowerInvariant(), where, await store.CurrentRevisionAsync(stop.Token));
        // Said on stdout too, so nobody mistakes this for a working cluster.
        await output.WriteLineAsync(
            "sharpkube server: only the datastore runs so far; the API server, scheduler, controllers, kubelet, " +
            "proxy and DNS are not implemented yet. Stop with Ctrl-C or SIGTERM.");
        await output.FlushAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        logger.LogInformation("Stopping: closing the datastore");
        return 0;
    }
}
