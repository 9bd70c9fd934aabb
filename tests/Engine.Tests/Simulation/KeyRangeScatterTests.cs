using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

public class KeyRangeScatterTests
{
    private readonly struct Identity : IKeyOf<(int Key, int Tag)>
    {
        public int KeyOf(in (int Key, int Tag) item) => item.Key;
    }

    private static List<(int Key, int Tag)>[] Lists(int lists, int perList, int maxKey)
    {
        var result = new List<(int, int)>[lists];
        for (var l = 0; l < lists; l++)
        {
            result[l] = [];
            for (var i = 0; i < perList + l % 5; i++)
            {
                // A spread of keys with repeats across and within lists; the tag records where each item came from.
                result[l].Add(((int)((ulong)(l * 7919 + i * 104729) % (ulong)(maxKey + 1)), l * 100_000 + i));
            }
        }
        return result;
    }

    [Theory]
    [InlineData(1, 10, 50)]
    [InlineData(1, 200, 100)]
    [InlineData(3, 200, 100)]
    [InlineData(3, 40, 5)]
    public void Scatter_AnyThreadCount_RangesHoldTheItemsInKeyThenListOrder(int threads, int lists, int perList)
    {
        using var workers = new WorkerPool(threads);
        var input = Lists(lists, perList, maxKey: 9_999);
        var scatter = new KeyRangeScatter<(int Key, int Tag)>();
        scatter.Scatter<Identity>(input, parallelFrom: 1000, default, workers);
        var expected = input.SelectMany(l => l).OrderBy(item => item.Key).ThenBy(item => item.Tag).ToList();
        var byRange = Enumerable.Range(0, scatter.Ranges).SelectMany(r => scatter.Range(r).ToArray().OrderBy(item => item.Key).ThenBy(item => item.Tag)).ToList();
        Assert.Equal(expected, byRange);
        for (var r = 0; r < scatter.Ranges; r++)
        {
            var range = scatter.Range(r).ToArray();
            Assert.True(range.Zip(range.Skip(1)).All(p => p.First.Key != p.Second.Key || p.First.Tag < p.Second.Tag),
                $"range {r}: items of one key should keep list order, then their order in the list");
        }
        Assert.Equal(expected.Count >= 1000 ? KeyRangeScatter<(int, int)>.MaxRanges : 1, scatter.Ranges);
    }
}
