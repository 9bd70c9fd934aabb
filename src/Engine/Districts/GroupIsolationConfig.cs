using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Districts;

/// <summary>
/// The <c>isolate_household</c> and <c>isolate_district</c> actions: confine every living member of the person's
/// household or district, at home or centrally, from tomorrow, for <see cref="Days"/> days.
/// </summary>
public sealed record GroupIsolationConfig
{
    /// <summary><c>home</c> or <c>central</c>.</summary>
    public string Where { get; init; } = "home";
    /// <summary>Days of confinement; absent means until released (not allowed for a district).</summary>
    public NumberOrParameter? Days { get; init; }
}
