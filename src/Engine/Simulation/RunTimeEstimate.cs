using System.Globalization;
using System.Text.Json;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// An estimate, not a measurement, of the wall time a scenario takes, from a cost model: a fixed start-up and output
/// time, building each distinct population, and the simulated person-days at a measured rate per core. It exists so
/// that an hour-long run is announced (and confirmed) before it starts rather than discovered.
/// </summary>
/// <remarks>
/// Rates from docs/performance.md (2 vCPUs, .NET 10): bench-1m (1 million people, 100 days, 61 % infected, heavy
/// tracing) simulates 100 million person-days in 6.5 s on one thread (15 million person-days per second) and 4.2 to
/// 4.7 s on two (1.4 to 1.55 x), plus about 1.1 s of start-up and outputs; building 100,000 people takes 13 ms. Extra
/// cores are counted at half a core each. A contained epidemic runs faster (Zhejiang: an estimate of 15 min for 7 min
/// measured), so the estimate errs on the long side; a machine slower than the reference takes proportionally longer.
/// </remarks>
public sealed record RunTimeEstimate
{
    public const double PersonDaysPerSecondPerCore = 15e6;
    public const double ExtraCoreShare = 0.5;
    public const double WorldSecondsPerPerson = 1.3e-7;
    public const double FixedSeconds = 1.5;

    /// <summary>Person-days to simulate: population x days, summed over every variant and replicate.</summary>
    public required double PersonDays { get; init; }
    /// <summary>People in all worlds built (one per distinct population).</summary>
    public required long WorldPeople { get; init; }
    /// <summary>Threads that do useful work: the threads asked for, at most the processors.</summary>
    public required int Cores { get; init; }

    public double Seconds => FixedSeconds + WorldPeople * WorldSecondsPerPerson
        + PersonDays / (PersonDaysPerSecondPerCore * (1 + ExtraCoreShare * (Cores - 1)));

    /// <summary>The estimate for <paramref name="scenario"/> with <paramref name="threads"/> threads on <paramref name="processors"/> processors.</summary>
    public static RunTimeEstimate For(Scenario scenario, int threads, int processors)
    {
        var personDays = scenario.Variants.Sum(v => (double)v.Model.Population.Size * v.Model.Days) * scenario.Replicates;
        // Worlds are shared by population config, as the execution shares them (the same key as MemoryEstimate).
        var worldPeople = scenario.Variants.Select(v => v.Model.Population).DistinctBy(p => JsonSerializer.Serialize(p)).Sum(p => (long)p.Size);
        return new RunTimeEstimate
        {
            PersonDays = personDays,
            WorldPeople = worldPeople,
            Cores = Math.Max(1, Math.Min(threads, processors)),
        };
    }

    /// <summary>A duration as "45 s", "12 min", "2 h 10 min".</summary>
    public static string FormatDuration(double seconds) =>
        seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds)} s")
        : seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds / 60)} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(seconds / 3600)} h {Math.Ceiling(seconds % 3600 / 60)} min");

    /// <summary>"about 12 min (1.2 billion person-days on 2 thread(s))".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"about {FormatDuration(Seconds)} ({FormatCount(PersonDays)} person-days on {Cores} thread(s))");

    private static string FormatCount(double count) =>
        count >= 1e9 ? string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.#} billion")
        : count >= 1e6 ? string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.#} million")
        : count.ToString("N0", CultureInfo.InvariantCulture);
}
