namespace SharpKube.Scheduler.Framework;

/// <summary>The plugins a scheduler knows, by name: what profiles can enable.</summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, PluginFactory> _factories = new(StringComparer.Ordinal);

    /// <summary>The registered names.</summary>
    public IReadOnlyCollection<string> Names => _factories.Keys;

    /// <summary>Registers <paramref name="factory"/> as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public PluginRegistry Register(string name, PluginFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_factories.TryAdd(name, factory))
        {
            throw new ArgumentException($"a plugin named \"{name}\" already exists", nameof(name));
        }
        return this;
    }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>The factory of <paramref name="name"/>.</summary>
    public bool TryGet(string name, out PluginFactory factory) => _factories.TryGetValue(name, out factory!);
}
