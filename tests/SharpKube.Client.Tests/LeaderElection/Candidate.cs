using k8s;
using SharpKube.Client.LeaderElection;

namespace SharpKube.Client.Tests.LeaderElection;

/// <summary>A running <see cref="LeaderElector"/> with what it went through, for tests.</summary>
public sealed class Candidate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private int _started;
    private int _stopped;
    private volatile bool _workCancelled;

    public Candidate(IKubernetes client, string identity, string leaseName, TimeSpan leaseDuration, bool releaseOnCancel, Action<string> onLeading)
    {
        Elector = new LeaderElector(client, new LeaderElectorOptions
        {
            LeaseNamespace = "default",
            LeaseName = leaseName,
            Identity = identity,
            LeaseDuration = leaseDuration,
            RenewDeadline = leaseDuration * 0.75,
            RetryPeriod = TimeSpan.FromMilliseconds(250),
            ReleaseOnCancel = releaseOnCancel,
            OnStartedLeading = async ct =>
            {
                Interlocked.Increment(ref _started);
                onLeading(identity);
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    _workCancelled = true;
                }
            },
            OnStoppedLeading = () => Interlocked.Increment(ref _stopped),
        });
        _run = Task.Run(() => Elector.RunAsync(_stop.Token));
    }

    public LeaderElector Elector { get; }

    public int Started => Volatile.Read(ref _started);

    public int Stopped => Volatile.Read(ref _stopped);

    public bool WorkCancelled => _workCancelled;

    public bool Finished => _run.IsCompleted;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
