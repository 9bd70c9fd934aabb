using System.Collections.Immutable;

namespace Hcsim.Engine.Testing;

/// <summary>
/// A test kind as the lab uses it. <paramref name="SensitivityByDay"/> (default empty: flat <paramref name="Sensitivity"/>)
/// gives the sensitivity by days since infection on the sampling day; later days use its last value.
/// </summary>
public sealed record TestKind(
    string Name,
    double Sensitivity,
    double Specificity,
    int TurnaroundDays,
    int CapacityPerDay,
    int CostPerTest = 0,
    ImmutableArray<double> SensitivityByDay = default)
{
    /// <summary>The chance an infected person's sample is positive, <paramref name="daysSinceInfection"/> days after infection.</summary>
    public double SensitivityOn(int daysSinceInfection) =>
        SensitivityByDay.IsDefaultOrEmpty ? Sensitivity : SensitivityByDay[Math.Clamp(daysSinceInfection, 0, SensitivityByDay.Length - 1)];
}
