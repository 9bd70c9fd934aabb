using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.MassTesting;

/// <summary>
/// Mass testing rounds: on a round's days (<see cref="MassTestingSchedule"/>), every living person it takes
/// (<see cref="MassTestingTarget"/>) is ordered a test of its kind, in person order, unless a test is already waiting
/// or pending. It runs after results arrive and before the health-code rules, so its orders queue ahead of the rules'
/// orders of the same day and are sampled that day within the kind's capacity; results reach the test_result rules.
/// Without codes (<c>policy.enabled: false</c>) nothing takes samples, so rounds order nothing (the column stays 0).
/// </summary>
public sealed class MassTestingPhase : IDayPhase
{
    public static readonly PartColumn OrderedColumn = new("mass_tests_ordered",
        "Tests ordered today by mass testing rounds (people with a test already waiting or pending are skipped).");

    private readonly TestLab _lab;
    private readonly Round[] _rounds;
    private readonly int[] _ordered;
    private readonly bool _codesOn;

    public MassTestingPhase(IReadOnlyList<MassTestingRoundConfig> rounds, IReadOnlyList<string> colours, IReadOnlyList<TestKind> kinds, TestLab lab, DailyMetrics daily, bool codesOn = true)
    {
        _lab = lab;
        _codesOn = codesOn;
        _rounds = [.. rounds.Select((r, i) => new Round(
            new MassTestingSchedule(r), new MassTestingTarget(r, colours, i), kinds.Select(k => k.Name).ToList().IndexOf(r.Kind)))];
        _ordered = daily.AddPartColumn(OrderedColumn);
    }

    private sealed record Round(MassTestingSchedule Schedule, MassTestingTarget Target, int Kind);

    public string Name => "mass_testing";

    public void Step(SimulationState state, int day)
    {
        if (!_codesOn)
        {
            return;
        }
        var agents = state.Agents;
        var ages = state.World.AgeYears;
        foreach (var round in _rounds)
        {
            if (!round.Schedule.RunsOn(day))
            {
                continue;
            }
            for (var i = 0; i < agents.Size; i++)
            {
                if (agents.Stage[i] != DiseaseStage.Dead && round.Target.Takes(i, agents.Colour[i], ages[i], day, state.Seed)
                    && TestLab.Reserve(agents, i))
                {
                    _lab.Enqueue(i, round.Kind, day);
                    _ordered[day]++;
                }
            }
        }
    }
}
