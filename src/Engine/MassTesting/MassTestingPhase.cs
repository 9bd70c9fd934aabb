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
    private const int ChunkSize = 1 << 15;

    public static readonly PartColumn OrderedColumn = new("mass_tests_ordered",
        "Tests ordered today by mass testing rounds (people with a test already waiting or pending are skipped).");

    private readonly TestLab _lab;
    private readonly Round[] _rounds;
    private readonly int[] _ordered;
    private readonly bool _codesOn;
    private readonly List<List<int>> _chunkOrders = [];

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
        var chunks = (state.Agents.Size + ChunkSize - 1) / ChunkSize;
        while (_chunkOrders.Count < chunks)
        {
            _chunkOrders.Add([]);
        }
        foreach (var round in _rounds)
        {
            if (!round.Schedule.RunsOn(day))
            {
                continue;
            }
            // Chunks of people reserve their own tests in parallel; the orders join the queue in chunk order, which is
            // person order. Rounds of one day run one after another: a later round skips whom an earlier one took.
            var take = new TakeChunk { Phase = this, Round = round, State = state, Day = day };
            ChunkedLoop.Run(chunks, state.Parallel, ref take);
            for (var c = 0; c < chunks; c++)
            {
                foreach (var agent in _chunkOrders[c])
                {
                    _lab.Enqueue(agent, round.Kind, day);
                }
                _ordered[day] += _chunkOrders[c].Count;
            }
        }
    }

    private struct TakeChunk : IChunkBody
    {
        public MassTestingPhase Phase;
        public Round Round;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk)
        {
            var orders = Phase._chunkOrders[chunk];
            orders.Clear();
            var agents = State.Agents;
            var ages = State.World.AgeYears;
            var end = Math.Min(agents.Size, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < end; i++)
            {
                if (agents.Stage[i] != DiseaseStage.Dead && Round.Target.Takes(i, agents.Colour[i], ages[i], Day, State.Seed)
                    && TestLab.Reserve(agents, i))
                {
                    orders.Add(i);
                }
            }
        }
    }
}
