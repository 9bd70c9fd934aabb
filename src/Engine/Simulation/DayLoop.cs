using System.Diagnostics;
using Hcsim.Engine.Phases;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// The fixed order of a simulated day, written once here.
/// </summary>
/// <remarks>
/// progression -> transmission -> background illness -> check-ins -> testing (results) -> health-code rules
/// (evaluate, apply, take samples) -> metrics. Progression comes first so a person who becomes infectious today
/// transmits today; rules come after transmission, so a confinement decided today cuts contacts from tomorrow on.
/// The loop times each phase for the timing report.
/// </remarks>
public sealed class DayLoop
{
    private readonly IDayPhase[] _phases;
    private readonly long[] _elapsedTicks;

    public DayLoop(
        ProgressionPhase progression,
        TransmissionPhase transmission,
        BackgroundIllnessPhase backgroundIllness,
        CheckInPhase checkIn,
        TestingPhase testing,
        HealthCodePhase healthCode,
        MetricsPhase metrics)
    {
        _phases = [progression, transmission, backgroundIllness, checkIn, testing, healthCode, metrics];
        _elapsedTicks = new long[_phases.Length];
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
