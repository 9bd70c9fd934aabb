using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Venues;

/// <summary>
/// The venue layer: today's visits (<see cref="VenueLayout"/>), then transmission among people in the same venue in the
/// same slot. Runs after the other layers' transmission, so a person infected elsewhere today is no longer susceptible.
/// </summary>
/// <remarks>
/// Who visits: every living person who is not confined today (home quarantine and central isolation remove the layer).
/// Visits are generated in parallel over fixed chunks of people and grouped by venue-slot with a counting sort that
/// takes the chunks in order, so each group lists its visitors in ascending id whatever the thread count. An infectious
/// visitor meets every other visitor of the group when there are at most <c>max_contacts</c> of them, else
/// <c>max_contacts</c> co-visitors drawn with replacement (stream <see cref="RngStream.VenueContact"/>), so a crowded
/// slot costs max_contacts draws per infectious visitor, not the square of its size. A contact infects a susceptible
/// co-visitor with probability beta x infectiousness(stage) x susceptibility(age) (stream
/// <see cref="RngStream.VenueTransmission"/>, keyed by infector and contact); when several reach one person, the
/// smallest infector id wins.
/// <para>Entry control: when the policy is on, every visit is a scan of the person's code at the door (counted in
/// <see cref="SimulationState.Records"/>); a person whose colour at the start of the day the kind does not admit is
/// refused (counted in <see cref="SimulationState.Venues"/>) and does not visit. Without codes there are neither scans
/// nor refusals. A person without a code (<see cref="Agents.CodeHolders"/>) is not scanned: the kind's <c>no_code</c>
/// admits them, refuses them (a refusal) or admits them on a paper pass (a record, not searchable by co-location
/// flagging).</para>
/// </remarks>
public sealed class VenuePhase : IDayPhase
{
    private const int ChunkSize = 1 << 15;
    private const int GroupChunk = 4096;
    private const int ParallelSettleFrom = 1024;
    /// <summary>Visit draws kept on the stack per block of people (16 bytes each).</summary>
    private const int MaxDrawsPerBlock = 2048;

    private readonly VenueLayout _layout;
    private readonly NaturalHistory _history;
    private readonly double[] _infectiousness;
    private readonly double[] _susceptibilityByAge;
    private List<(int Target, int Infector)>[] _chunkCandidates = [];
    private ulong _transmissionKey;
    private ulong _contactKey;
    private readonly bool _codes;
    private readonly bool[][] _admitted;
    /// <summary>Per kind, what happens to a person without a code at the door: 0 admit, 1 refuse, 2 paper pass.</summary>
    private readonly int[] _noCode;
    private long[] _chunkPaper = [];
    private int[] _chunkHome = [];
    private int[] _chunkNextHome = [];
    private List<long>[] _chunkVisits = [];
    private long[] _chunkScans = [];
    private long[] _chunkRefusals = [];
    private int[] _groupStart = [];
    /// <summary>The counting sort's write positions, kept between days (a venue-slot array a day was a large-object allocation).</summary>
    private int[] _next = [];
    /// <summary>Venue-slots per partition of the grouping are 2^this (about 64 partitions, at least 1,024 slots each).</summary>
    private readonly int _partitionShift;
    private readonly int _partitions;
    private readonly int[] _partitionStart;
    private int[] _chunkPartitionCount = [];
    /// <summary>The day's visits (slot << 32 | person) ordered by partition, then chunk, then person.</summary>
    private long[] _byPartition = [];
    private int[] _visitors = [];
    private readonly KeyRangeScatter<(int Target, int Infector)> _scatter = new();
    private readonly List<(int Target, int Infector)>[] _winners =
        [.. Enumerable.Range(0, KeyRangeScatter<(int, int)>.MaxRanges).Select(_ => new List<(int Target, int Infector)>())];

    /// <param name="policy">The policy: whether codes exist (scans, entry control) and its colours (for <c>admit</c>).</param>
    public VenuePhase(VenueLayout layout, NaturalHistory history, DiseaseConfig disease, PolicyConfig policy)
    {
        _layout = layout;
        _codes = policy.Enabled;
        _admitted = [.. layout.Kinds.Select(kind => Enumerable.Range(0, 256)
            .Select(c => kind.Admit.IsEmpty || (c < policy.Colours.Length && kind.Admit.Contains(policy.Colours[c]))).ToArray())];
        _noCode = [.. layout.Kinds.Select(kind => VenueKindConfig.NoCodeChoices.IndexOf(kind.NoCode))];
        _history = history;
        _partitionShift = 10;
        while ((layout.SlotCount >> _partitionShift) > 64)
        {
            _partitionShift++;
        }
        _partitions = ((layout.SlotCount - 1) >> _partitionShift) + 1;
        _partitionStart = new int[_partitions + 1];
        _infectiousness = TransmissionFactors.InfectiousnessByStage(disease);
        _susceptibilityByAge = TransmissionFactors.SusceptibilityByAge(disease);
    }

