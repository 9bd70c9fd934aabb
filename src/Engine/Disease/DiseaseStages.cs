using System.Runtime.CompilerServices;

namespace Hcsim.Engine.Disease;

/// <summary>Predicates over <see cref="DiseaseStage"/> used everywhere, so "infected" means one thing.</summary>
public static class DiseaseStages
{
    /// <summary>Exposed or infectious.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsInfected(DiseaseStage s) => s is >= DiseaseStage.Exposed and <= DiseaseStage.Asymptomatic;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsInfectious(DiseaseStage s) => s is >= DiseaseStage.Presymptomatic and <= DiseaseStage.Asymptomatic;

    /// <summary>Susceptible or recovered (dead people are neither infected nor uninfected).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsUninfected(DiseaseStage s) => s is DiseaseStage.Susceptible or DiseaseStage.Recovered;
}
