using System.CommandLine;
using System.Net;
using k8s;
using Microsoft.Extensions.Logging;
using Prometheus;
using SharpKube.Scheduler.Configuration;
using SharpKube.Scheduler.Hosting;
using SharpKube.Scheduler.Metrics;
using SharpKube.Scheduler.Plugins;

namespace SharpKube.Cli.Commands;

/// <summary>
/// <c>sharpkube scheduler --kubeconfig F</c>: the scheduler alone, against any API server, with upstream's leader
/// election over the <c>kube-system/kube-scheduler</c> Lease. It stops on SIGINT or SIGTERM (releasing the Lease) and
/// exits with 1 when it loses leadership, as upstream's does. <c>--metrics-bind-address</c> serves its Prometheus
/// metrics over plain HTTP at <c>/metrics</c>. <c>--config F</c> reads a <c>KubeSchedulerConfiguration</c> (profiles,
/// plugins, backoff, leader election, <c>clientConnection.kubeconfig</c>); <c>--kubeconfig</c> given as well wins over the
/// file's kubeconfig, and <c>--leader-elect</c> is refused alongside it (the file says it).
/// </summary>
internal static class SchedulerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string>("--kubeconfig")
        {
            Description = "The kubeconfig to reach the API server with (its identity is the scheduler's)",
            HelpName = "FILE",
        };
        var config = new Option<string?>("--config")
        {
            Description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) YAML or JSON file: profiles, plugins, backoff, leader election",
            HelpName = "FILE",
        };
        var leaderElect = new Option<bool>("--leader-elect")
        {
            Description = "Take part in leader election over the kube-system/kube-scheduler Lease, so that one instance schedules",
            HelpName = "true|false",
            DefaultValueFactory = _ => true,
        };
        var metricsAddress = new Option<string?>("--metrics-bind-address")
        {
            Description = "Serve Prometheus metrics over HTTP at http://HOST:PORT/metrics (off when not given)",
            HelpName = "HOST:PORT",
        };
        var command = new Command("scheduler", "Run the scheduler alone against an API server") { kubeconfig, config, leaderElect, metricsAddress };
        command.Validators.Add(r =>
        {
            try
            {
                var configFile = r.GetValue(config);
                if (configFile is null && r.GetValue(kubeconfig) is null)
                {
                    r.AddError("Option '--kubeconfig' is required (or --config with clientConnection.kubeconfig)");
                }
                if (configFile is not null && !File.Exists(configFile))
                {
                    r.AddError($"--config: there is no file \"{configFile}\"");
                }
                if (configFile is not null && r.GetResult(leaderElect) is { Implicit: false })
                {
                    // As upstream, where the flag is deprecated in favour of the file: one place says it, not two that may disagree.
                    r.AddError("--leader-elect cannot be combined with --config: set leaderElection.leaderElect in the file");
                }
                if (r.GetValue(kubeconfig) is { Length: > 0 } path && !File.Exists(path))
                {
                    r.AddError($"--kubeconfig: there is no file \"{path}\"");
                }
                if (r.GetValue(metricsAddress) is { } address && !TryParseEndpoint(address, out _))
                {
                    r.AddError($"--metrics-bind-address: \"{address}\" is not HOST:PORT");
                }
            }
            catch (InvalidOperationException)
            {
                // A value that does not parse (or is given twice) is reported by the parser itself.
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExpectedErrors.ReportAsync(parseResult.InvocationConfiguration.Error, () =>
            RunAsync(parseResult.GetValue(kubeconfig), parseResult.GetValue(config), parseResult.GetValue(metricsAddress),
                new SchedulerOptions { LeaderElect = parseResult.GetValue(leaderElect), Metrics = new SchedulerMetrics() }, cancellationToken)));
        return command;
    }

    private static bool TryParseEndpoint(string text, out (string Host, int Port) endpoint)
    {
        endpoint = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            return false;
        }
        var host = text[..colon].Trim('[', ']');
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            return false;
        }
        endpoint = (host, port);
        return true;
    }

    private static async Task<int> RunAsync(string? kubeconfig, string? configFile, string? metricsAddress, SchedulerOptions options,
        CancellationToken cancellationToken)
    {
        if (configFile is not null)
        {
            // Read and validated before anything starts, so a bad file fails at once with every problem it has.
            var file = SchedulerConfigurationParser.Load(configFile, InTreePlugins.CreateRegistry());
            options = file.ApplyTo(options);
            kubeconfig ??= file.ClientConnection.Kubeconfig is { Length: > 0 } fromFile ? fromFile : null;
        }
        if (kubeconfig is null)
        {
            throw new InvalidDataException($"no kubeconfig: give --kubeconfig or set clientConnection.kubeconfig in {configFile}");
        }
        var configuration = ComponentKubeconfig.Load(kubeconfig);
        using var loggers = ConsoleLogging.Create();
        var logger = loggers.CreateLogger("scheduler");
        using var stop = new StopSignals(cancellationToken);
        using var client = new Kubernetes(configuration);
        using var metricServer = metricsAddress is not null && TryParseEndpoint(metricsAddress, out var endpoint)
            ? new MetricServer(endpoint.Host, endpoint.Port, "metrics/", options.Metrics!.Registry)
            : null;
        metricServer?.Start();
        logger.LogInformation("Scheduler {Identity} starting against {Server} (leader election {LeaderElection}{Metrics})",
            options.Identity, configuration.Host, options.LeaderElect ? "on" : "off",
            metricsAddress is null ? "" : $"; metrics at http://{metricsAddress}/metrics");
        await KubeScheduler.RunAsync(client, options, loggers, stop.Token);
        if (stop.Token.IsCancellationRequested)
        {
            logger.LogInformation("Stopping");
            return 0;
        }
        logger.LogError("Leader election lost: exiting");
        return 1;
    }
}
