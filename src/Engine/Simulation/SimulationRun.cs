using Hcsim.Engine.Agents;
using Hcsim.Engine.Capacity;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Districts;
using Hcsim.Engine.Importation;
using Hcsim.Engine.MassTesting;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Regions;
using Hcsim.Engine.Rules;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Testing;
using Hcsim.Engine.Tracing;
using Hcsim.Engine.Venues;

namespace Hcsim.Engine.Simulation;

/// <summary>One run: one variant's model on a built world with one replicate seed, day 0 to days - 1.</summary>
public sealed class SimulationRun
{
    private readonly ModelConfig _model;
    private readonly SimulationState _state;
    private readonly NaturalHistory _history;
    private readonly DayLoop _loop;
    private readonly TestLab _lab;
    private readonly ImportationPhase? _importation;
    private readonly HealthCodePhase _healthCode;

    /// <summary>A run that compiles the model's policy itself (convenient for a single run; see <see cref="CompilePolicy"/>).</summary>
    public SimulationRun(World world, ModelConfig model, ulong seed, WorkerPool parallel, DetailOptions? details = null)
        : this(world, model, CompilePolicy(model), seed, parallel, details)
    {
    }

    /// <param name="policy">The model's policy compiled by <see cref="CompilePolicy"/>: compiled once per variant and
    /// shared, read-only, by all its runs.</param>
    /// <param name="parallel">The workers the run's loops use (an execution's runs share one); a <see cref="ParallelOptions"/>
    /// converts to a pool of the run's own, whose idle workers exit by themselves.</param>
    /// <param name="region">This run's place in a multi-region run with travel; null otherwise (travel needs it).</param>
    public SimulationRun(World world, ModelConfig model, CompiledPolicy policy, ulong seed, WorkerPool parallel, DetailOptions? details = null, RegionLink? region = null)
    {
        _model = model;
        var testKinds = TestLab.KindsOf(model);
        Policy = policy;
        _state = new SimulationState(world, model.Days, [.. policy.Colours], seed, parallel, details,
            CodeHolders.Of(world, model.Checkin.NoSmartphoneShareByAge, seed))
        {
            // With travel the history always travels with visitors: another region's arrival rules may read it.
            TestHistory = ReadsTestHistory(policy) || (model.Travel is not null && region is not null) ? new TestHistory(world.Size) : null,
            Districts = model.Districts is { } districtsConfig ? new DistrictState(DistrictMap.For(world, districtsConfig), districtsConfig) : null,
            Attributes = model.Attributes.IsEmpty ? null : People.PersonAttributes.Draw(world, model.Attributes, seed),
            Regime = model.Data is { } data ? new Regimes.DataRegime(data) : null,
        };
        if (_state.Regime is { } regime)
        {
            _state.Records.HoldOnDevices(regime);
        }
        _history = new NaturalHistory(model.Disease);
        var travel = model.Travel is { } travelConfig && region is not null ? travelConfig : null;
        if (travel is not null)
        {
            // Before the contacts are set up: they leave out people away on a trip.
            _state.Agents.TrackTrips();
        }
        var contacts = new DailyContacts(world, _state.Agents, model.Layers, seed, model.Days);
        _lab = new TestLab(testKinds, TestLabColumns.IsOn(model) ? TestLabColumns.AddTo(_state.Daily, testKinds) : null, _state.Parallel);
        // The parts this model switches on; DayLoop puts each at its slot. The core parts are always on; a mechanism
        // with its own scenario section (venues, mass testing, travel) is added here when its section is present.
        var venues = model.Venues.Enabled ? new VenueLayout(model.Venues, world.Size, seed, model.Days) : null;
        List<IDayPhase> parts =
        [
            new ProgressionPhase(_history),
            new TransmissionPhase(contacts, _history, model.Layers, model.Disease),
            new BackgroundIllnessPhase(model.BackgroundIllness),
            new CheckInPhase(model.Checkin, recorded: policy.Enabled),
            new TestingPhase(_lab),
            _healthCode = new HealthCodePhase(policy, _lab, contacts,
                model.CentralIsolation is { } central ? new CentralBeds(central, _state.Daily) : null,
                model.Tracing is { } tracing ? new TracingCapacity(tracing, _state.Daily) : null,
                venues is null ? null : new VenueTracer(venues),
                TracingYield.AddTo(model, _state.Daily)),
            new MetricsPhase(policy.Colours.Length),
        ];
        var venuePhase = venues is null ? null : new VenuePhase(venues, _history, model.Disease, model.Policy);
        if (venuePhase is not null)
        {
            parts.Add(venuePhase);
        }
        if (!model.MassTesting.IsDefaultOrEmpty)
        {
            parts.Add(new MassTestingPhase(model.MassTesting, policy.Colours, testKinds, _lab, _state.Daily, policy.Enabled));
        }
        if (model.Importations is { } importations)
        {
            _importation = new ImportationPhase(importations, _history, _state.Daily.AddPartColumn(ImportationPhase.ImportedInfections));
            parts.Add(_importation);
        }
        if (travel is not null)
        {
            var travelPhase = new TravelPhase(travel, region!, world.Size, _history, model, _state.Daily, policy, _healthCode.Actions);
            parts.Add(travelPhase);
            if (venuePhase is not null)
            {
                parts.Add(new TravelVenuesPhase(travelPhase, venuePhase, venues!));
            }
        }
        if (_state.Districts is { } districts)
        {
            parts.Add(new DistrictRiskPhase(districts, _state.Daily));
        }
        if (People.AttributeOutputsPhase.SplitAttribute(model) is { } split)
        {
            parts.Add(new People.AttributeOutputsPhase(_state.Attributes!.Declared.Find(split)!.Column, _state.Daily));
        }
        if (model.Data is not null)
        {
            parts.Add(new Regimes.DataRegimePhase(_state.Daily));
        }
        _loop = DayLoop.Of(parts);
    }

