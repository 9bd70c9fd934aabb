using System.Collections.Immutable;
using System.Diagnostics;
using Hcsim.Engine.Phases;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// The order of a simulated day, written once here as a list of named slots; a run switches on the parts its scenario
/// uses, and each runs at its slot.
/// </summary>
/// <remarks>
/// travel (when on: the exchange with other regions happens between days, see Regions/RegionsRun) -> importation (when on) -> progression -> transmission -> venues (when on) -> background illness -> check-ins -> testing
/// (results) -> mass testing (when on) -> district risk levels (when on) -> health-code rules
/// (evaluate, apply, trace, take samples) -> metrics -> data regime columns (when on) -> attribute outputs (when on). Progression comes first so a person who becomes infectious today
/// transmits today; rules come after transmission, so a confinement decided today cuts contacts from tomorrow on.
/// A new mechanism (venues, mass testing, districts, travel) adds its slot to <see cref="Slots"/> and its part to the
/// run's list when its scenario section is present; no other part changes. The loop times each part for the timing
/// report.
/// </remarks>
public sealed class DayLoop
{
    /// <summary>Every part's slot, in the order the day runs them; a part's <see cref="IDayPhase.Name"/> is its slot.</summary>
    public static readonly ImmutableArray<string> Slots =
    [
        "travel",
        "importation",
        "progression",
        "transmission",
        "venues",
        "travel_venues",
        "background_illness",
        "checkin",
        "testing",
        "mass_testing",
        "district_risk",
        "health_code",
        "metrics",
        "data_regime",
        "attribute_outputs",
    ];

    private readonly IDayPhase[] _phases;
    private readonly long[] _elapsedTicks;

    private DayLoop(IDayPhase[] phases)
    {
        _phases = phases;
        _elapsedTicks = new long[_phases.Length];
    }

    /// <summary>The loop of the parts switched on, each at its slot (the order they are passed in does not matter).</summary>
    /// <exception cref="ArgumentException">A part names no slot, or two parts name the same one.</exception>
    public static DayLoop Of(IEnumerable<IDayPhase> parts)
    {
        var bySlot = new IDayPhase?[Slots.Length];
        foreach (var part in parts)
        {
            var slot = Slots.IndexOf(part.Name);
            if (slot < 0)
            {
                throw new ArgumentException($"part '{part.Name}' has no slot in the day loop; add it to DayLoop.Slots", nameof(parts));
            }
            if (bySlot[slot] is not null)
            {
                throw new ArgumentException($"two parts for the slot '{part.Name}'", nameof(parts));
            }
            bySlot[slot] = part;
        }
        return new DayLoop([.. bySlot.OfType<IDayPhase>()]);
    }

    /// <summary>The phases in loop order (for benchmarks and tools that time one phase).</summary>
    public IReadOnlyList<IDayPhase> Phases => _phases;

    public void RunDay(SimulationState state, int day)
    {
        for (var p = 0; p < _phases.Length; p++)
        {
            var start = Stopwatch.GetTimestamp();
            _phases[p].Step(state, day);
            _elapsedTicks[p] += Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Wall time spent in each phase so far, in loop order.</summary>
    public IReadOnlyDictionary<string, TimeSpan> PhaseTimes()
    {
        var times = new Dictionary<string, TimeSpan>();
        for (var p = 0; p < _phases.Length; p++)
        {
            times[_phases[p].Name] = Stopwatch.GetElapsedTime(0, _elapsedTicks[p]);
        }
        return times;
    }
}
