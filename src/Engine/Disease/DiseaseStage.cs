namespace Hcsim.Engine.Disease;

/// <summary>Natural-history stage. Exposed is infected but not infectious; the three middle stages are infectious.</summary>
public enum DiseaseStage : byte
{
    Susceptible = 0,
    Exposed = 1,
    Presymptomatic = 2,
    Symptomatic = 3,
    Asymptomatic = 4,
    Recovered = 5,
    Dead = 6,
}
