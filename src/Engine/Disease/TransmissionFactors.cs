using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Disease;

/// <summary>
/// The per-stage infectiousness and per-age susceptibility factors that multiply a layer's beta, as lookup tables for
/// the hot loops of every layer that transmits (the contact layers, venues).
/// </summary>
public static class TransmissionFactors
{
    /// <summary>Infectiousness indexed by <see cref="DiseaseStage"/>: the infectious stages' factors, 0 for the others.</summary>
    public static double[] InfectiousnessByStage(DiseaseConfig disease)
    {
        var infectiousness = new double[7];
        infectiousness[(int)DiseaseStage.Presymptomatic] = disease.Infectiousness.Presymptomatic;
        infectiousness[(int)DiseaseStage.Symptomatic] = disease.Infectiousness.Symptomatic;
        infectiousness[(int)DiseaseStage.Asymptomatic] = disease.Infectiousness.Asymptomatic;
        return infectiousness;
    }

    /// <summary>Relative susceptibility indexed by age in years (0..255): the first matching band's factor, else 1.</summary>
    public static double[] SusceptibilityByAge(DiseaseConfig disease)
    {
        var susceptibility = new double[256];
        for (var age = 0; age < 256; age++)
        {
            var factor = 1.0;
            foreach (var band in disease.SusceptibilityByAge)
            {
                if (age >= band.MinAge && age <= band.MaxAge)
                {
                    factor = band.Factor;
                    break;
                }
            }
            susceptibility[age] = factor;
        }
        return susceptibility;
    }
}