    public string Name => "venues";

    /// <summary>Today's visitors of a venue-slot, ascending (valid after <see cref="Step"/> until the next day).</summary>
    public ReadOnlySpan<int> VisitorsOf(int slotIndex) =>
        _visitors.AsSpan(_groupStart[slotIndex], _groupStart[slotIndex + 1] - _groupStart[slotIndex]);

    public void Step(SimulationState state, int day)
    {
        GroupVisits(state, day);
        Transmit(state, day);
    }

    private void GroupVisits(SimulationState state, int day)
    {
        var chunks = (state.Agents.Size + ChunkSize - 1) / ChunkSize;
        if (_chunkVisits.Length != chunks)
        {
            _chunkVisits = new List<long>[chunks];
            for (var c = 0; c < chunks; c++)
            {
                _chunkVisits[c] = [];
            }
            _chunkScans = new long[chunks];
            _chunkRefusals = new long[chunks];
            _chunkPaper = new long[chunks];
            _chunkPartitionCount = new int[chunks * _partitions];
            _chunkHome = new int[chunks * _layout.Kinds.Length];
            _chunkNextHome = new int[chunks * _layout.Kinds.Length];
        }
        var visitChunks = new VisitBody { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref visitChunks);
        long scans = 0, refusals = 0, visitsToday = 0, paper = 0;
        for (var c = 0; c < chunks; c++)
        {
            scans += _chunkScans[c];
            paper += _chunkPaper[c];
            refusals += _chunkRefusals[c];
            visitsToday += _chunkVisits[c].Count;
        }
        state.Records.AddScans(scans);
        state.Records.AddPaperPasses(paper);
        state.Venues.Add(visitsToday, refusals);

        GroupBySlot(state, chunks, (int)visitsToday);
    }

    /// <summary>
    /// Groups the day's visits by venue-slot, each group's visitors ascending, in parallel: a sequential counting sort of
    /// every visit was the venue part's largest cost on two threads. The venue-slots are cut into partitions of 2^k
    /// consecutive slots; the visits are first scattered by partition (chunks in order, so person order holds within a
    /// partition), then each partition is counting-sorted on its own. Only the prefix sums over (partition, chunk)
    /// counts run alone.
    /// </summary>
    private void GroupBySlot(SimulationState state, int chunks, int total)
    {
        var slots = _layout.SlotCount;
        if (_groupStart.Length != slots + 1)
        {
            _groupStart = new int[slots + 1];
            _next = new int[slots];
        }
        if (_visitors.Length < total)
        {
            var size = Math.Max(total, _visitors.Length * 2);
            _visitors = new int[size];
            _byPartition = new long[size];
        }
        // Visits per (chunk, partition), counted by the visit loop; turned into write offsets, partition-major.
        var partitions = _partitions;
        var offset = 0;
        for (var p = 0; p < partitions; p++)
        {
            _partitionStart[p] = offset;
            for (var c = 0; c < chunks; c++)
            {
                var count = _chunkPartitionCount[c * partitions + p];
                _chunkPartitionCount[c * partitions + p] = offset;
                offset += count;
            }
        }
        _partitionStart[partitions] = offset;
        var scatter = new ScatterBody { Phase = this };
        ChunkedLoop.Run(chunks, state.Parallel, ref scatter);
        var sort = new SortBody { Phase = this };
        ChunkedLoop.Run(partitions, state.Parallel, ref sort);
        _groupStart[slots] = total;
    }

    /// <summary>A chunk's visits to their partitions' places in <see cref="_byPartition"/>, in chunk order.</summary>
    private void ScatterChunk(int chunk)
    {
        var write = _chunkPartitionCount.AsSpan(chunk * _partitions, _partitions);
        var shift = _partitionShift;
        var byPartition = _byPartition;
        foreach (var visit in CollectionsMarshal.AsSpan(_chunkVisits[chunk]))
        {
            byPartition[write[(int)(visit >> (32 + shift))]++] = visit;
        }
    }

    /// <summary>A stable counting sort of one partition's visits by venue-slot into <see cref="_visitors"/>.</summary>
    private void SortPartition(int partition)
    {
        var first = partition << _partitionShift;
        var end = Math.Min(_layout.SlotCount, (partition + 1) << _partitionShift);
        var visits = _byPartition.AsSpan(_partitionStart[partition], _partitionStart[partition + 1] - _partitionStart[partition]);
        var next = _next;
        var groupStart = _groupStart;
        Array.Clear(next, first, end - first);
        foreach (var visit in visits)
        {
            next[(int)(visit >> 32)]++;
        }
        var running = _partitionStart[partition];
        for (var s = first; s < end; s++)
        {
            groupStart[s] = running;
            running += next[s];
            next[s] = groupStart[s];
        }
        var visitors = _visitors;
        foreach (var visit in visits)
        {
            visitors[next[(int)(visit >> 32)]++] = (int)(visit & 0xFFFFFFFF);
        }
    }

