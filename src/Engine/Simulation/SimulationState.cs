using Hcsim.Engine.Agents;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Tracing;
using Hcsim.Engine.Testing;

namespace Hcsim.Engine.Simulation;

/// <summary>
/// Everything that changes during one run: the agents' columns, the lists that let phases touch only the agents that
/// need work, today's event counters, and the daily metrics. Phases read the world and write here.
/// </summary>
public sealed class SimulationState
{
    /// <param name="codes">Who holds a code; everyone when null.</param>
    public SimulationState(World world, int days, IReadOnlyList<string> colours, ulong seed, WorkerPool parallel, DetailOptions? details = null, CodeHolders? codes = null)
    {
        CodeHolders = codes ?? CodeHolders.Everyone(world.Size);
        World = world;
        Agents = new AgentState(world.Size);
        Seed = seed;
        Parallel = parallel;
        Today = new DayEvents(colours.Count);
        Daily = new DailyMetrics(days, [.. colours]);
        Details = new DetailLog(details ?? DetailOptions.None);
        Traces = new TraceQueue(days);
        Records = new DataRecords(world.Size);
        Venues = new Hcsim.Engine.Venues.VenueTotals();
        VenueExposureQueue = new Hcsim.Engine.Venues.VenueExposureQueue(days);
    }

    public World World { get; }
    /// <summary>The run's data regime (the <c>data</c> section); null without one (everything central).</summary>
    public Regimes.DataRegime? Regime { get; init; }
    public AgentState Agents { get; }
    /// <summary>The replicate seed: shared by every variant of the same replicate.</summary>
    public ulong Seed { get; }
    /// <summary>The workers this run's data-parallel loops hand their chunks to (shared by concurrent runs of an execution).</summary>
    public WorkerPool Parallel { get; }
    /// <summary>Exposed or infectious agents (unordered between days, appended in id order within a day).</summary>
    public List<int> Infected { get; } = [];
    /// <summary>Agents who reported fever at today's check-in, ascending.</summary>
    public List<int> FeverReports { get; } = [];
    /// <summary>Results arriving today.</summary>
    public List<TestResultEvent> TestResults { get; } = [];
    public TraceQueue Traces { get; }
    /// <summary>Sample and negative-result days, present only when a rule reads <c>last_sample_age</c> or <c>last_negative_age</c>.</summary>
    public TestHistory? TestHistory { get; init; }
    public DayEvents Today { get; }
    public DailyMetrics Daily { get; }
    /// <summary>The records the policy gathers over the run (its surveillance cost).</summary>
    public DataRecords Records { get; }
    /// <summary>Who holds a health code (people without a smartphone do not).</summary>
    public CodeHolders CodeHolders { get; }
    /// <summary>Venue visits and refusals at the door over the run (zero without venues).</summary>
    public Hcsim.Engine.Venues.VenueTotals Venues { get; }
    /// <summary>Venue exposures waiting for delivery (co-location flagging).</summary>
    public Hcsim.Engine.Venues.VenueExposureQueue VenueExposureQueue { get; }
    /// <summary>Venue exposures delivered today, one per person, by person.</summary>
    public List<Hcsim.Engine.Venues.VenueExposure> VenueExposures { get; } = [];
    /// <summary>Districts and their risk levels; null without a <c>districts:</c> section.</summary>
    public Hcsim.Engine.Districts.DistrictState? Districts { get; init; }
    public DetailLog Details { get; }
    /// <summary>The people's declared attributes; null when the scenario declares none.</summary>
    public People.PersonAttributes? Attributes { get; init; }
}
