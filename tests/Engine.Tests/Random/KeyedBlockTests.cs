using Hcsim.Engine.Random;

namespace Hcsim.Engine.Tests.Random;

/// <summary>The block form of <see cref="CounterRng.Keyed(ulong, ulong)"/> (vector lanes where available) gives the same numbers.</summary>
public sealed class KeyedBlockTests
{
    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(5UL, 3)]
    [InlineData(1UL << 40, 256)]
    [InlineData(ulong.MaxValue - 100, 203)]
    public void Keyed_Block_EqualsOneDrawPerCounter(ulong firstCounter, int length)
    {
        var key = CounterRng.DayKey(11, RngStream.CheckIn, 42);
        var draws = new ulong[length];

        CounterRng.Keyed(key, firstCounter, draws);

        for (var k = 0; k < length; k++)
        {
            var expected = CounterRng.Keyed(key, unchecked(firstCounter + (ulong)k));
            Assert.True(expected == draws[k], $"draw {k} of a block from counter {firstCounter} should equal the single draw {expected}, got {draws[k]}");
        }
    }
}