    private void VisitChunk(SimulationState state, int day, int chunk)
    {
        var agents = state.Agents;
        var stage = agents.Stage;
        var age = state.World.AgeYears;
        var output = _chunkVisits[chunk];
        output.Clear();
        var partitionCount = _chunkPartitionCount.AsSpan(chunk * _partitions, _partitions);
        partitionCount.Clear();
        var shift = _partitionShift;
        var kinds = _layout.Kinds.Length;
        var colour = agents.Colour;
        long scans = 0, refusals = 0, paper = 0;
        var codes = state.CodeHolders;
        var start = chunk * ChunkSize;
        var end = Math.Min(agents.Size, start + ChunkSize);
        // Each kind's home venue is tracked as the people go by, so it costs a division only when it changes.
        var home = _chunkHome.AsSpan(chunk * kinds, kinds);
        var nextHome = _chunkNextHome.AsSpan(chunk * kinds, kinds);
        for (var k = 0; k < kinds; k++)
        {
            home[k] = _layout.HomeVenue(start, k);
            nextHome[k] = _layout.FirstPersonAfterHome(k, home[k]);
        }
        // Two passes over blocks of people. The first draws every free person's visit decision and choice for each kind
        // and keeps the visits without a branch on the draw (a random branch mispredicted about once a person and was
        // most of the loop's time); the second turns the kept draws into venue-slots and applies entry control.
        var visitKey = _layout.VisitKey(day);
        var choiceKey = _layout.ChoiceKey(day);
        var thresholds = _layout.VisitThresholdsByKindAndAge;
        var block = Math.Max(1, MaxDrawsPerBlock / kinds);
        Span<VisitDraw> drawn = stackalloc VisitDraw[block * kinds];
        for (var blockStart = start; blockStart < end; blockStart += block)
        {
            var blockEnd = Math.Min(end, blockStart + block);
            var count = 0;
            for (var i = blockStart; i < blockEnd; i++)
            {
                if (stage[i] == DiseaseStage.Dead || agents.ConfinementOn(i, day) != ConfinementKind.None || agents.IsAway(i, day))
                {
                    continue;
                }
                var byAge = age[i];
                for (var k = 0; k < kinds; k++)
                {
                    var counter = VenueLayout.DrawCounter(i, k);
                    drawn[count] = new VisitDraw(i, k, CounterRng.Keyed(choiceKey, counter));
                    count += CounterRng.Keyed(visitKey, counter) < thresholds[(k << 8) | byAge] ? 1 : 0;
                }
            }
            foreach (var (i, k, choice) in drawn[..count])
            {
                while (i >= nextHome[k])
                {
                    nextHome[k] = _layout.FirstPersonAfterHome(k, ++home[k]);
                }
                if (_codes && !codes.Has(i))
                {
                    // No code to scan: the kind's no_code rule decides.
                    if (_noCode[k] == 1)
                    {
                        refusals++;
                        continue;
                    }
                    paper += _noCode[k] == 2 ? 1 : 0;
                }
                else if (_codes)
                {
                    scans++;
                    if (!_admitted[k][colour[i]])
                    {
                        refusals++;
                        continue;
                    }
                }
                var slot = _layout.VisitSlot(i, k, choice, home[k]);
                output.Add(((long)slot << 32) | (uint)i);
                partitionCount[slot >> shift]++;
            }
        }
        _chunkScans[chunk] = scans;
        _chunkRefusals[chunk] = refusals;
        _chunkPaper[chunk] = paper;
    }

