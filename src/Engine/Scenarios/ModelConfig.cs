using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>Everything one run needs except the seed: the settings a variant may override.</summary>
public sealed record ModelConfig
{
    public int Days { get; init; } = ScenarioDefaults.Days;
    /// <summary>Stop a run early once nobody is infected, flagged or confined and no test or trace is outstanding.</summary>
    public bool StopWhenClear { get; init; }
    public PopulationConfig Population { get; init; } = new();
    public LayersConfig Layers { get; init; } = new();
    public DiseaseConfig Disease { get; init; } = new();
    public BackgroundIllnessConfig BackgroundIllness { get; init; } = new();
    public CheckInConfig Checkin { get; init; } = new();
    /// <summary>Finite central isolation beds; null (the default) means unlimited.</summary>
    public CentralIsolationConfig? CentralIsolation { get; init; }
    /// <summary>Finite tracers and tracing coverage by layer; null (the default) means unlimited tracers finding every contact.</summary>
    public TracingConfig? Tracing { get; init; }
    /// <summary>Where each kind of record is held (central or device); null (the default) = everything central, no regime columns.</summary>
    public Hcsim.Engine.Regimes.DataRegimeConfig? Data { get; init; }
    /// <summary>Mass testing rounds; none (the default) switches the part off.</summary>
    public ImmutableArray<MassTestingRoundConfig> MassTesting { get; init; } = [];
    /// <summary>Infections arriving from outside; null (the default) switches the importation part off.</summary>
    public ImportationsConfig? Importations { get; init; }
    public ImmutableDictionary<string, TestKindConfig> Tests { get; init; } =
        ImmutableDictionary<string, TestKindConfig>.Empty.Add("pcr", new TestKindConfig());
    public PolicyConfig Policy { get; init; } = new();
    /// <summary>Venue kinds; none (the default) = no venue layer.</summary>
    public Hcsim.Engine.Venues.VenuesConfig Venues { get; init; } = new();
    /// <summary>Districts and their risk levels; null (the default) switches the districts part off.</summary>
    public Hcsim.Engine.Districts.DistrictsConfig? Districts { get; init; }
    /// <summary>Person attributes by name; none (the default) = no attribute columns.</summary>
    public ImmutableDictionary<string, Hcsim.Engine.People.AttributeConfig> Attributes { get; init; } =
        ImmutableDictionary<string, Hcsim.Engine.People.AttributeConfig>.Empty;
    /// <summary>An expression over facts, attributes and parameters that becomes the fact <c>score</c>; empty = no score.</summary>
    public string Score { get; init; } = "";
    /// <summary>Travel between the scenario's regions; null (the default) = no travel. Needs <c>regions</c>.</summary>
    public Hcsim.Engine.Regions.TravelConfig? Travel { get; init; }
}
