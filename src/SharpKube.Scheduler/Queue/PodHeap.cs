using SharpKube.Scheduler.Framework;

namespace SharpKube.Scheduler.Queue;

/// <summary>
/// A binary heap of queued pods with removal and re-ordering by key in O(log n): each pod remembers its position
/// (one slot for the active queue, one for the backoff queue, so a pod can be tracked by both kinds of heap).
/// Not thread-safe: the scheduling queue's lock guards it.
/// </summary>
internal sealed class PodHeap
{
    private readonly List<QueuedPodInfo> _items = [];
    private readonly Dictionary<string, QueuedPodInfo> _byKey = new(StringComparer.Ordinal);
    private readonly Func<QueuedPodInfo, QueuedPodInfo, bool> _less;
    private readonly bool _backoffSlot;

    /// <summary>A heap ordered by <paramref name="less"/>, keeping positions in the backoff slot when <paramref name="backoffSlot"/>.</summary>
    public PodHeap(Func<QueuedPodInfo, QueuedPodInfo, bool> less, bool backoffSlot)
    {
        _less = less;
        _backoffSlot = backoffSlot;
    }

    public int Count => _items.Count;

    public IEnumerable<QueuedPodInfo> Items => _items;

    public bool TryGet(string key, out QueuedPodInfo pod) => _byKey.TryGetValue(key, out pod!);

    public QueuedPodInfo? Peek() => _items.Count == 0 ? null : _items[0];

    /// <summary>Adds <paramref name="pod"/>, or re-orders it when a pod with its key is already here (replacing that one).</summary>
    public void AddOrUpdate(QueuedPodInfo pod)
    {
        if (_byKey.TryGetValue(pod.PodInfo.Key, out var existing))
        {
            if (!ReferenceEquals(existing, pod))
            {
                var index = IndexOf(existing);
                _items[index] = pod;
                SetIndex(pod, index);
                SetIndex(existing, -1);
                _byKey[pod.PodInfo.Key] = pod;
            }
            Fix(IndexOf(pod));
            return;
        }
        _byKey[pod.PodInfo.Key] = pod;
        _items.Add(pod);
        SetIndex(pod, _items.Count - 1);
        Up(_items.Count - 1);
    }

    public QueuedPodInfo? Pop()
    {
        if (_items.Count == 0)
        {
            return null;
        }
        var top = _items[0];
        RemoveAt(0);
        return top;
    }

    public bool Remove(string key)
    {
        if (!_byKey.TryGetValue(key, out var pod))
        {
            return false;
        }
        RemoveAt(IndexOf(pod));
        return true;
    }

    private void RemoveAt(int index)
    {
        var pod = _items[index];
        var last = _items.Count - 1;
        if (index != last)
        {
            Swap(index, last);
        }
        _items.RemoveAt(last);
        _byKey.Remove(pod.PodInfo.Key);
        SetIndex(pod, -1);
        if (index < _items.Count)
        {
            Fix(index);
        }
    }

    private void Fix(int index)
    {
        if (!Up(index))
        {
            Down(index);
        }
    }

    private bool Up(int index)
    {
        var moved = false;
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!_less(_items[index], _items[parent]))
            {
                break;
            }
            Swap(index, parent);
            index = parent;
            moved = true;
        }
        return moved;
    }

    private void Down(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= _items.Count)
            {
                return;
            }
            var smallest = left;
            var right = left + 1;
            if (right < _items.Count && _less(_items[right], _items[left]))
            {
                smallest = right;
            }
            if (!_less(_items[smallest], _items[index]))
            {
                return;
            }
            Swap(index, smallest);
            index = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        SetIndex(_items[a], a);
        SetIndex(_items[b], b);
    }

    private int IndexOf(QueuedPodInfo pod) => _backoffSlot ? pod.BackoffIndex : pod.ActiveIndex;

    private void SetIndex(QueuedPodInfo pod, int index)
    {
        if (_backoffSlot)
        {
            pod.BackoffIndex = index;
        }
        else
        {
            pod.ActiveIndex = index;
        }
    }
}
