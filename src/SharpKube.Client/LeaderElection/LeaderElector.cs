using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SharpKube.Client.LeaderElection;

/// <summary>
/// Leader election over a Lease, with upstream's semantics. A candidate takes the Lease when it has no holder or
/// when the holder has not renewed it for a lease duration of this candidate's own clock (so clock skew between
/// machines does not matter); taking it from another holder sets <c>acquireTime</c> and increments
/// <c>leaseTransitions</c>. The leader renews every retry period and gives up when it could not renew within the
/// renew deadline. Every write is conditional on the resourceVersion read, so two candidates never both win.
/// </summary>
public sealed class LeaderElector
{
    private const double JitterFactor = 1.2;
    private readonly LeaderElectorOptions _options;
    private readonly LeaseLock _lock;
    private readonly ILogger _logger;
    private string? _observedResourceVersion;
    private DateTimeOffset _observedTime;
    private volatile string _leader = "";
    private volatile bool _isLeader;

    /// <summary>A candidate for <paramref name="options"/>' Lease.</summary>
    /// <exception cref="ArgumentException">The timings are inconsistent (lease ≤ renew deadline, or renew deadline ≤ 1.2 × retry period).</exception>
    public LeaderElector(IKubernetes client, LeaderElectorOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.LeaseDuration <= options.RenewDeadline)
        {
            throw new ArgumentException("the lease duration must be longer than the renew deadline", nameof(options));
        }
        if (options.RenewDeadline <= options.RetryPeriod * JitterFactor)
        {
            throw new ArgumentException($"the renew deadline must be longer than {JitterFactor} × the retry period", nameof(options));
        }
        _options = options;
        _lock = new LeaseLock(client, options.LeaseNamespace, options.LeaseName);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>True while this candidate holds the Lease.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>The holder last observed on the Lease (empty when none).</summary>
    public string Leader => _leader;

    /// <summary>
    /// Campaigns until this candidate leads, runs <see cref="LeaderElectorOptions.OnStartedLeading"/> while renewing,
    /// and returns when leadership is lost or <paramref name="cancellationToken"/> is cancelled — after the leading
    /// work has finished (it must honour its token), the Lease was released if asked, and
    /// <see cref="LeaderElectorOptions.OnStoppedLeading"/> ran.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }
        _isLeader = true;
        _logger.LogInformation("{Identity} acquired lease {Namespace}/{Name}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => _options.OnStartedLeading(leading.Token), CancellationToken.None);
        try
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await leading.CancelAsync().ConfigureAwait(false);
            await AwaitLeadingWorkAsync(work).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested && _options.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            _isLeader = false;
            _options.OnStoppedLeading?.Invoke();
        }
    }

    /// <summary>Tries every retry period (jittered) until the Lease is this candidate's: true, or false when cancelled.</summary>
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
            var jittered = _options.RetryPeriod * (1 + Random.Shared.NextDouble() * JitterFactor);
            if (!await DelayAsync(jittered, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Renews every retry period; returns when cancelled, or when renewal failed past the deadline or another holder took over.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        var time = _options.Time;
        var lastRenewed = time.GetUtcNow();
        while (await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
        {
            var remaining = _options.RenewDeadline - (time.GetUtcNow() - lastRenewed);
            using var attempt = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            if (await TryAcquireOrRenewAsync(linked.Token).ConfigureAwait(false))
            {
                lastRenewed = time.GetUtcNow();
                continue;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (_leader.Length > 0 && _leader != _options.Identity)
            {
                _logger.LogWarning("{Identity} lost lease {Name} to {Leader}", _options.Identity, _options.LeaseName, _leader);
                return;
            }
            if (time.GetUtcNow() - lastRenewed >= _options.RenewDeadline)
            {
                _logger.LogWarning("{Identity} could not renew lease {Name} within {Deadline}", _options.Identity, _options.LeaseName, _options.RenewDeadline);
                return;
            }
        }
    }

    /// <summary>One attempt: create, take over or renew the Lease. False when it is held by another valid holder or the write lost a race.</summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _options.Time.GetUtcNow();
            var lease = await _lock.GetAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return Observe(await _lock.CreateAsync(NewSpec(now, null), cancellationToken).ConfigureAwait(false), now);
            }
            Observe(lease, now);
            var spec = lease.Spec ?? new V1LeaseSpec();
            var holder = spec.HolderIdentity ?? "";
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_options.LeaseDuration.TotalSeconds);
            if (holder.Length > 0 && holder != _options.Identity && _observedTime + duration > now)
            {
                return false;
            }
            return Observe(await _lock.UpdateAsync(lease, NewSpec(now, spec), cancellationToken).ConfigureAwait(false), now);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
#pragma warning disable CA1031 // Any failure to reach the Lease is a failed attempt; the loops retry and enforce the deadline.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "{Identity}: reaching lease {Namespace}/{Name} failed", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            return false;
        }
    }

    /// <summary>The spec that makes this candidate the holder, given the current one (null: a new Lease).</summary>
    private V1LeaseSpec NewSpec(DateTimeOffset now, V1LeaseSpec? current)
    {
        var renewing = current?.HolderIdentity == _options.Identity;
        return new V1LeaseSpec
        {
            HolderIdentity = _options.Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            AcquireTime = renewing ? current!.AcquireTime : now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = current is null ? 0 : (current.LeaseTransitions ?? 0) + (renewing ? 0 : 1),
        };
    }

    /// <summary>Records the Lease as observed now if it changed since last seen; true when it was given.</summary>
    private bool Observe(V1Lease? lease, DateTimeOffset now)
    {
        if (lease is null)
        {
            return false;
        }
        if (lease.Metadata?.ResourceVersion != _observedResourceVersion)
        {
            _observedResourceVersion = lease.Metadata?.ResourceVersion;
            _observedTime = now;
        }
        var holder = lease.Spec?.HolderIdentity ?? "";
        if (holder != _leader)
        {
            _leader = holder;
            _options.OnNewLeader?.Invoke(holder);
        }
        return true;
    }

    /// <summary>Clears the holder so another candidate can take over at once; keeps the transition count.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _options.Time);
        try
        {
            var lease = await _lock.GetAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != _options.Identity)
            {
                return;
            }
            var now = _options.Time.GetUtcNow().UtcDateTime;
            var released = new V1LeaseSpec
            {
                LeaseDurationSeconds = 1,
                AcquireTime = now,
                RenewTime = now,
                LeaseTransitions = lease.Spec.LeaseTransitions,
            };
            if (await _lock.UpdateAsync(lease, released, timeout.Token).ConfigureAwait(false) is not null)
            {
                _logger.LogInformation("{Identity} released lease {Namespace}/{Name}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
            }
        }
#pragma warning disable CA1031 // Releasing is a courtesy: if it fails, the Lease simply expires.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogWarning(e, "{Identity}: releasing lease {Name} failed", _options.Identity, _options.LeaseName);
        }
    }

    private async Task AwaitLeadingWorkAsync(Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
#pragma warning disable CA1031 // The leading work is the caller's code: its failure is logged here, once, and does not stop the release.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "{Identity}: the leading work failed", _options.Identity);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _options.Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
