using k8s;
using k8s.Models;
using SharpKube.Client.Informers;

namespace SharpKube.Client.Tests.Informers;

/// <summary>Records what an informer tells its handler, as lines like <c>ADD a</c>, <c>UPDATE a</c>, <c>DELETE a</c>.</summary>
public sealed class HandlerLog<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Line, T Object)> _entries = [];

    public HandlerLog()
    {
        Handler = new ResourceEventHandler<T>
        {
            OnAdd = obj => Record("ADD", obj),
            OnUpdate = (old, obj) =>
            {
                Assert.Equal(old.Metadata.Name, obj.Metadata.Name);
                Record("UPDATE", obj);
            },
            OnDelete = obj => Record("DELETE", obj),
        };
    }

    public ResourceEventHandler<T> Handler { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The object recorded with a line, the last time it appeared.</summary>
    public T ObjectOf(string line)
    {
        lock (_lock)
        {
            return _entries.Last(e => e.Line == line).Object;
        }
    }

    private void Record(string what, T obj)
    {
        var line = what + " " + obj.Metadata.Name;
        lock (_lock)
        {
            _lines.Add(line);
            _entries.Add((line, obj));
        }
    }
}
