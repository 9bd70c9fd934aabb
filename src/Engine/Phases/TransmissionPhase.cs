using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>
/// Spreads infection from today's infectious agents to their susceptible contacts. A contact-day in layer L infects
/// with probability beta_L x infectiousness(stage of infector) x susceptibility(age of contact), drawn from stream
/// <see cref="RngStream.Transmission"/> keyed by (day, infector, contact, layer). Infectors are processed in parallel;
/// when several reach one person, the smallest infector id wins (then the first layer), so the outcome does not depend
/// on the thread count.
/// </summary>
public sealed class TransmissionPhase : IDayPhase
{
    private const int ChunkSize = 512;
    private const int ParallelSettleFrom = 1024;

    private readonly DailyContacts _contacts;
    private readonly NaturalHistory _history;
    private readonly double[] _beta;
    private readonly double[] _infectiousness;
    private readonly double[] _susceptibilityByAge;
    private List<Candidate>[] _chunkCandidates = [];
    private readonly KeyRangeScatter<Candidate> _scatter = new();
    private readonly List<Candidate>[] _winners = Enumerable.Range(0, KeyRangeScatter<Candidate>.MaxRanges).Select(_ => new List<Candidate>()).ToArray();

    public TransmissionPhase(DailyContacts contacts, NaturalHistory history, LayersConfig layers, DiseaseConfig disease)
    {
        _contacts = contacts;
        _history = history;
        _beta = [layers.Household.Beta, layers.Work.Beta, layers.School.Beta, layers.Community.Beta];
        _infectiousness = TransmissionFactors.InfectiousnessByStage(disease);
        _susceptibilityByAge = TransmissionFactors.SusceptibilityByAge(disease);
    }

    public string Name => "transmission";

    public void Step(SimulationState state, int day)
    {
        var chunks = (state.Infected.Count + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        EnsureChunkBuffers(chunks);
        var transmit = new TransmitFromChunk { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref transmit);

        // Gather the candidates by target range, then settle each range in parallel: sort, keep the smallest infector
        // per target, infect (a range's targets are its own, so no two threads write one person). Winners come back
        // in target order, whatever the thread count.
        _scatter.Scatter<ByTarget>(_chunkCandidates.AsSpan(0, chunks), ParallelSettleFrom, default, state.Parallel);
        if (_scatter.Count == 0)
        {
            return;
        }
        var settle = new SettleRange { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(_scatter.Ranges, state.Parallel, ref settle);
        var recorded = state.Details.Events is not null || state.Details.Transmissions is not null;
        for (var r = 0; r < _scatter.Ranges; r++)
        {
            foreach (var winner in CollectionsMarshal.AsSpan(_winners[r]))
            {
                if (recorded)
                {
                    Record(state, winner, day);
                }
                state.Infected.Add(winner.Target);
            }
            state.Today.NewInfections += _winners[r].Count;
        }
    }

    private struct SettleRange : IChunkBody
    {
        public TransmissionPhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk)
        {
            var winners = Phase._winners[chunk];
            winners.Clear();
            var span = Phase._scatter.Range(chunk);
            span.Sort(static (a, b) => CandidateOrder(a, b));
            var previous = -1;
            foreach (ref readonly var candidate in span)
            {
                if (candidate.Target == previous)
                {
                    continue;
                }
                previous = candidate.Target;
                Phase._history.Infect(State.Agents, candidate.Target, Day, State.Seed);
                winners.Add(candidate);
            }
        }
    }

    private readonly struct ByTarget : IKeyOf<Candidate>
    {
        public int KeyOf(in Candidate item) => item.Target;
    }

    private static void Record(SimulationState state, in Candidate infection, int day)
    {
        var details = state.Details;
        details.Events?.Add(new PersonEvent(day, infection.Target, PersonEventKind.Stage,
            (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, "infection"));
        details.Transmissions?.Add(new TransmissionRecord(day, infection.Infector, infection.Target, infection.Layer,
            state.Agents.Colour[infection.Infector], state.Agents.ConfinementOn(infection.Infector, day)));
    }

    private void EnsureChunkBuffers(int chunks)
    {
        if (_chunkCandidates.Length < chunks)
        {
            var grown = new List<Candidate>[chunks];
            for (var c = 0; c < chunks; c++)
            {
                grown[c] = c < _chunkCandidates.Length ? _chunkCandidates[c] : [];
            }
            _chunkCandidates = grown;
        }
    }

    private struct TransmitFromChunk : IChunkBody
    {
        public TransmissionPhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Phase.Transmit(chunk, State, Day);
    }

    private void Transmit(int chunk, SimulationState state, int day)
    {
        var output = _chunkCandidates[chunk];
        output.Clear();
        var infected = CollectionsMarshal.AsSpan(state.Infected);
        var end = Math.Min(infected.Length, (chunk + 1) * ChunkSize);
        var agents = state.Agents;
        var visitor = new InfectionVisitor
        {
            Stage = agents.Stage,
            Age = state.World.AgeYears,
            SusceptibilityByAge = _susceptibilityByAge,
            Beta = _beta,
            Community = state.World.Community,
            DayKey = CounterRng.DayKey(state.Seed, RngStream.Transmission, day),
            Output = output,
        };
        for (var k = chunk * ChunkSize; k < end; k++)
        {
            var infector = infected[k];
            var infectiousness = _infectiousness[(int)agents.Stage[infector]];
            if (infectiousness <= 0)
            {
                continue;
            }
            var confinement = agents.ConfinementOn(infector, day);
            if (confinement == ConfinementKind.Central)
            {
                continue;
            }
            visitor.Infector = infector;
            visitor.Infectiousness = infectiousness;
            for (var layer = 0; layer < ContactLayers.Count; layer++)
            {
                if (_beta[layer] > 0)
                {
                    _contacts.ForEach(infector, day, (ContactLayer)layer, ref visitor);
                }
            }
        }
    }

    private readonly record struct Candidate(int Target, int Infector, ContactLayer Layer);

    /// <summary>
    /// Target, then smallest infector, then first layer: the infection that wins does not depend on threads. A static
    /// comparison (its delegate is cached), because a struct comparer is boxed and wrapped in a delegate on every sort.
    /// </summary>
    private static int CandidateOrder(Candidate a, Candidate b)
    {
        var c = a.Target.CompareTo(b.Target);
        if (c != 0) return c;
        c = a.Infector.CompareTo(b.Infector);
        return c != 0 ? c : a.Layer.CompareTo(b.Layer);
    }

    private struct InfectionVisitor : IContactVisitor
    {
        public DiseaseStage[] Stage;
        public byte[] Age;
        public double[] SusceptibilityByAge;
        public double[] Beta;
        public CommunityGraph Community;
        public double Infectiousness;
        public int Infector;
        public ulong DayKey;
        public List<Candidate> Output;

        public readonly bool Wants(int other) => Stage[other] == DiseaseStage.Susceptible;

        public readonly void Visit(int other, ContactLayer layer)
        {
            var p = Beta[(int)layer] * Infectiousness * SusceptibilityByAge[Age[other]];
            if (layer == ContactLayer.Community && Community.Weights is not null)
            {
                p *= Community.WeightOf(Infector, other);
            }
            // Keyed by (infector, contact, layer): a pair's draw is the same whatever else happens that day.
            var counter = ((ulong)(uint)Infector << 32) | (uint)(other * ContactLayers.Count + (int)layer);
            if (p > 0 && CounterRng.Keyed(DayKey, counter) < CounterRng.Threshold(p))
            {
                Output.Add(new Candidate(other, Infector, layer));
            }
        }
    }
}
