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

    private readonly DailyContacts _contacts;
    private readonly NaturalHistory _history;
    private readonly double[] _beta;
    private readonly double[] _infectiousness;
    private readonly double[] _susceptibilityByAge;
    private readonly Action<int> _chunkBody;
    private List<Candidate>[] _chunkCandidates = [];
    private const int Buckets = 64;
    private readonly int[] _bucketStart = new int[Buckets + 1];
    private readonly int[] _bucketFill = new int[Buckets];
    private readonly List<Candidate>[] _winners = Enumerable.Range(0, Buckets).Select(_ => new List<Candidate>()).ToArray();
    private readonly Action<int> _settleBucket;
    private Candidate[] _scattered = [];
    private SimulationState? _state;
    private int _day;

    public TransmissionPhase(DailyContacts contacts, NaturalHistory history, LayersConfig layers, DiseaseConfig disease)
    {
        _contacts = contacts;
        _history = history;
        _beta = [layers.Household.Beta, layers.Work.Beta, layers.School.Beta, layers.Community.Beta];
        _infectiousness = new double[7];
        _infectiousness[(int)DiseaseStage.Presymptomatic] = disease.Infectiousness.Presymptomatic;
        _infectiousness[(int)DiseaseStage.Symptomatic] = disease.Infectiousness.Symptomatic;
        _infectiousness[(int)DiseaseStage.Asymptomatic] = disease.Infectiousness.Asymptomatic;
        _susceptibilityByAge = new double[256];
        for (var age = 0; age < 256; age++)
        {
            var factor = 1.0;
            foreach (var band in disease.SusceptibilityByAge)
            {
                if (age >= band.MinAge && age <= band.MaxAge)
                {
                    factor = band.Factor;
                    break;
                }
            }
            _susceptibilityByAge[age] = factor;
        }
        _chunkBody = TransmitFromChunk;
        _settleBucket = SettleBucket;
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
        _state = state;
        _day = day;
        ChunkedLoop.Run(chunks, state.Parallel, _chunkBody);

        // Scatter the candidates by target range, then settle each range in parallel: sort, keep the smallest infector
        // per target, infect (a range's targets are its own, so no two threads write one person). Winners come back
        // in target order, whatever the thread count.
        var total = 0;
        var maxTarget = 0;
        for (var c = 0; c < chunks; c++)
        {
            total += _chunkCandidates[c].Count;
            foreach (var candidate in CollectionsMarshal.AsSpan(_chunkCandidates[c]))
            {
                maxTarget = Math.Max(maxTarget, candidate.Target);
            }
        }
        if (total == 0)
        {
            return;
        }
        var buckets = total < 4096 ? 1 : Buckets;
        Array.Clear(_bucketStart);
        foreach (var list in _chunkCandidates.AsSpan(0, chunks))
        {
            foreach (var candidate in CollectionsMarshal.AsSpan(list))
            {
                _bucketStart[BucketOf(candidate.Target, maxTarget, buckets) + 1]++;
            }
        }
        for (var b = 0; b < buckets; b++)
        {
            _bucketStart[b + 1] += _bucketStart[b];
        }
        if (_scattered.Length < total)
        {
            _scattered = new Candidate[Math.Max(total, _scattered.Length * 3 / 2)];
        }
        _bucketStart.AsSpan(0, buckets).CopyTo(_bucketFill);
        foreach (var list in _chunkCandidates.AsSpan(0, chunks))
        {
            foreach (var candidate in CollectionsMarshal.AsSpan(list))
            {
                _scattered[_bucketFill[BucketOf(candidate.Target, maxTarget, buckets)]++] = candidate;
            }
        }
        ChunkedLoop.Run(buckets, state.Parallel, _settleBucket);
        for (var b = 0; b < buckets; b++)
        {
            foreach (var winner in CollectionsMarshal.AsSpan(_winners[b]))
            {
                Record(state, winner, day);
                state.Infected.Add(winner.Target);
            }
            state.Today.NewInfections += _winners[b].Count;
        }
    }

    private void SettleBucket(int bucket)
    {
        var state = _state!;
        var winners = _winners[bucket];
        winners.Clear();
        var span = _scattered.AsSpan(_bucketStart[bucket], _bucketStart[bucket + 1] - _bucketStart[bucket]);
        span.Sort(new CandidateOrder());
        var previous = -1;
        foreach (ref readonly var candidate in span)
        {
            if (candidate.Target == previous)
            {
                continue;
            }
            previous = candidate.Target;
            _history.Infect(state.Agents, candidate.Target, _day, state.Seed);
            winners.Add(candidate);
        }
    }

    private static int BucketOf(int target, int maxTarget, int buckets) => (int)((long)target * buckets / ((long)maxTarget + 1));

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

    private void TransmitFromChunk(int chunk)
    {
        var state = _state!;
        var day = _day;
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

    /// <summary>Target, then smallest infector, then first layer: the infection that wins does not depend on threads.</summary>
    private readonly struct CandidateOrder : IComparer<Candidate>
    {
        public int Compare(Candidate a, Candidate b)
        {
            var c = a.Target.CompareTo(b.Target);
            if (c != 0) return c;
            c = a.Infector.CompareTo(b.Infector);
            return c != 0 ? c : a.Layer.CompareTo(b.Layer);
        }
    }

    private struct InfectionVisitor : IContactVisitor
    {
        public DiseaseStage[] Stage;
        public byte[] Age;
        public double[] SusceptibilityByAge;
        public double[] Beta;
        public double Infectiousness;
        public int Infector;
        public ulong DayKey;
        public List<Candidate> Output;

        public readonly bool Wants(int other) => Stage[other] == DiseaseStage.Susceptible;

        public readonly void Visit(int other, ContactLayer layer)
        {
            var p = Beta[(int)layer] * Infectiousness * SusceptibilityByAge[Age[other]];
            // Keyed by (infector, contact, layer): a pair's draw is the same whatever else happens that day.
            var counter = ((ulong)(uint)Infector << 32) | (uint)(other * ContactLayers.Count + (int)layer);
            if (p > 0 && CounterRng.Keyed(DayKey, counter) < CounterRng.Threshold(p))
            {
                Output.Add(new Candidate(other, Infector, layer));
            }
        }
    }
}