    /// <summary>
    /// The daily columns of the parts <paramref name="model"/> switches on beyond the core, in the order a run adds them
    /// (daily.parquet holds them after the core columns; every variant of a scenario must have the same).
    /// </summary>
    public static IReadOnlyList<PartColumn> PartColumns(ModelConfig model) =>
    [
        .. TestLabColumns.IsOn(model) ? TestLabColumns.For(TestLab.KindsOf(model)) : [],
        .. model.CentralIsolation is null ? [] : new[] { CentralBeds.OverflowColumn, CentralBeds.TurnedAwayColumn },
        .. model.Tracing is null ? [] : new[] { TracingCapacity.ContactsTracedColumn, TracingCapacity.BacklogColumn },
        .. TracingYield.IsOn(model) ? TracingYield.Columns : [],
        .. model.MassTesting.IsDefaultOrEmpty ? [] : new[] { MassTestingPhase.OrderedColumn },
        .. model.Importations is null ? [] : new[] { ImportationPhase.ImportedInfections },
        .. model.Districts is null ? [] : DistrictRiskPhase.Columns([.. model.Districts.Levels.Select(l => l.Name)]),
        .. People.AttributeOutputsPhase.SplitAttribute(model) is null ? [] : People.AttributeOutputsPhase.Columns,
        .. model.Travel is null ? [] : TravelPhase.Columns,
        .. model.Data is null ? [] : Regimes.DataRegimePhase.Columns,
    ];

    /// <summary>The model's policy compiled for its test kinds (conditions to delegates, names to indices).</summary>
    public static CompiledPolicy CompilePolicy(ModelConfig model) =>
        CompiledPolicy.Compile(model.Policy, TestLab.KindsOf(model).Select(k => k.Name).ToArray(), People.DeclaredAttributes.Of(model.Attributes), model.Score);

