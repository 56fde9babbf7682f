using System.Text.Json.Nodes;
using SharpKube.ApiMachinery.Errors;
using SharpKube.ApiServer.Registry.Json;
using SharpKube.ApiServer.Registry.Validation;

namespace SharpKube.ApiServer.Registry.Leases;

/// <summary>coordination.k8s.io/v1 Lease: a positive lease duration and non-negative transitions.</summary>
public sealed class LeaseStrategy : ResourceStrategy
{
    /// <summary>The shared instance.</summary>
    public static LeaseStrategy Instance { get; } = new();

    /// <inheritdoc/>
    public override void Validate(JsonObject obj, FieldErrorList errors)
    {
        var spec = obj.GetObject("spec");
        if (spec?.GetInt64("leaseDurationSeconds") is <= 0 and var duration)
        {
            errors.Invalid("spec.leaseDurationSeconds", duration, "must be greater than 0");
        }
        FieldRules.NonNegative(spec?.GetInt64("leaseTransitions"), "spec.leaseTransitions", errors);
    }
}
