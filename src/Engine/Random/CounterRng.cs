using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hcsim.Engine.Random;

/// <summary>
/// Counter-based randomness: every draw is a hash of (seed, stream, day, a, b), so results do not depend on thread count,
/// scheduling or the order in which agents are visited. Written by hand because it sits in the innermost loops: three
/// rounds of the SplitMix64 finaliser (Steele et al. 2014), which passes BigCrush on sequential counters.
/// </summary>
public static class CounterRng
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong seed, RngStream stream, int day, int a, int b) => Hash(StreamKey(seed, stream), day, a, b);

    /// <summary>
    /// The first of <see cref="Hash(ulong, RngStream, int, int, int)"/>'s three rounds, which depends on (seed, stream)
    /// only: a loop that draws many numbers of one stream computes it once and saves a third of every draw.
    /// </summary>
    public static ulong StreamKey(ulong seed, RngStream stream) => Mix(seed + Golden * ((ulong)stream + 1));

    /// <summary>The same number as <see cref="Hash(ulong, RngStream, int, int, int)"/>, from a <see cref="StreamKey"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong streamKey, int day, int a, int b)
    {
        var h = Mix(streamKey ^ (((ulong)(uint)day << 32) | (uint)a));
        return Mix(h + Golden * ((ulong)(uint)b + 1));
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, RngStream stream, int day, int a, int b = 0) =>
        (Hash(seed, stream, day, a, b) >> 11) * UnitScale;

    /// <summary>A uniform integer in [0, n), n &gt; 0 (Lemire's multiply-shift; bias below 2^-32 for n &lt; 2^32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Below(ulong seed, RngStream stream, int day, int a, int b, int n) =>
        (int)(((Hash(seed, stream, day, a, b) >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>
    /// The key of one (seed, stream, day) for <see cref="Keyed"/>: the hot loops draw many numbers for the same day and
    /// stream, so the three-round hash of those is computed once and each draw then costs one round.
    /// </summary>
    public static ulong DayKey(ulong seed, RngStream stream, int day) => Hash(seed, stream, day, -1, -1);

    /// <summary>
    /// A draw keyed by a day key and a 64-bit counter: SplitMix64's output function applied to key + counter x golden
    /// ratio, which is SplitMix64 itself with the day key as its seed (distinct counters give distinct inputs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Keyed(ulong dayKey, ulong counter) => Mix(dayKey + counter * Golden);

    /// <summary>
    /// <see cref="Keyed"/> for the counters <paramref name="firstCounter"/>, +1, ... into <paramref name="draws"/>, several
    /// lanes at once where the machine has 64-bit vector multiplication: the same numbers, for loops that draw once per person.
    /// </summary>
    public static void Keyed(ulong dayKey, ulong firstCounter, Span<ulong> draws)
    {
        var k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // key + counter x golden, advanced by 8 x golden per step (the same wrapping sums as Keyed).
            var z0 = Vector512.Create(dayKey + firstCounter * Golden) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Golden;
            var step = Vector512.Create(unchecked(8 * Golden));
            for (; k + 8 <= draws.Length; k += 8)
            {
                Mix(z0).CopyTo(draws[k..]);
                z0 += step;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var z0 = Vector256.Create(dayKey + firstCounter * Golden) + Vector256.Create(0UL, 1, 2, 3) * Golden;
            var step = Vector256.Create(unchecked(4 * Golden));
            for (; k + 4 <= draws.Length; k += 4)
            {
                Mix(z0).CopyTo(draws[k..]);
                z0 += step;
            }
        }
        for (; k < draws.Length; k++)
        {
            draws[k] = Keyed(dayKey, firstCounter + (ulong)k);
        }
    }

    /// <summary>The threshold t such that <c>Keyed(...) &lt; t</c> has probability p (p in [0, 1]; p = 1 means always).</summary>
    public static ulong Threshold(double p) =>
        p <= 0 ? 0 : p >= 1 ? ulong.MaxValue : (ulong)(p * 18446744073709551616.0);

    /// <summary>The seed of replicate r, the same for every variant so that variant comparisons are paired.</summary>
    public static ulong ReplicateSeed(ulong scenarioSeed, int replicate) =>
        Hash(scenarioSeed, RngStream.ReplicateSeed, 0, replicate, 0);

    /// <summary>The seed replicate r builds its own population from when <c>population.redraw_per_replicate</c> is on.</summary>
    public static ulong PopulationSeed(ulong scenarioSeed, int replicate) =>
        Hash(scenarioSeed, RngStream.PopulationRedraw, 0, replicate, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> z)
    {
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
        return z ^ Vector512.ShiftRightLogical(z, 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }
}
