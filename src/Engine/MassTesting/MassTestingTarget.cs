using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.MassTesting;

/// <summary>
/// Who a round asks and who takes part: people of its colours and age band; of them a share (stream
/// <see cref="RngStream.MassTestingShare"/>) is asked, and each asked person takes part with the participation
/// probability (stream <see cref="RngStream.MassTestingParticipation"/>). Draws are keyed by (day, person, round).
/// </summary>
public sealed class MassTestingTarget
{
    private readonly ulong _colours;
    private readonly int _minAge;
    private readonly int _maxAge;
    private readonly double _share;
    private readonly double _participation;
    private readonly int _round;

    public MassTestingTarget(MassTestingRoundConfig config, IReadOnlyList<string> colours, int round)
    {
        _colours = config.Colours.IsDefaultOrEmpty
            ? ulong.MaxValue
            : config.Colours.Aggregate(0UL, (mask, c) => mask | (1UL << IndexOf(colours, c)));
        _minAge = config.MinAge;
        _maxAge = config.MaxAge;
        _share = config.Share;
        _participation = config.Participation;
        _round = round;
    }

    /// <summary>Whether the person, holding colour index <paramref name="colour"/> and aged <paramref name="age"/>, is tested today.</summary>
    public bool Takes(int agent, byte colour, int age, int day, ulong seed) =>
        (_colours & (1UL << colour)) != 0 && age >= _minAge && age <= _maxAge
        && (_share >= 1 || CounterRng.Uniform(seed, RngStream.MassTestingShare, day, agent, _round) < _share)
        && (_participation >= 1 || CounterRng.Uniform(seed, RngStream.MassTestingParticipation, day, agent, _round) < _participation);

    private static int IndexOf(IReadOnlyList<string> colours, string colour)
    {
        for (var i = 0; i < colours.Count; i++)
        {
            if (colours[i] == colour)
            {
                return i;
            }
        }
        throw new ArgumentException($"unknown colour '{colour}'", nameof(colour));
    }
}
