namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// The exact law of one uninfected person's fever reports under background illness, as a Markov chain over the
/// person's fever state on a day: healthy, or on day 1..F of a fever.
/// </summary>
/// <remarks>
/// Engine semantics it encodes (BackgroundIllnessPhase, CheckInPhase): a person with no fever today
/// (FeverEndDay &lt;= day) starts one with probability f and has fever on that day and the next F - 1 days; a new
/// fever can start on the day right after one ends, so from fever day F the chain goes to fever day 1 with
/// probability f, as from healthy. Everyone checks in (probability 1), and on each fever day the person reports it
/// with probability h, independently (stream FeverReport keyed by day and person). Fever starts and reports do not
/// depend on the person's code, quarantine or test, and different people are independent, which is what makes
/// exact expectations of code counts possible. Probabilities are for the stationary chain; started from "everybody
/// healthy" the chain is within 1e-6 of it after a few weeks (its other eigenvalues are about f^(1/F) in size).
/// </remarks>
internal sealed class FeverReportChain
{
    private readonly double _feverRate;
    private readonly double _reportProbability;
    private readonly double[] _stationary;

    public FeverReportChain(double feverRate, int feverDays, double reportProbability)
    {
        _feverRate = feverRate;
        _reportProbability = reportProbability;
        FeverDays = feverDays;
        var v = new double[feverDays + 1];
        v[0] = 1;
        for (var i = 0; i < 100_000; i++)
        {
            var next = Step(v);
            var change = 0.0;
            for (var s = 0; s < v.Length; s++)
            {
                change += Math.Abs(next[s] - v[s]);
            }
            v = next;
            if (change < 1e-15)
            {
                break;
            }
        }
        _stationary = v;
    }

    public int FeverDays { get; }

    /// <summary>Stationary probability of having fever on a given day.</summary>
    public double FeverShare => 1 - _stationary[0];

    /// <summary>
    /// P(no report on <paramref name="quietDays"/> consecutive days, then a report on each of the next
    /// <paramref name="reportDays"/> days), for the stationary chain.
    /// </summary>
    public double Pattern(int quietDays, int reportDays = 0)
    {
        var v = (double[])_stationary.Clone();
        for (var day = 0; day < quietDays + reportDays; day++)
        {
            if (day > 0)
            {
                v = Step(v);
            }
            var report = day >= quietDays;
            for (var s = 1; s < v.Length; s++)
            {
                v[s] *= report ? _reportProbability : 1 - _reportProbability;
            }
            if (report)
            {
                v[0] = 0;
            }
        }
        return v.Sum();
    }

    // One day's transition of the (possibly unnormalised) distribution over states 0 = healthy, s = fever day s.
    private double[] Step(double[] v)
    {
        var next = new double[v.Length];
        var mayStart = v[0] + v[FeverDays];
        next[0] = mayStart * (1 - _feverRate);
        next[1] = mayStart * _feverRate;
        for (var s = 1; s < FeverDays; s++)
        {
            next[s + 1] = v[s];
        }
        return next;
    }
}
