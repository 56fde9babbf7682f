using System.Text.Json;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SharpKube.Client.Events;
using SharpKube.Client.Informers;
using SharpKube.Client.Resources;

namespace SharpKube.Controllers.Deployment;

/// <summary>What the steps of a Deployment sync share: API clients, the ReplicaSet cache, events, the clock and the queue.</summary>
internal sealed class DeploymentSyncContext
{
    /// <summary>Deployments on the server.</summary>
    public required ResourceClient<V1Deployment> Deployments { get; init; }

    /// <summary>ReplicaSets on the server.</summary>
    public required ResourceClient<V1ReplicaSet> ReplicaSets { get; init; }

    /// <summary>The ReplicaSet informer's cache.</summary>
    public required Indexer<V1ReplicaSet> ReplicaSetCache { get; init; }

    /// <summary>Where events about Deployments go (component <c>deployment-controller</c>).</summary>
    public required EventRecorder Recorder { get; init; }

    /// <summary>The clock (conditions, progress deadlines).</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>The controller's logger.</summary>
    public required ILogger Logger { get; init; }

    /// <summary>Queues a Deployment key again after a delay.</summary>
    public required Action<string, TimeSpan> EnqueueAfter { get; init; }

    /// <summary>Now, by <see cref="Time"/>.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// Writes the Deployment's status (and annotations, which a Deployment status write may change) conditionally on
    /// its resourceVersion, and returns the server's copy.
    /// </summary>
    public Task<V1Deployment> UpdateStatusAsync(V1Deployment deployment, CancellationToken cancellationToken) =>
        Deployments.ReplaceStatusAsync(deployment, cancellationToken);

    /// <summary>The message of a failed API call's Status, or the exception's message.</summary>
    public static string MessageOf(Exception exception)
    {
        if (exception is HttpOperationException { Response.Content: { Length: > 0 } content })
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString() ?? exception.Message;
                }
            }
            catch (JsonException)
            {
            }
        }
        return exception.Message;
    }
}
