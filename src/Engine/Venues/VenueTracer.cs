using System.Runtime.InteropServices;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Venues;

/// <summary>
/// Co-location flagging: for each <c>trace_venues</c> request, regenerates the case's scans of the last days
/// (<see cref="VenueLayout.VisitOf"/>, with the confinement in force each day) and finds everyone else who scanned at
/// the same venue within the window of slots; each gets a <see cref="VenueExposure"/> queued for delivery.
/// </summary>
/// <remarks>
/// Nothing about visits is stored, so the people who could have scanned at a venue are found from the layout: those
/// whose home lies within the kind's catchment of it, about catchment x population / venues people, each checked with
/// one draw. The cost is bounded by (requests x days x kinds visited x catchment x people per venue) and does not grow
/// with the population at a fixed epidemic size. Scans are regenerated as attempted visits (a refused person scanned
/// too; people without a code left none and are not reached); people who are dead now are not reached. Each candidate's slot is drawn first and its venue only when the slot
/// falls in the window. A day of a person's visits is searched once per run: a later trace of the same person (a
/// second positive result) searches only the days after those already searched. Requests are traced in parallel
/// chunks, merged in request order.
/// Every scan found is a record consulted (<c>records_scans_consulted</c>) and every case one person looked up.
/// </remarks>
public sealed class VenueTracer
{
    private const int ChunkSize = 64;

    private readonly VenueLayout _layout;
    private readonly List<List<(int Due, VenueExposure Exposure)>> _outputs = [];
    private readonly List<VenueExposure> _scratch = [];
    /// <summary>Per person, the last day whose visits were searched (-1 for none).</summary>
    private readonly short[] _searchedThrough;

    public VenueTracer(VenueLayout layout)
    {
        _layout = layout;
        _searchedThrough = new short[layout.People];
        Array.Fill(_searchedThrough, (short)-1);
    }

