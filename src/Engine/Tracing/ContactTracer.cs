using System.Runtime.InteropServices;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tracing;

/// <summary>
/// Finds the contacts of the people a round of actions asked to trace and queues their traced events. Contacts of past
/// days are regenerated exactly as transmission drew them (<see cref="DailyContacts"/>), with the confinement that was
/// in force on each day. It only reads state, so the requests are traced in parallel chunks, merged in chunk order.
/// Every contact found is a record consulted, and every traced person one looked up (<see cref="SimulationState.Records"/>).
/// </summary>
public sealed class ContactTracer
{
    private const int ChunkSize = 256;

    private readonly DailyContacts _contacts;
    private readonly List<TraceOutput> _outputs = [];

    public ContactTracer(DailyContacts contacts)
    {
        _contacts = contacts;
    }

    /// <summary>Traces every request (then clears the list) and queues the events found in <see cref="SimulationState.Traces"/>.</summary>
    public void Trace(SimulationState state, int day, List<TraceRequest> requests)
    {
        var chunks = (requests.Count + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        while (_outputs.Count < chunks)
        {
            _outputs.Add(new TraceOutput());
        }
        var body = new FindContacts { Contacts = _contacts, Requests = requests, Outputs = _outputs, Day = day };
        ChunkedLoop.Run(chunks, state.Parallel, ref body);
        foreach (var request in CollectionsMarshal.AsSpan(requests))
        {
            state.Records.MarkLookedUp(request.Agent);
        }
        for (var c = 0; c < chunks; c++)
        {
            var output = _outputs[c];
            state.Records.AddContactsConsulted(output.Events.Count);
            if (output.Groups.Count == 1)
            {
                // The usual case, one delay for every trace: the chunk's list itself goes to the queue.
                state.Traces.AddSegment(output.Groups[0].Due, output.Events);
                output.Events = state.Traces.RentSegment();
                continue;
            }
            for (var g = 0; g < output.Groups.Count; g++)
            {
                var (due, start) = output.Groups[g];
                var end = g + 1 < output.Groups.Count ? output.Groups[g + 1].Start : output.Events.Count;
                var segment = state.Traces.RentSegment();
                segment.AddRange(CollectionsMarshal.AsSpan(output.Events)[start..end]);
                state.Traces.AddSegment(due, segment);
            }
        }
        requests.Clear();
    }

    private struct FindContacts : IChunkBody
    {
        public DailyContacts Contacts;
        public List<TraceRequest> Requests;
        public List<TraceOutput> Outputs;
        public int Day;

        public readonly void Run(int chunk)
        {
            var output = Outputs[chunk];
            output.Clear();
            var requests = CollectionsMarshal.AsSpan(Requests);
            var end = Math.Min(requests.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                var trace = requests[k];
                var due = Day + trace.DelayDays;
                if (output.Groups.Count == 0 || output.Groups[^1].Due != due)
                {
                    output.Groups.Add((due, output.Events.Count));
                }
                var collector = new TraceCollector { Output = output.Events, Source = trace.Agent, Depth = trace.Depth };
                for (var layer = 0; layer < ContactLayers.Count; layer++)
                {
                    if ((trace.Layers & (1 << layer)) == 0)
                    {
                        continue;
                    }
                    for (var past = Math.Max(0, Day - trace.Days + 1); past <= Day; past++)
                    {
                        collector.DaysAgo = Day - past;
                        Contacts.ForEach(trace.Agent, past, (ContactLayer)layer, ref collector);
                    }
                }
            }
        }
    }

    private struct TraceCollector : IContactVisitor
    {
        public List<TracedEvent> Output;
        public int Source;
        public int Depth;
        public int DaysAgo;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer) =>
            Output.Add(new TracedEvent(other, Source, layer, DaysAgo, Depth));
    }

    /// <summary>One chunk's traced events, in runs that share a due day.</summary>
    private sealed class TraceOutput
    {
        public List<TracedEvent> Events { get; set; } = [];
        public List<(int Due, int Start)> Groups { get; } = [];

        public void Clear()
        {
            Events.Clear();
            Groups.Clear();
        }
    }
}
