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
/// too); people who are dead now are not reached. Requests are traced in parallel chunks, merged in request order.
/// Every scan found is a record consulted (<c>records_scans_consulted</c>) and every case one person looked up.
/// </remarks>
public sealed class VenueTracer
{
    private const int ChunkSize = 64;

    private readonly VenueLayout _layout;
    private readonly List<List<(int Due, VenueExposure Exposure)>> _outputs = [];
    private readonly List<VenueExposure> _scratch = [];

    public VenueTracer(VenueLayout layout)
    {
        _layout = layout;
    }

    /// <summary>Traces every request (then clears the list) and queues the exposures in <see cref="SimulationState.VenueExposureQueue"/>.</summary>
    public void Trace(SimulationState state, int day, List<VenueTraceRequest> requests)
    {
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
            state.Records.MarkLookedUp(request.Agent);
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
        for (var past = Math.Max(0, day - request.Days + 1); past <= day; past++)
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
                var venueStart = layout.FirstSlot[kind] + venue * slots;
                foreach (var (first, last) in layout.PossibleVisitors(kind, venue))
                {
                    for (var other = first; other < last; other++)
                    {
                        if (other == source || agents.Stage[other] == DiseaseStage.Dead || agents.ConfinementOn(other, past) != ConfinementKind.None)
                        {
                            continue;
                        }
                        var theirs = layout.VisitOf(other, age[other], kind, past);
                        if (theirs >= venueStart && theirs < venueStart + slots && Math.Abs(theirs - venueStart - slot) <= request.WindowSlots)
                        {
                            output.Add((due, new VenueExposure(other, source, layout.Names[kind], day - past)));
                        }
                    }
                }
            }
        }
    }
}
