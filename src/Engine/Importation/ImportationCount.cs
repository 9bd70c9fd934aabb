using System.Collections.Immutable;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Importation;

/// <summary>
/// How many infections arrive on a day: the daily rate within [start_day, end_day] (a Poisson count drawn from stream
/// <see cref="RngStream.Importation"/> with one uniform per day, or the fixed rate with fractions carried over) plus the
/// scheduled count of that day. A pure function of (config, seed, day).
/// </summary>
public sealed class ImportationCount
{
    private readonly ImportationsConfig _config;
    private readonly bool _fixed;
    private readonly ImmutableDictionary<int, int> _scheduled;
    private readonly int _lastScheduledDay;

    public ImportationCount(ImportationsConfig config)
    {
        _config = config;
        _fixed = config.Distribution == "fixed";
        _scheduled = config.Schedule.GroupBy(s => s.Day).ToImmutableDictionary(g => g.Key, g => g.Sum(s => s.Count));
        _lastScheduledDay = config.Schedule.Select(s => s.Day).DefaultIfEmpty(-1).Max();
    }

    public int On(int day, ulong seed)
    {
        var count = _scheduled.GetValueOrDefault(day);
        if (_config.DailyRate > 0 && day >= _config.StartDay && day <= _config.EndDay)
        {
            count += _fixed ? FixedOn(day) : Poisson(_config.DailyRate, CounterRng.Uniform(seed, RngStream.Importation, day, -1, 0));
        }
        return count;
    }

    public bool ExpectsAfter(int day) =>
        day < _lastScheduledDay || (_config.DailyRate > 0 && day < _config.EndDay);

    /// <summary>floor((k + 1) rate) - floor(k rate) on the k-th day of the window: exactly the rate on average, no drift.</summary>
    private int FixedOn(int day)
    {
        var k = day - _config.StartDay;
        return (int)(Math.Floor((k + 1) * _config.DailyRate) - Math.Floor(k * _config.DailyRate));
    }

    /// <summary>The Poisson(<paramref name="mean"/>) count whose cumulative probability first reaches <paramref name="u"/> (inversion).</summary>
    public static int Poisson(double mean, double u)
    {
        var p = Math.Exp(-mean);
        var cumulative = p;
        var k = 0;
        while (u > cumulative && p > 0)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
}
