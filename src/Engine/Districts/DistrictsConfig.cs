using System.Collections.Immutable;

namespace Hcsim.Engine.Districts;

/// <summary>
/// The <c>districts:</c> section: people live in districts, contiguous blocks of households, whose risk level follows
/// their confirmed cases. Absent (null in <see cref="Scenarios.ModelConfig"/>) means no districts: the part is not in
/// the day loop and rules cannot read district facts or use district actions.
/// </summary>
public sealed record DistrictsConfig
{
    /// <summary>Districts, when <see cref="PeoplePerDistrict"/> is 0.</summary>
    public int Count { get; init; } = 10;
    /// <summary>When above 0, the number of districts is population.size / this, rounded (at least 1), instead of <see cref="Count"/>.</summary>
    public int PeoplePerDistrict { get; init; }
    /// <summary>Coefficient of variation of the districts' target sizes (lognormal, mean 1); 0 = equal sizes.</summary>
    public double SizeCv { get; init; }
    /// <summary>Days of the trailing window over which confirmed cases are counted, today included.</summary>
    public int WindowDays { get; init; } = 14;
    /// <summary>A district steps down one level after this many days without a new case (and this many days at its level).</summary>
    public int QuietDays { get; init; } = 14;
    /// <summary>Risk levels from lowest to highest; the first must have <c>min_cases: 0</c>.</summary>
    public ImmutableArray<DistrictLevelConfig> Levels { get; init; } =
    [
        new DistrictLevelConfig { Name = "low", MinCases = 0 },
        new DistrictLevelConfig { Name = "medium", MinCases = 1 },
        new DistrictLevelConfig { Name = "high", MinCases = 50 },
    ];

    /// <summary>The number of districts for a population of <paramref name="populationSize"/> people.</summary>
    public int CountFor(int populationSize) =>
        PeoplePerDistrict > 0 ? Math.Max(1, (int)Math.Round((double)populationSize / PeoplePerDistrict, MidpointRounding.AwayFromZero)) : Count;
}
