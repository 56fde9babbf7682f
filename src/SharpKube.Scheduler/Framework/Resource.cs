using k8s.Models;

namespace SharpKube.Scheduler.Framework;

/// <summary>
/// Amounts of compute resources as plain numbers (upstream's <c>framework.Resource</c>): cpu in millicores, memory
/// and ephemeral storage in bytes, a pod count, and scalar resources (extended, hugepages, …) by name. Quantities are
/// parsed once, when a pod or node enters the scheduler, so the hot path only adds and compares longs.
/// </summary>
public sealed class Resource
{
    // Few pods or nodes have scalar resources, and those few have one or two: a small list, created on first use.
    private List<KeyValuePair<string, long>>? _scalars;

    /// <summary>CPU in millicores.</summary>
    public long MilliCpu { get; set; }

    /// <summary>Memory in bytes.</summary>
    public long Memory { get; set; }

    /// <summary>Ephemeral storage in bytes.</summary>
    public long EphemeralStorage { get; set; }

    /// <summary>The number of pods (for allocatable: how many the node takes).</summary>
    public long AllowedPodNumber { get; set; }

    /// <summary>The scalar resources with their amounts (empty when none).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ScalarResources => (IReadOnlyList<KeyValuePair<string, long>>?)_scalars ?? [];

    /// <summary>True when no cpu, memory, ephemeral storage or scalar resource is set.</summary>
    public bool IsZero => MilliCpu == 0 && Memory == 0 && EphemeralStorage == 0 && (_scalars is null || _scalars.TrueForAll(s => s.Value == 0));

    /// <summary>A resource list read into numbers (unknown, unscalar names are ignored).</summary>
    public static Resource From(IDictionary<string, ResourceQuantity>? list)
    {
        var resource = new Resource();
        resource.Add(list);
        return resource;
    }

    /// <summary>The amount of scalar resource <paramref name="name"/> (0 when absent).</summary>
    public long Scalar(string name)
    {
        if (_scalars is null)
        {
            return 0;
        }
        foreach (var (key, value) in _scalars)
        {
            if (key == name)
            {
                return value;
            }
        }
        return 0;
    }

    /// <summary>Sets scalar resource <paramref name="name"/> to <paramref name="value"/>.</summary>
    public void SetScalar(string name, long value)
    {
        _scalars ??= [];
        for (var i = 0; i < _scalars.Count; i++)
        {
            if (_scalars[i].Key == name)
            {
                _scalars[i] = new(name, value);
                return;
            }
        }
        _scalars.Add(new(name, value));
    }

    /// <summary>Adds <paramref name="value"/> to scalar resource <paramref name="name"/>.</summary>
    public void AddScalar(string name, long value) => SetScalar(name, Scalar(name) + value);

    /// <summary>Adds a resource list.</summary>
    public void Add(IDictionary<string, ResourceQuantity>? list)
    {
        if (list is null)
        {
            return;
        }
        foreach (var (name, quantity) in list)
        {
            switch (name)
            {
                case ResourceNames.Cpu:
                    MilliCpu += Quantities.MilliValue(quantity);
                    break;
                case ResourceNames.Memory:
                    Memory += Quantities.Value(quantity);
                    break;
                case ResourceNames.EphemeralStorage:
                    EphemeralStorage += Quantities.Value(quantity);
                    break;
                case ResourceNames.Pods:
                    AllowedPodNumber += Quantities.Value(quantity);
                    break;
                default:
                    if (ResourceNames.IsScalar(name))
                    {
                        AddScalar(name, Quantities.Value(quantity));
                    }
                    break;
            }
        }
    }

    /// <summary>Adds (<paramref name="sign"/> 1) or subtracts (-1) <paramref name="other"/>, pod count aside.</summary>
    public void Add(Resource other, int sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        Memory += sign * other.Memory;
        EphemeralStorage += sign * other.EphemeralStorage;
        if (other._scalars is null)
        {
            return;
        }
        foreach (var (name, value) in other._scalars)
        {
            AddScalar(name, sign * value);
        }
    }

    /// <summary>Raises each amount to <paramref name="other"/>'s where that is larger (pod count aside).</summary>
    public void SetMax(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Memory = Math.Max(Memory, other.Memory);
        EphemeralStorage = Math.Max(EphemeralStorage, other.EphemeralStorage);
        if (other._scalars is null)
        {
            return;
        }
        foreach (var (name, value) in other._scalars)
        {
            SetScalar(name, Math.Max(Scalar(name), value));
        }
    }

    /// <summary>Makes this an exact copy of <paramref name="other"/>, reusing this instance's storage.</summary>
    public void CopyFrom(Resource other)
    {
        MilliCpu = other.MilliCpu;
        Memory = other.Memory;
        EphemeralStorage = other.EphemeralStorage;
        AllowedPodNumber = other.AllowedPodNumber;
        if (other._scalars is null || other._scalars.Count == 0)
        {
            _scalars?.Clear();
            return;
        }
        _scalars ??= new List<KeyValuePair<string, long>>(other._scalars.Count);
        _scalars.Clear();
        _scalars.AddRange(other._scalars);
    }

    /// <summary>A copy.</summary>
    public Resource Clone()
    {
        var clone = new Resource();
        clone.CopyFrom(this);
        return clone;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"cpu={MilliCpu}m memory={Memory} ephemeral-storage={EphemeralStorage} pods={AllowedPodNumber}"
        + (_scalars is { Count: > 0 } ? " " + string.Join(" ", _scalars.Select(s => $"{s.Key}={s.Value}")) : "");
}
