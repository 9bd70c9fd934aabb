using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Natural history: susceptible -> exposed -> presymptomatic -> symptomatic, or exposed -> asymptomatic; then recovered
/// (or dead). Default durations follow COVID-19 estimates (incubation about 5 days: Lauer et al. 2020,
/// https://doi.org/10.7326/M20-0504; asymptomatic share about 0.3: Buitrago-Garcia et al. 2020,
/// https://doi.org/10.1371/journal.pmed.1003346).
/// </summary>
public sealed record DiseaseConfig
{
    /// <summary>People infected (exposed) on day 0, chosen at random.</summary>
    public int InitialInfected { get; init; } = 20;
    public DurationConfig LatentDays { get; init; } = new() { MeanDays = 3, SdDays = 1 };
    public DurationConfig PresymptomaticDays { get; init; } = new() { MeanDays = 2, SdDays = 1 };
    public DurationConfig SymptomaticDays { get; init; } = new() { MeanDays = 8, SdDays = 3 };
    public DurationConfig AsymptomaticDays { get; init; } = new() { MeanDays = 8, SdDays = 3 };
    /// <summary>Share of infections that never show symptoms, in [0, 1].</summary>
    public double AsymptomaticShare { get; init; } = 0.3;
    /// <summary>Share of symptomatic infections that have fever for the whole symptomatic stage, in [0, 1].</summary>
    public double FeverProbability { get; init; } = 0.8;
    /// <summary>Share of symptomatic infections that end in death rather than recovery, in [0, 1].</summary>
    public double DeathProbability { get; init; } = 0.0;
    public InfectiousnessConfig Infectiousness { get; init; } = new();
    /// <summary>Relative susceptibility by age band; people in no band have factor 1.</summary>
    public ImmutableArray<AgeFactorConfig> SusceptibilityByAge { get; init; } = [];
}
