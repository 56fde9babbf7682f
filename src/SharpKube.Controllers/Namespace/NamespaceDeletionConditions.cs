using System.Globalization;
using k8s.Models;

namespace SharpKube.Controllers.Namespace;

/// <summary>
/// The five conditions a terminating namespace carries, with upstream's types, reasons and messages: each pass
/// reports what failed or remains, and every condition not reported is set to its "all is well" form (False).
/// </summary>
internal sealed class NamespaceDeletionConditions
{
    /// <summary>Discovery could not read some group versions.</summary>
    public const string DiscoveryFailure = "NamespaceDeletionDiscoveryFailure";

    /// <summary>Some group versions could not be parsed.</summary>
    public const string GroupVersionParsingFailure = "NamespaceDeletionGroupVersionParsingFailure";

    /// <summary>Deleting some resources failed.</summary>
    public const string ContentFailure = "NamespaceDeletionContentFailure";

    /// <summary>Objects remain in the namespace.</summary>
    public const string ContentRemaining = "NamespaceContentRemaining";

    /// <summary>Objects that remain wait for finalizers.</summary>
    public const string FinalizersRemaining = "NamespaceFinalizersRemaining";

    private static readonly (string Type, string Reason, string Message)[] Healthy =
    [
        (DiscoveryFailure, "ResourcesDiscovered", "All resources successfully discovered"),
        (GroupVersionParsingFailure, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        (ContentFailure, "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        (ContentRemaining, "ContentRemoved", "All content successfully removed"),
        (FinalizersRemaining, "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
    ];

    private readonly Dictionary<string, (string Reason, string Message)> _failing = new(StringComparer.Ordinal);
    private readonly List<string> _contentErrors = [];

    /// <summary>Reports group versions discovery could not read.</summary>
    public void DiscoveryFailed(IReadOnlyList<string> failedGroups) =>
        _failing[DiscoveryFailure] = ("DiscoveryFailed", string.Create(CultureInfo.InvariantCulture,
            $"Discovery failed for some groups, {failedGroups.Count} failing: unable to retrieve the complete list of server APIs: {string.Join(", ", failedGroups.Order(StringComparer.Ordinal))}"));

    /// <summary>Reports group versions that could not be parsed.</summary>
    public void GroupVersionsUnparsable(IReadOnlyList<string> groupVersions) =>
        _failing[GroupVersionParsingFailure] = ("GroupVersionParsingFailed",
            string.Join(", ", groupVersions.Select(gv => $"unexpected GroupVersion string: {gv}")));

    /// <summary>Reports that deleting one resource's objects failed.</summary>
    public void ContentDeletionFailed(string error) => _contentErrors.Add(error);

    /// <summary>Reports how many objects remain per resource (<c>pods.</c>, <c>deployments.apps</c>) and per finalizer.</summary>
    public void Remaining(IReadOnlyDictionary<string, int> byResource, IReadOnlyDictionary<string, int> byFinalizer)
    {
        if (byResource.Count > 0)
        {
            var items = byResource.Where(r => r.Value > 0)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} has {r.Value} resource instances"))
                .Order(StringComparer.Ordinal);
            _failing[ContentRemaining] = ("SomeResourcesRemain", "Some resources are remaining: " + string.Join(", ", items));
        }
        if (byFinalizer.Count > 0)
        {
            var items = byFinalizer.Where(f => f.Value > 0)
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} in {f.Value} resource instances"))
                .Order(StringComparer.Ordinal);
            _failing[FinalizersRemaining] = ("SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + string.Join(", ", items));
        }
    }

    /// <summary>Writes the conditions into <paramref name="status"/>; true when anything changed.</summary>
    public bool ApplyTo(V1NamespaceStatus status, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (_contentErrors.Count > 0)
        {
            _failing[ContentFailure] = ("ContentDeletionFailed", string.Create(CultureInfo.InvariantCulture,
                $"Failed to delete all resource types, {_contentErrors.Count} remaining: {string.Join(", ", _contentErrors.Order(StringComparer.Ordinal))}"));
        }
        status.Conditions ??= [];
        var changed = false;
        foreach (var (type, okReason, okMessage) in Healthy)
        {
            var (wantStatus, reason, message) = _failing.TryGetValue(type, out var failing)
                ? ("True", failing.Reason, failing.Message)
                : ("False", okReason, okMessage);
            var existing = status.Conditions.FirstOrDefault(c => c.Type == type);
            if (existing is null)
            {
                status.Conditions.Add(new V1NamespaceCondition
                {
                    Type = type, Status = wantStatus, Reason = reason, Message = message, LastTransitionTime = now,
                });
                changed = true;
            }
            else if (existing.Status != wantStatus || existing.Reason != reason || existing.Message != message)
            {
                if (existing.Status != wantStatus)
                {
                    existing.LastTransitionTime = now;
                }
                existing.Status = wantStatus;
                existing.Reason = reason;
                existing.Message = message;
                changed = true;
            }
        }
        return changed;
    }
}
