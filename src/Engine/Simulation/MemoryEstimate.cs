using System.Globalization;
using System.Text.Json;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// An estimate, not a measurement, of the memory a scenario needs at its peak: the shared worlds (one per distinct
/// population) plus the agent state of the runs held at once. It exists so that a scenario too big for the machine is
/// refused before anything is allocated, rather than failing hours later or pushing the machine into swap.
/// </summary>
/// <remarks>
/// These constants are the one source of the memory figures; docs/performance.md quotes them. They come from the peak
/// resident memory of hcsim runs (.NET 10, Linux x64):
/// - the world takes about 32 bytes per person (age, household index, group memberships, the ring community's removal
///   mask and the CSR of rewired edges, and the builder's temporary arrays) plus about 1 byte per person and community
///   neighbour;
/// - a run in flight takes about 72 bytes per person: 32 bytes of agent columns (<see cref="AgentColumnBytesPerPerson"/>,
///   of which 10 are the confinement history: the current and the previous spell, each kind, start and end), plus about
///   40 bytes for the lists of infected, traced and flagged people and the garbage of a day, which grow with the epidemic;
/// - the runtime and libraries about 100 MB.
/// bench-1m at 10 million people (an epidemic infecting 61 %, heavy tracing) measured 0.90 GB (about 90 bytes a
/// person, with 27 bytes of agent columns then) against an estimate of about 1.2 GB; Zhejiang (57 million, two runs at
/// once, one contained epidemic) measured 5.3 GB against 9.8 GB. The run term depends on how the epidemic goes, which
/// no estimate made before running can know.
/// </remarks>
public sealed record MemoryEstimate
{
    public const long WorldBytesPerPerson = 32;
    public const long WorldBytesPerNeighbour = 1;
    /// <summary>The agent state's columns (<c>AgentState</c>), per person: checked against the class by a test.</summary>
    public const long AgentColumnBytesPerPerson = 32;
    /// <summary>The lists a run keeps (infected, traced, flagged, the day's garbage) at an epidemic's peak, per person.</summary>
    public const long RunListBytesPerPerson = 40;
    public const long RunBytesPerPerson = AgentColumnBytesPerPerson + RunListBytesPerPerson;
    public const long RuntimeBytes = 100L * 1024 * 1024;
    /// <summary>The venue part's lists of the day's visits (an 8-byte entry, its 8-byte copy ordered by partition and a 4-byte visitor id), per expected visit.</summary>
    public const long VenueBytesPerVisit = 20;
    /// <summary>The venue part's per-person column (the last day of visits searched by co-location flagging).</summary>
    public const long VenueBytesPerPerson = 2;
    /// <summary>The districts part's map, built per run (each person's district and the districts' member lists, 4 bytes each), per person.</summary>
    public const long DistrictBytesPerPerson = 8;

    /// <summary>All worlds held at once (built once and shared by every run, or per replicate in flight when redrawn).</summary>
    public required long WorldBytes { get; init; }
    /// <summary>One run in flight, for the largest population.</summary>
    public required long RunBytes { get; init; }
    /// <summary>Runs simulated concurrently: one per thread, at most the number of runs.</summary>
    public required int RunsAtOnce { get; init; }
    public long TotalBytes => RuntimeBytes + WorldBytes + RunsAtOnce * RunBytes;

    /// <summary>The estimate for running <paramref name="scenario"/> with <paramref name="threads"/> worker threads.</summary>
    public static MemoryEstimate For(Scenario scenario, int threads)
    {
        var populations = new Dictionary<string, PopulationConfig>(StringComparer.Ordinal);
        foreach (var variant in scenario.Variants)
        {
            // The same key the execution uses to share worlds, so the estimate counts exactly the worlds it builds.
            populations.TryAdd(JsonSerializer.Serialize(variant.Model.Population), variant.Model.Population);
        }
        var runs = (long)scenario.Variants.Length * scenario.Replicates;
        var runsAtOnce = (int)Math.Max(1, Math.Min(Math.Max(1, threads), runs));
        // A population redrawn per replicate is held once per replicate in flight: at most one per run at once, plus
        // the replicate whose runs are still being handed out (runs go in replicate order).
        var worldBytes = populations.Values.Sum(p =>
            p.Size * (WorldBytesPerPerson + WorldBytesPerNeighbour * p.Community.MeanDegree)
            * (p.RedrawPerReplicate ? Math.Min(scenario.Replicates, runsAtOnce + 1) : 1));
        var largest = populations.Values.Select(p => (long)p.Size).DefaultIfEmpty(0).Max();
        // Venues: the day's visits, at most every kind's visit probability (age factors above 1 are ignored) per person.
        var venueBytes = scenario.Variants.Where(v => v.Model.Venues.Enabled).Select(v => (long)(v.Model.Population.Size * (VenueBytesPerPerson
            + VenueBytesPerVisit * v.Model.Venues.Kinds.Values.Sum(k => k.VisitProbability)))).DefaultIfEmpty(0).Max();
        var districtBytes = scenario.Variants.Where(v => v.Model.Districts is not null)
            .Select(v => v.Model.Population.Size * DistrictBytesPerPerson).DefaultIfEmpty(0).Max();
        return new MemoryEstimate
        {
            WorldBytes = worldBytes,
            RunBytes = largest * RunBytesPerPerson + venueBytes + districtBytes,
            RunsAtOnce = runsAtOnce,
        };
    }

    /// <summary>Bytes as "1.5 GB" (powers of 1024), for messages.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    /// <summary>"37.1 GB (worlds 15.6 GB + 2 runs at once x 9.7 GB + runtime 100 MB)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Format(TotalBytes)} (worlds {Format(WorldBytes)} + {RunsAtOnce} run(s) at once x {Format(RunBytes)} + runtime {Format(RuntimeBytes)})");
}