    /// <summary>Traces every request (then clears the list) and queues the exposures in <see cref="SimulationState.VenueExposureQueue"/>.</summary>
    public void Trace(SimulationState state, int day, List<VenueTraceRequest> requests)
    {
        var regime = state.Regime is { ScansOnDevices: true } onDevices ? onDevices : null;
        if (regime is not null)
        {
            KeepUploads(state, day, requests, regime);
        }
        var chunks = (requests.Count + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        while (_outputs.Count < chunks)
        {
            _outputs.Add([]);
        }
        var body = new FindCoVisitors { Tracer = this, State = state, Requests = requests, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref body);
        foreach (var request in CollectionsMarshal.AsSpan(requests))
        {
            if (regime is null)
            {
                state.Records.MarkLookedUp(request.Agent);
            }
            _searchedThrough[request.Agent] = (short)day;
        }
        for (var c = 0; c < chunks; c++)
        {
            var output = _outputs[c];
            state.Records.AddScansConsulted(output.Count);
            // Runs of one due day, in request order.
            for (var start = 0; start < output.Count;)
            {
                var due = output[start].Due;
                var end = start;
                _scratch.Clear();
                while (end < output.Count && output[end].Due == due)
                {
                    _scratch.Add(output[end++].Exposure);
                }
                state.VenueExposureQueue.Add(due, _scratch);
                start = end;
            }
        }
        requests.Clear();
    }

    /// <summary>
    /// On-device matching (<c>data.scans: device</c>): a case's phone publishes their visited venue-slots only if they hold
    /// a code and consent (<see cref="Regimes.DataRegime.Uploads"/>); the others are dropped from <paramref name="requests"/>.
    /// Each visit published is an uploaded record (central), and the case counts as looked up on devices; the co-visitors'
    /// phones then match the published slots against their own scans (records consulted on devices).
    /// </summary>
    private void KeepUploads(SimulationState state, int day, List<VenueTraceRequest> requests, Regimes.DataRegime regime)
    {
        var kept = 0;
        for (var k = 0; k < requests.Count; k++)
        {
            var request = requests[k];
            if (!state.CodeHolders.Has(request.Agent) || !regime.Uploads(state.Seed, request.Agent))
            {
                continue;
            }
            requests[kept++] = request;
            state.Records.AddUploads(PublishedVisits(state, day, request));
            state.Records.MarkLookedUpOnDevices(request.Agent);
        }
        requests.RemoveRange(kept, requests.Count - kept);
    }

    /// <summary>The case's visits <see cref="TraceOne"/> searches for this request: the venue-slots their phone publishes.</summary>
    private int PublishedVisits(SimulationState state, int day, in VenueTraceRequest request)
    {
        var source = request.Agent;
        var published = 0;
        for (var past = Math.Max(Math.Max(0, day - request.Days + 1), _searchedThrough[source] + 1); past <= day; past++)
        {
            if (state.Agents.ConfinementOn(source, past) != ConfinementKind.None)
            {
                continue;
            }
            for (var kind = 0; kind < _layout.Kinds.Length; kind++)
            {
                if ((request.Kinds.IsDefaultOrEmpty || request.Kinds.Contains(_layout.Names[kind]))
                    && _layout.VisitOf(source, state.World.AgeYears[source], kind, past) >= 0)
                {
                    published++;
                }
            }
        }
        return published;
    }

    private struct FindCoVisitors : IChunkBody
    {
        public VenueTracer Tracer;
        public SimulationState State;
        public List<VenueTraceRequest> Requests;
        public int Day;

        public readonly void Run(int chunk)
        {
            var output = Tracer._outputs[chunk];
            output.Clear();
            var end = Math.Min(Requests.Count, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                Tracer.TraceOne(State, Day, Requests[k], output);
            }
        }
    }

    private void TraceOne(SimulationState state, int day, VenueTraceRequest request, List<(int Due, VenueExposure Exposure)> output)
    {
        var agents = state.Agents;
        var age = state.World.AgeYears;
        var due = day + request.DelayDays;
        var layout = _layout;
        var source = request.Agent;
        var codes = state.CodeHolders;
        if (!codes.Has(source))
        {
            return; // without a code the case left no scans
        }
        Span<(int First, int Last)> ranges = stackalloc (int, int)[2];
        for (var past = Math.Max(Math.Max(0, day - request.Days + 1), _searchedThrough[source] + 1); past <= day; past++)
        {
            if (agents.ConfinementOn(source, past) != ConfinementKind.None)
            {
                continue;
            }
            for (var kind = 0; kind < layout.Kinds.Length; kind++)
            {
                if (!request.Kinds.IsDefaultOrEmpty && !request.Kinds.Contains(layout.Names[kind]))
                {
                    continue;
                }
                var visit = layout.VisitOf(source, age[source], kind, past);
                if (visit < 0)
                {
                    continue;
                }
                var slots = layout.Kinds[kind].Slots;
                var venue = (visit - layout.FirstSlot[kind]) / slots;
                var slot = (visit - layout.FirstSlot[kind]) % slots;
                var rangeCount = layout.PossibleVisitors(kind, venue, ranges);
                for (var r = 0; r < rangeCount; r++)
                {
                    var (first, last) = ranges[r];
                    for (var other = first; other < last; other++)
                    {
                        // Cheapest test first: the slot is two draws, the venue a hash, the confinement a lookup.
                        var theirSlot = layout.SlotOf(other, age[other], kind, past, out var regular);
                        if (theirSlot >= 0 && Math.Abs(theirSlot - slot) <= request.WindowSlots && other != source && codes.Has(other)
                            && layout.RegularVenue(other, kind, regular) == venue
                            && agents.Stage[other] != DiseaseStage.Dead && agents.ConfinementOn(other, past) == ConfinementKind.None)
                        {
                            output.Add((due, new VenueExposure(other, source, layout.Names[kind], day - past)));
                        }
                    }
                }
            }
        }
    }
}