    /// <summary>Whether a rule reads a fact kept in <see cref="TestHistory"/> (only then are its columns allocated).</summary>
    private static bool ReadsTestHistory(CompiledPolicy policy)
    {
        var bits = policy.Registry.FactBits(TestHistory.Facts);
        return policy.Rules.Any(r => (r.FactsRead & bits) != 0);
    }

    /// <summary>The compiled policy this run applies.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>The phases in day-loop order.</summary>
    public IReadOnlyList<IDayPhase> Phases => _loop.Phases;

    /// <summary>The state, for tests and library users who inspect agents after a run.</summary>
    public SimulationState State => _state;

    /// <summary>Runs every day. <paramref name="onDayDone"/> is called after each day (for progress).</summary>
    public RunResult Run(string variant, int variantIndex, int replicate, Action? onDayDone = null, CancellationToken cancellationToken = default)
    {
        SeedInfections();
        for (var day = 0; day < _model.Days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunDay(day);
            onDayDone?.Invoke();
            if (_model.StopWhenClear && IsClear(day))
            {
                _state.Daily.StopAfter(day);
                for (var skipped = day + 1; skipped < _model.Days; skipped++)
                {
                    onDayDone?.Invoke();
                }
                break;
            }
        }
        return Result(variant, variantIndex, replicate);
    }

    /// <summary>Runs one day; days must be run in order from 0 after <see cref="SeedInfections"/>.</summary>
    public void RunDay(int day) => _loop.RunDay(_state, day);

    /// <summary>
    /// Nothing left to happen but background fevers: nobody infected, nobody flagged or confined, no test or trace
    /// outstanding. (With background illness and fever rules this rarely holds; it is meant for short epidemics.)
    /// </summary>
    private bool IsClear(int day)
    {
        var daily = _state.Daily;
        return _state.Infected.Count == 0 && daily.Flagged[day] == 0
            && daily.QuarantinedHome[day] + daily.QuarantinedCentral[day] == 0
            && !_state.Traces.HasPending && !_lab.HasPending && !_state.VenueExposureQueue.HasPending
            && !(_importation?.ExpectsAfter(day) ?? false) && !_healthCode.HasPendingTraces;
    }

    /// <summary>The result as of the days run so far.</summary>
    public RunResult Result(string variant, int variantIndex, int replicate) => new()
    {
        Variant = variant,
        VariantIndex = variantIndex,
        Replicate = replicate,
        Daily = _state.Daily,
        Summary = RunSummaryBuilder.Build(variant, replicate, _state.Seed, _state.Daily, _state.Agents, _state.Records, _state.Venues, _state.CodeHolders.WithoutCode),
        PhaseTimes = _loop.PhaseTimes(),
        Events = _state.Details.Events ?? [],
        Transmissions = _state.Details.Transmissions ?? [],
    };

    /// <summary>Infects <c>initial_infected</c> distinct people chosen uniformly (stream InitialInfection) on day 0.</summary>
    public void SeedInfections()
    {
        var agents = _state.Agents;
        var wanted = Math.Min(_model.Disease.InitialInfected, agents.Size);
        var chosen = new List<int>(wanted);
        for (var draw = 0; chosen.Count < wanted; draw++)
        {
            var agent = CounterRng.Below(_state.Seed, RngStream.InitialInfection, 0, draw, 0, agents.Size);
            if (agents.Stage[agent] == DiseaseStage.Susceptible)
            {
                _history.Infect(agents, agent, 0, _state.Seed);
                _state.Details.Events?.Add(new PersonEvent(0, agent, PersonEventKind.Stage, (byte)DiseaseStage.Susceptible, (byte)DiseaseStage.Exposed, "initial"));
                chosen.Add(agent);
            }
        }
        chosen.Sort();
        _state.Infected.AddRange(chosen);
        _state.Today.NewInfections += chosen.Count;
    }
}