    private void CollectChunk(SimulationState state, int chunk)
    {
        var stage = state.Agents.Stage;
        var age = state.World.AgeYears;
        var transmissionKey = _transmissionKey;
        var contactKey = _contactKey;
        var output = _chunkCandidates[chunk];
        output.Clear();
        var end = Math.Min(_layout.SlotCount, (chunk + 1) * GroupChunk);
        for (var g = chunk * GroupChunk; g < end; g++)
        {
            var visitors = VisitorsOf(g);
            if (visitors.Length < 2)
            {
                continue;
            }
            VenueKindConfig? kind = null;
            for (var v = 0; v < visitors.Length; v++)
            {
                var infector = visitors[v];
                var infectiousness = _infectiousness[(int)stage[infector]];
                if (infectiousness <= 0)
                {
                    continue;
                }
                kind ??= _layout.Kinds[_layout.KindOf(g)];
                var others = visitors.Length - 1;
                var meets = Math.Min(others, kind.MaxContacts);
                for (var m = 0; m < meets; m++)
                {
                    int other;
                    if (others <= kind.MaxContacts)
                    {
                        other = visitors[m < v ? m : m + 1];
                    }
                    else
                    {
                        var j = (int)(((CounterRng.Keyed(contactKey, ((ulong)(uint)infector << 32) | (uint)m) >> 32) * (ulong)(uint)others) >> 32);
                        other = visitors[j < v ? j : j + 1];
                    }
                    if (stage[other] != DiseaseStage.Susceptible)
                    {
                        continue;
                    }
                    var p = kind.Beta * infectiousness * _susceptibilityByAge[age[other]];
                    if (p > 0 && CounterRng.Keyed(transmissionKey, ((ulong)(uint)infector << 32) | (uint)other) < CounterRng.Threshold(p))
                    {
                        output.Add((other, infector));
                    }
                }
            }
        }
    }

    /// <summary>Infectious visitors meet co-visitors: groups in parallel chunks (reading only), candidates merged in chunk order.</summary>
    private void Transmit(SimulationState state, int day)
    {
        if (state.Infected.Count == 0)
        {
            return;
        }
        var chunks = (_layout.SlotCount + GroupChunk - 1) / GroupChunk;
        if (_chunkCandidates.Length != chunks)
        {
            _chunkCandidates = new List<(int Target, int Infector)>[chunks];
            for (var c = 0; c < chunks; c++)
            {
                _chunkCandidates[c] = [];
            }
        }
        _transmissionKey = CounterRng.DayKey(state.Seed, RngStream.VenueTransmission, day);
        _contactKey = CounterRng.DayKey(state.Seed, RngStream.VenueContact, day);
        var collect = new CollectBody { Phase = this, State = state };
        ChunkedLoop.Run(chunks, state.Parallel, ref collect);
        // Candidates by target range; each range sorted, settled (smallest infector wins) and infected on its own, so
        // no two threads write one person and the winners come back in target order.
        _scatter.Scatter<ByTarget>(_chunkCandidates, ParallelSettleFrom, default, state.Parallel);
        if (_scatter.Count == 0)
        {
            return;
        }
        var settle = new SettleBody { Phase = this, State = state, Day = day };
        ChunkedLoop.Run(_scatter.Ranges, state.Parallel, ref settle);
        var agents = state.Agents;
        for (var r = 0; r < _scatter.Ranges; r++)
        {
            foreach (var (target, infector) in CollectionsMarshal.AsSpan(_winners[r]))
            {
                state.Details.Events?.Add(new PersonEvent(day, target, PersonEventKind.Stage, (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, "infection"));
                state.Details.Transmissions?.Add(new TransmissionRecord(day, infector, target, ContactLayer.Venue,
                    agents.Colour[infector], agents.ConfinementOn(infector, day)));
                state.Infected.Add(target);
            }
            state.Today.NewInfections += _winners[r].Count;
        }
    }

    private void SettleRange(SimulationState state, int day, int range)
    {
        var winners = _winners[range];
        winners.Clear();
        var candidates = _scatter.Range(range);
        candidates.Sort();
        var previous = -1;
        foreach (var (target, infector) in candidates)
        {
            if (target == previous)
            {
                continue;
            }
            previous = target;
            _history.Infect(state.Agents, target, day, state.Seed);
            winners.Add((target, infector));
        }
    }

    private readonly struct ByTarget : IKeyOf<(int Target, int Infector)>
    {
        public int KeyOf(in (int Target, int Infector) item) => item.Target;
    }

    private struct SettleBody : IChunkBody
    {
        public VenuePhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Phase.SettleRange(State, Day, chunk);
    }

    private struct VisitBody : IChunkBody
    {
        public VenuePhase Phase;
        public SimulationState State;
        public int Day;

        public readonly void Run(int chunk) => Phase.VisitChunk(State, Day, chunk);
    }

    /// <summary>A person's drawn visit to a kind: the choice draw picks the regular venue and the slot.</summary>
    private readonly record struct VisitDraw(int Person, int Kind, ulong Choice);

    private struct ScatterBody : IChunkBody
    {
        public VenuePhase Phase;

        public readonly void Run(int chunk) => Phase.ScatterChunk(chunk);
    }

    private struct SortBody : IChunkBody
    {
        public VenuePhase Phase;

        public readonly void Run(int chunk) => Phase.SortPartition(chunk);
    }

    private struct CollectBody : IChunkBody
    {
        public VenuePhase Phase;
        public SimulationState State;

        public readonly void Run(int chunk) => Phase.CollectChunk(State, chunk);
    }
}
