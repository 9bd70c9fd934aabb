using System.Runtime.InteropServices;
using Hcsim.Engine.Capacity;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Random;
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
    private readonly TracingCapacity? _capacity;
    /// <summary>Exposure notification: per person, the last day whose keys their phone uploaded (-1 for none); null until a device regime traces.</summary>
    private short[]? _uploadedThrough;

    /// <param name="capacity">Finite tracers and coverage, when the scenario has a tracing section.</param>
    public ContactTracer(DailyContacts contacts, TracingCapacity? capacity = null)
    {
        _contacts = contacts;
        _capacity = capacity;
    }

    /// <summary>Whether traces wait in the tracers' backlog.</summary>
    public bool HasPending => _capacity?.HasPending ?? false;

    /// <summary>Traces every request (then clears the list) and queues the events found in <see cref="SimulationState.Traces"/>.</summary>
    public void Trace(SimulationState state, int day, List<TraceRequest> requests)
    {
        var regime = state.Regime is { ContactsOnDevices: true } onDevices ? onDevices : null;
        if (regime is not null)
        {
            KeepUploads(state, day, requests, regime);
        }
        else if (_capacity is { Limited: true })
        {
            TraceWithinCapacity(state, day, requests, _capacity);
            return;
        }
        var chunks = (requests.Count + ChunkSize - 1) / ChunkSize;
        if (chunks == 0)
        {
            return;
        }
        while (_outputs.Count < chunks)
        {
            _outputs.Add(new TraceOutput());
        }
        var body = new FindContacts
        {
            Contacts = _contacts, Requests = requests, Outputs = _outputs, Day = day, Coverage = regime is null ? _capacity?.Coverage : null, Seed = state.Seed,
            Regime = regime, Codes = state.CodeHolders,
        };
        ChunkedLoop.Run(chunks, state.Parallel, ref body);
        if (regime is null)
        {
            foreach (var request in CollectionsMarshal.AsSpan(requests))
            {
                state.Records.MarkLookedUp(request.Agent);
            }
        }
        for (var c = 0; c < chunks; c++)
        {
            if (regime is null)
            {
                _capacity?.Traced(day, _outputs[c].Events.Count);
            }
            state.Records.AddContactsConsulted(_outputs[c].Events.Count);
            Queue(state, _outputs[c]);
        }
        requests.Clear();
    }

    /// <summary>
    /// Exposure notification (<c>data.contacts: device</c>): a trace is the case's phone uploading its keys, which happens
    /// only for an app user who consents (<see cref="Regimes.DataRegime.Uploads"/>); the others are dropped from
    /// <paramref name="requests"/>. Each upload sends one key a day of the window (central records), and the case counts as
    /// looked up on devices: the contacts are then found by the phones that logged them, not by tracers (no capacity,
    /// no coverage). Keys already published are not uploaded again: a case retested positive uploads (and phones match)
    /// only the days after their last upload.
    /// </summary>
    private void KeepUploads(SimulationState state, int day, List<TraceRequest> requests, Regimes.DataRegime regime)
    {
        if (_uploadedThrough is null)
        {
            _uploadedThrough = new short[state.Agents.Size];
            Array.Fill(_uploadedThrough, (short)-1);
        }
        var kept = 0;
        for (var k = 0; k < requests.Count; k++)
        {
            var request = requests[k];
            var first = Math.Max(Math.Max(0, day - request.Days + 1), _uploadedThrough[request.Agent] + 1);
            if (first > day || !regime.RunsApp(state.Seed, state.CodeHolders, request.Agent) || !regime.Uploads(state.Seed, request.Agent))
            {
                continue;
            }
            requests[kept++] = request with { Days = day - first + 1 };
            _uploadedThrough[request.Agent] = (short)day;
            state.Records.AddUploads(day - first + 1);
            state.Records.MarkLookedUpOnDevices(request.Agent);
        }
        requests.RemoveRange(kept, requests.Count - kept);
    }

    /// <summary>
    /// The backlog path (<see cref="TracingCapacity"/>): cases are traced one by one, in backlog order, while today's
    /// capacity lasts. Finite tracers trace few contacts a day, so this path runs on one thread.
    /// </summary>
    private void TraceWithinCapacity(SimulationState state, int day, List<TraceRequest> requests, TracingCapacity capacity)
    {
        capacity.Add(requests, day);
        requests.Clear();
        if (_outputs.Count == 0)
        {
            _outputs.Add(new TraceOutput());
        }
        var output = _outputs[0];
        output.Clear();
        while (capacity.TryNext(day, out var request, out var requestDay))
        {
            var before = output.Events.Count;
            Collect(_contacts, request, requestDay, day, output, capacity.Coverage, state.Seed);
            capacity.Traced(day, output.Events.Count - before);
        }
        if (output.Events.Count > 0)
        {
            Queue(state, output);
        }
    }

    /// <summary>Finds the contacts of <paramref name="trace"/>, asked on <paramref name="requestDay"/> and traced on <paramref name="day"/>.</summary>
    private static void Collect(DailyContacts contacts, in TraceRequest trace, int requestDay, int day, TraceOutput output, double[]? coverage, ulong seed,
        Regimes.DataRegime? regime = null, Agents.CodeHolders? codes = null)
    {
        var due = day + trace.DelayDays;
        if (output.Groups.Count == 0 || output.Groups[^1].Due != due)
        {
            output.Groups.Add((due, output.Events.Count));
        }
        var collector = new TraceCollector
        {
            Output = output.Events, Source = trace.Agent, Depth = trace.Depth, Coverage = coverage, Seed = seed, Regime = regime, Codes = codes,
        };
        for (var layer = 0; layer < ContactLayers.Count; layer++)
        {
            if ((trace.Layers & (1 << layer)) == 0)
            {
                continue;
            }
            for (var past = Math.Max(0, requestDay - trace.Days + 1); past <= requestDay; past++)
            {
                collector.DaysAgo = day - past;
                collector.ContactDay = past;
                contacts.ForEach(trace.Agent, past, (ContactLayer)layer, ref collector);
            }
        }
    }

    /// <summary>Hands one output's events to the trace queue, by due day.</summary>
    private static void Queue(SimulationState state, TraceOutput output)
    {
        if (output.Groups.Count == 1)
        {
            // The usual case, one delay for every trace: the chunk's list itself goes to the queue.
            state.Traces.AddSegment(output.Groups[0].Due, output.Events);
            output.Events = state.Traces.RentSegment();
            return;
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

    private struct FindContacts : IChunkBody
    {
        public DailyContacts Contacts;
        public List<TraceRequest> Requests;
        public List<TraceOutput> Outputs;
        public int Day;
        public double[]? Coverage;
        public ulong Seed;
        /// <summary>Exposure notification: contacts are found only if logged on both phones; null for central tracing.</summary>
        public Regimes.DataRegime? Regime;
        public Agents.CodeHolders Codes;

        public readonly void Run(int chunk)
        {
            var output = Outputs[chunk];
            output.Clear();
            var requests = CollectionsMarshal.AsSpan(Requests);
            var end = Math.Min(requests.Length, (chunk + 1) * ChunkSize);
            for (var k = chunk * ChunkSize; k < end; k++)
            {
                Collect(Contacts, requests[k], Day, Day, output, Coverage, Seed, Regime, Codes);
            }
        }
    }

    private struct TraceCollector : IContactVisitor
    {
        public List<TracedEvent> Output;
        public int Source;
        public int Depth;
        public int DaysAgo;
        public int ContactDay;
        /// <summary>Share of contacts found by layer; null = all.</summary>
        public double[]? Coverage;
        public ulong Seed;
        public Regimes.DataRegime? Regime;
        public Agents.CodeHolders? Codes;

        public readonly bool Wants(int other) => true;

        public readonly void Visit(int other, ContactLayer layer)
        {
            if (Regime is { } regime && (!regime.RunsApp(Seed, Codes!, other) || !regime.Logged(Seed, ContactDay, layer, Source, other)))
            {
                return; // not logged on both phones: no notification
            }
            if (Coverage is { } coverage && coverage[(int)layer] < 1
                && CounterRng.Uniform(Seed, RngStream.TraceCoverage, ContactDay * ContactLayers.Count + (int)layer, Source, other) >= coverage[(int)layer])
            {
                return;
            }
            Output.Add(new TracedEvent(other, Source, layer, DaysAgo, Depth));
        }
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
