using k8s;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;

namespace SharpKube.Controllers.Manager;

/// <summary>What every controller is built from: the client, the shared informers, event recorders and settings.</summary>
public sealed class ControllerContext
{
    private readonly List<EventRecorder> _recorders = [];

    /// <summary>Creates the context.</summary>
    public ControllerContext(Kubernetes client, SharedInformerFactory informers, ControllerManagerOptions options, ILoggerFactory loggerFactory)
    {
        Client = client;
        Informers = informers;
        Options = options;
        LoggerFactory = loggerFactory;
    }

    /// <summary>The API client (the controller manager's identity).</summary>
    public Kubernetes Client { get; }

    /// <summary>The informers shared by all controllers: one watch per resource.</summary>
    public SharedInformerFactory Informers { get; }

    /// <summary>The settings.</summary>
    public ControllerManagerOptions Options { get; }

    /// <summary>Where controllers log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => Options.Time;

    /// <summary>The recorders created so far; the controller manager runs them.</summary>
    public IReadOnlyList<EventRecorder> Recorders => _recorders;

    /// <summary>An event recorder whose events name <paramref name="component"/> as their source (e.g. <c>deployment-controller</c>).</summary>
    public EventRecorder EventRecorder(string component)
    {
        var recorder = new EventRecorder(Client, new EventRecorderOptions { Component = component, ReportingInstance = Options.Identity },
            LoggerFactory.CreateLogger<EventRecorder>());
        lock (_recorders)
        {
            _recorders.Add(recorder);
        }
        return recorder;
    }
}
