using System.Runtime.InteropServices;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Gathers the items of several lists into one array grouped by ranges of their key (a counting pass, then one copy),
/// so that each range can be sorted and settled on its own thread: the ranges in order hold the same items as one sort
/// would, whatever the thread count. The array is reused between calls.
/// </summary>
public sealed class KeyRangeScatter<T> where T : struct
{
    /// <summary>Ranges used once there is enough work to share between threads.</summary>
    public const int MaxRanges = 64;

    private readonly int[] _start = new int[MaxRanges + 1];
    private readonly int[] _fill = new int[MaxRanges];
    private T[] _items = [];

    public int Ranges { get; private set; }
    public int Count => _start[Ranges];
    public Span<T> All => _items.AsSpan(0, Count);

    /// <summary>The items of range <paramref name="range"/>; keys of a range are all below those of the next one.</summary>
    public Span<T> Range(int range) => _items.AsSpan(_start[range], _start[range + 1] - _start[range]);

    /// <summary>Scatters the items into one range when there are fewer than <paramref name="parallelFrom"/>, else into <see cref="MaxRanges"/>.</summary>
    public void Scatter<TKey>(ReadOnlySpan<List<T>> lists, int parallelFrom, TKey key) where TKey : struct, IKeyOf<T>
    {
        var total = 0;
        var maxKey = 0;
        foreach (var list in lists)
        {
            total += list.Count;
            foreach (ref readonly var item in CollectionsMarshal.AsSpan(list))
            {
                maxKey = Math.Max(maxKey, key.KeyOf(item));
            }
        }
        var ranges = total < parallelFrom ? 1 : MaxRanges;
        Ranges = ranges;
        Array.Clear(_start);
        foreach (var list in lists)
        {
            foreach (ref readonly var item in CollectionsMarshal.AsSpan(list))
            {
                _start[RangeOf(key.KeyOf(item), maxKey, ranges) + 1]++;
            }
        }
        for (var r = 0; r < ranges; r++)
        {
            _start[r + 1] += _start[r];
        }
        if (_items.Length < total)
        {
            _items = new T[Math.Max(total, _items.Length * 3 / 2)];
        }
        _start.AsSpan(0, ranges).CopyTo(_fill);
        foreach (var list in lists)
        {
            foreach (ref readonly var item in CollectionsMarshal.AsSpan(list))
            {
                _items[_fill[RangeOf(key.KeyOf(item), maxKey, ranges)]++] = item;
            }
        }
    }

    private static int RangeOf(int key, int maxKey, int ranges) => (int)((long)key * ranges / ((long)maxKey + 1));
}
