using System.Runtime.InteropServices;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Gathers the items of several lists into one array grouped by ranges of their key (a counting pass, then one copy),
/// so that each range can be sorted and settled on its own thread: the ranges in order hold the same items as one sort
/// would, whatever the thread count. The array is reused between calls.
/// </summary>
/// <remarks>
/// Within a range the items keep list order, then their order in the list. With enough items the passes themselves run
/// on the workers, one list a chunk: each list's largest key, then each list's count per range, then (after the offsets
/// are laid out in range, then list order) each list's copy to its own places.
/// </remarks>
public sealed class KeyRangeScatter<T> where T : struct
{
    /// <summary>Ranges used once there is enough work to share between threads.</summary>
    public const int MaxRanges = 64;

    private readonly int[] _start = new int[MaxRanges + 1];
    private T[] _items = [];
    private List<T>[] _lists = [];
    // Per list: its largest key; then per (list, range): its count, turned into its first place in _items.
    private int[] _listMax = [];
    private int[] _places = [];

    public int Ranges { get; private set; }
    public int Count => _start[Ranges];
    public Span<T> All => _items.AsSpan(0, Count);

    /// <summary>The items of range <paramref name="range"/>; keys of a range are all below those of the next one.</summary>
    public Span<T> Range(int range) => _items.AsSpan(_start[range], _start[range + 1] - _start[range]);

    /// <summary>Scatters the items into one range when there are fewer than <paramref name="parallelFrom"/>, else into <see cref="MaxRanges"/>.</summary>
    public void Scatter<TKey>(ReadOnlySpan<List<T>> lists, int parallelFrom, TKey key, WorkerPool workers) where TKey : struct, IKeyOf<T>
    {
        var total = 0;
        foreach (var list in lists)
        {
            total += list.Count;
        }
        if (_items.Length < total)
        {
            _items = new T[Math.Max(total, _items.Length * 3 / 2)];
        }
        if (total < parallelFrom)
        {
            Ranges = 1;
            _start[0] = 0;
            _start[1] = total;
            var at = 0;
            foreach (var list in lists)
            {
                CollectionsMarshal.AsSpan(list).CopyTo(_items.AsSpan(at));
                at += list.Count;
            }
            return;
        }
        Ranges = MaxRanges;
        var count = lists.Length;
        if (_lists.Length < count)
        {
            _lists = new List<T>[Math.Max(count, _lists.Length * 2)];
            _listMax = new int[_lists.Length];
            _places = new int[_lists.Length * MaxRanges];
        }
        lists.CopyTo(_lists);
        var pass = new Pass<TKey> { Scatter = this, Key = key, Step = PassStep.Max };
        ChunkedLoop.Run(count, workers, ref pass);
        var maxKey = 0;
        foreach (var max in _listMax.AsSpan(0, count))
        {
            maxKey = Math.Max(maxKey, max);
        }
        // range = key * ranges / (maxKey + 1), as one multiplication: below MaxRanges for every key up to maxKey, and
        // never smaller for a larger key, which is all the ranges need.
        pass.Scale = ((ulong)MaxRanges << 32) / ((ulong)maxKey + 1);
        pass.Step = PassStep.Count;
        ChunkedLoop.Run(count, workers, ref pass);
        var place = 0;
        for (var r = 0; r < MaxRanges; r++)
        {
            _start[r] = place;
            for (var l = 0; l < count; l++)
            {
                var counted = _places[l * MaxRanges + r];
                _places[l * MaxRanges + r] = place;
                place += counted;
            }
        }
        _start[MaxRanges] = place;
        pass.Step = PassStep.Copy;
        ChunkedLoop.Run(count, workers, ref pass);
        Array.Clear(_lists, 0, count);
    }

    private static int RangeOf(int key, ulong scale) => (int)(((ulong)(uint)key * scale) >> 32);

    private enum PassStep
    {
        Max,
        Count,
        Copy,
    }

    /// <summary>One pass over one list (the chunk index is the list index).</summary>
    private struct Pass<TKey> : IChunkBody where TKey : struct, IKeyOf<T>
    {
        public KeyRangeScatter<T> Scatter;
        public TKey Key;
        public PassStep Step;
        public ulong Scale;

        public readonly void Run(int chunk)
        {
            var items = CollectionsMarshal.AsSpan(Scatter._lists[chunk]);
            var places = Scatter._places.AsSpan(chunk * MaxRanges, MaxRanges);
            switch (Step)
            {
                case PassStep.Max:
                    var max = 0;
                    foreach (ref readonly var item in items)
                    {
                        max = Math.Max(max, Key.KeyOf(item));
                    }
                    Scatter._listMax[chunk] = max;
                    break;
                case PassStep.Count:
                    places.Clear();
                    foreach (ref readonly var item in items)
                    {
                        places[RangeOf(Key.KeyOf(item), Scale)]++;
                    }
                    break;
                case PassStep.Copy:
                    var target = Scatter._items;
                    foreach (ref readonly var item in items)
                    {
                        target[places[RangeOf(Key.KeyOf(item), Scale)]++] = item;
                    }
                    break;
            }
        }
    }
}
