using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// A mass testing round: on its days (every <see cref="EveryDays"/> days from <see cref="StartDay"/> to
/// <see cref="EndDay"/>, or the listed <see cref="Days"/>), each living person it targets (colours, age band, and a
/// <see cref="Share"/> of them) takes part with probability <see cref="Participation"/> and is ordered a test of
/// <see cref="Kind"/>.
/// </summary>
public sealed record MassTestingRoundConfig
{
    public string Name { get; init; } = "";
    /// <summary>The test kind ordered (a name in <c>tests</c>).</summary>
    public string Kind { get; init; } = "";
    public int EveryDays { get; init; } = 1;
    public int StartDay { get; init; }
    public int EndDay { get; init; } = ScenarioValidator.MaxDays;
    /// <summary>Listed days instead of every_days (when not empty).</summary>
    public ImmutableArray<int> Days { get; init; } = [];
    /// <summary>Only people holding one of these colours (everyone when empty).</summary>
    public ImmutableArray<string> Colours { get; init; } = [];
    public int MinAge { get; init; }
    public int MaxAge { get; init; } = ScenarioValidator.MaxAge;
    /// <summary>Share of the targeted people asked each round (drawn per person and round).</summary>
    public double Share { get; init; } = 1;
    /// <summary>Probability that an asked person takes part.</summary>
    public double Participation { get; init; } = 1;
}
