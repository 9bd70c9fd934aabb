using System.Runtime.CompilerServices;

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
}
