using System.Collections.Immutable;

namespace Hcsim.Engine.Testing;

/// <summary>
/// A test kind as the lab uses it. <paramref name="SensitivityByDay"/> (default empty: flat <paramref name="Sensitivity"/>)
/// gives the sensitivity by days since infection on the sampling day; later days use its last value. With
/// <paramref name="PoolSize"/> k &gt; 1, samples are tested k to a tube (see <see cref="TestLab"/>).
/// </summary>
public sealed record TestKind(
    string Name,
    double Sensitivity,
    double Specificity,
    int TurnaroundDays,
    int CapacityPerDay,
    int CostPerTest = 0,
    ImmutableArray<double> SensitivityByDay = default,
    int PoolSize = 1,
    double PoolDilutionFactor = 1,
    int RetestTurnaroundDays = 1)
{
    /// <summary>The chance an infected person's sample is positive, <paramref name="daysSinceInfection"/> days after infection.</summary>
    public double SensitivityOn(int daysSinceInfection) =>
        SensitivityByDay.IsDefaultOrEmpty ? Sensitivity : SensitivityByDay[Math.Clamp(daysSinceInfection, 0, SensitivityByDay.Length - 1)];
}
