using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Xunit.Abstractions;

namespace Hcsim.Engine.Tests.Validation;

/// <summary>
/// Check 3: with no epidemic, only background fever, the 2020 rules as shipped give the mean numbers of red and yellow
/// people that an exact calculation (and Little's law, mean count = entries per day x mean time in the colour) predicts.
/// </summary>
/// <remarks>
/// The red count. Under the shipped rules a fever report turns a person red (from green or yellow; a red one stays
/// red) and resets the healthy streak; a red person turns green at the check-in where the streak reaches red_days = R.
/// A positive test also sets red, but it only follows a report, when the person is red anyway; a trace sets yellow,
/// which never lowers red and does not reset the streak. So a person is red at the end of day t exactly when they
/// reported fever on some day in [t - R + 1, t]: mean reds / N = 1 - w(R), where w(L) is the stationary probability
/// of no report on L consecutive days (<see cref="FeverReportChain"/>). Red spells start at rate
/// lambda = P(no report on R days, then a report) = w(R) - w(R + 1) per person-day, and Little's law gives the mean
/// time red, W = (1 - w(R)) / lambda (14 days plus the extensions by later reports).
/// The yellow count (households of 2, PCR specificity s &lt; 1, q = 1 - s). When A turns red on day d (a report, none
/// in the R days before), a PCR is sampled that day (A has no test pending: A's last order is at least R + 1 days
/// old) with the result on d + 1; if positive, tracing on d + 1 covers days d - 1..d + 1, A is free on day d (central
/// isolation starts d + 1) and finds B if B is free on d, i.e. B not red at the end of d - 1; B is reached on d + 2
/// and turns yellow if still green (not red at the end of d + 1, no report on d + 2). If the first result is negative
/// and A reports again on d + 1 (probability r1 given the spell start), a second PCR sampled on d + 1 is positive with
/// probability q and its trace (days d..d + 2, A free only on d) reaches B on d + 3. Later results find nobody: A is in
/// central isolation on every traced day. B then stays yellow until the 7th healthy check-in (yellow_days = Y days
/// yellow) or until B's own report turns B red. All of this concerns B's reports only in a window, so with
/// w() for B (independent of A): a spell start yields yellow at the end of day (d + 2 + k) with probability
/// q w(R + 3 + k) and at the end of day (d + 3 + k) with probability (1 - q) r1 q w(R + 4 + k), k = 0..Y - 1.
/// Every yellow spell of B comes from one spell start of A, A's starts are at least R + 1 days apart and a yellow
/// spell ends within d + 9 &lt; d + R + 1, so spells never overlap and mean yellows / N =
/// lambda q sum_k [w(R + 3 + k) + (1 - q) r1 w(R + 4 + k)]. This is exact, not an approximation.
/// </remarks>
public class CodeDynamicsTests(ITestOutputHelper output)
{
    private const double FeverRate = 0.01;
    private const int FeverDays = 3;
    private const double ReportProbability = 0.7;
    private const int Days = 320;
    // Time averages over days 120..319: the fever chain is stationary to 1e-6 within a few weeks, and the colour
    // states depend on at most the last R + 4 days of reports.
    private const int FirstAveragedDay = 120;

    private static ModelConfig Model(double specificity) => TinyWorlds.Deterministic2020(Days) with
    {
        BackgroundIllness = new BackgroundIllnessConfig { DailyRate = FeverRate, FeverDays = FeverDays },
        // Staff check central isolation like the app: everyone is checked every day and reports with probability h.
        Checkin = new CheckInConfig
        {
            Probability = 1,
            FeverReportProbability = ReportProbability,
            CentralCheckProbability = 1,
            CentralFeverDetectionProbability = ReportProbability,
        },
        Tests = ImmutableDictionary<string, TestKindConfig>.Empty.Add("pcr",
            new TestKindConfig { Sensitivity = 1, Specificity = specificity, TurnaroundDays = 1 }),
    };

    /// <summary>Per household, the mean over the averaged days of its members' counts in each colour.</summary>
    private static (double[] Red, double[] Yellow, double NewRedPerDay) Simulate(World world, ModelConfig model)
    {
        var run = TinyWorlds.Run(world, model, seed: 77, threads: 2);
        run.SeedInfections();
        var households = world.HouseholdCount;
        var red = new double[households];
        var yellow = new double[households];
        long newReds = 0;
        for (var day = 0; day < Days; day++)
        {
            run.RunDay(day);
            if (day < FirstAveragedDay)
            {
                continue;
            }
            var colour = run.State.Agents.Colour;
            for (var i = 0; i < colour.Length; i++)
            {
                if (colour[i] == TinyWorlds.Red)
                {
                    red[world.HouseholdOf[i]]++;
                }
                else if (colour[i] == TinyWorlds.Yellow)
                {
                    yellow[world.HouseholdOf[i]]++;
                }
            }
            newReds += run.State.Daily.NewColour[TinyWorlds.Red][day];
        }
        var averaged = Days - FirstAveragedDay;
        for (var h = 0; h < households; h++)
        {
            red[h] /= averaged;
            yellow[h] /= averaged;
        }
        return (red, yellow, (double)newReds / averaged);
    }

    // Households are independent (fevers, reports and test draws are per person; tracing stays inside a household),
    // so the standard error of the total mean count is sqrt(households) times the sd of the per-household means.
    private static double StandardErrorOfTotal(double[] perHousehold)
    {
        var mean = perHousehold.Average();
        var variance = perHousehold.Sum(x => (x - mean) * (x - mean)) / (perHousehold.Length - 1);
        return Math.Sqrt(variance * perHousehold.Length);
    }

    private static int Param(ModelConfig model, string name) => (int)model.Policy.Params[name];

    [Fact]
    public void RedCount_BackgroundFeverOnly_MatchesLittlesLaw()
    {
        const int population = 80_000;
        var model = Model(specificity: 1);
        var redDays = Param(model, "red_days");
        var chain = new FeverReportChain(FeverRate, FeverDays, ReportProbability);
        var expectedRed = population * (1 - chain.Pattern(redDays));
        var entriesPerDay = population * (chain.Pattern(redDays) - chain.Pattern(redDays + 1));
        var meanDaysRed = expectedRed / entriesPerDay;

        var (red, yellow, newRedPerDay) = Simulate(TinyWorlds.Households(Enumerable.Repeat(1, population).ToArray()), model);
        var meanRed = red.Sum();
        var se = StandardErrorOfTotal(red);

        output.WriteLine($"reds: N={population}, f={FeverRate}, fever_days={FeverDays}, h={ReportProbability}, red_days={redDays}; " +
            $"theory entries/day={entriesPerDay:F2} x mean days red={meanDaysRed:F3} = {expectedRed:F1}; " +
            $"hcsim entries/day={newRedPerDay:F2}, mean red={meanRed:F1} (se {se:F1}), days {FirstAveragedDay}..{Days - 1}");

        Assert.True(yellow.Sum() == 0, "with a perfect test nobody is positive, so nobody is traced and nobody is yellow");
        // Tolerance 1 %: about 4 standard errors of the mean red count (se printed, about 0.25 %: 80,000 independent people over 200 days).
        Assert.True(se < 0.003 * expectedRed, $"the run should be long and large enough for a 1 % check, se was {se:F1}");
        Assert.True(Math.Abs(meanRed - expectedRed) < 0.01 * expectedRed,
            $"mean red count should be {expectedRed:F1} +- 1 %, was {meanRed:F1}");
        // Entries are nearly independent across days (one person's spell starts are at least 15 days apart); about
        // 134,000 of them in 200 days give a Poisson relative standard error of 0.27 %, so 1 % is about 4 of them.
        Assert.True(Math.Abs(newRedPerDay - entriesPerDay) < 0.01 * entriesPerDay,
            $"new reds per day should be {entriesPerDay:F2} +- 1 %, was {newRedPerDay:F2}");
    }

    [Fact]
    public void YellowCount_FalsePositiveTestsTraceHousehold_MatchesExactExpectation()
    {
        const int households = 20_000;
        const double specificity = 0.8;
        var model = Model(specificity);
        var redDays = Param(model, "red_days");
        var yellowDays = Param(model, "yellow_days");
        Assert.True(Param(model, "trace_days") == 3, "the derivation assumes 3 traced days (d - 1..d + 1 for a result on d + 1)");

        var chain = new FeverReportChain(FeverRate, FeverDays, ReportProbability);
        var q = 1 - specificity;
        var spellStart = chain.Pattern(redDays, 1);
        var reportsNextDay = chain.Pattern(redDays, 2) / spellStart;
        var perPerson = 0.0;
        for (var k = 0; k < yellowDays; k++)
        {
            perPerson += spellStart * q * (chain.Pattern(redDays + 3 + k) + (1 - q) * reportsNextDay * chain.Pattern(redDays + 4 + k));
        }
        var expectedYellow = 2 * households * perPerson;
        var expectedRed = 2 * households * (1 - chain.Pattern(redDays));

        var (red, yellow, _) = Simulate(TinyWorlds.Households(Enumerable.Repeat(2, households).ToArray()), model);
        var meanYellow = yellow.Sum();
        var meanRed = red.Sum();
        var se = StandardErrorOfTotal(yellow);

        output.WriteLine($"yellows: {households} households of 2, PCR specificity={specificity}, f={FeverRate}, h={ReportProbability}, " +
            $"yellow_days={yellowDays}; theory yellow={expectedYellow:F1}, red={expectedRed:F1}; " +
            $"hcsim yellow={meanYellow:F1} (se {se:F1}), red={meanRed:F1}");

        // Tolerance 4 %: about 4 standard errors of the mean yellow count (se printed, about 1 %).
        Assert.True(se < 0.012 * expectedYellow, $"the run should be large enough for a 4 % check, se was {se:F1}");
        Assert.True(Math.Abs(meanYellow - expectedYellow) < 0.04 * expectedYellow,
            $"mean yellow count should be {expectedYellow:F1} +- 4 %, was {meanYellow:F1}");
        // Tracing never changes who is red (see the remarks), so the red formula holds here too.
        Assert.True(Math.Abs(meanRed - expectedRed) < 0.01 * expectedRed,
            $"mean red count should be {expectedRed:F1} +- 1 % with tracing as without, was {meanRed:F1}");
    }

    /// <summary>
    /// Little's law, L = lambda W, with check-ins that are missed: the mean red count L over a window against the rate
    /// lambda of red spells starting in it times the mean length W of those spells, each measured from the person's
    /// own days of turning red and turning green again (not defined as count over entries). With check-in probability
    /// p &lt; 1 a missed check-in breaks the healthy streak, so spells are long and variable and no closed form is
    /// used: the check is that the engine's daily red counts and its individual spells tell the same story. Run
    /// twice: with staff checking centrally isolated reds like the app (probability p, fevers found with h), and with
    /// the default staff check (every day, every fever found).
    /// </summary>
    [Theory]
    [InlineData(0.9, 0.9, ReportProbability)]
    [InlineData(0.9, CheckInConfig.DefaultCentralCheckProbability, CheckInConfig.DefaultCentralFeverDetectionProbability)]
    public void RedSpells_MissedCheckIns_SatisfyLittlesLaw(double checkInProbability, double centralCheck, double centralDetection)
    {
        const int population = 20_000;
        const int windowStart = 100;
        const int windowEnd = 300;
        const int lastDay = 600;
        var model = Model(specificity: 1) with
        {
            Days = lastDay,
            Checkin = new CheckInConfig
            {
                Probability = checkInProbability,
                FeverReportProbability = ReportProbability,
                CentralCheckProbability = centralCheck,
                CentralFeverDetectionProbability = centralDetection,
            },
        };
        var world = TinyWorlds.Households(Enumerable.Repeat(1, population).ToArray());
        var run = TinyWorlds.Run(world, model, seed: 78, threads: 2);
        run.SeedInfections();
        var redSince = new int[population];
        Array.Fill(redSince, -1);
        long redPersonDays = 0, spells = 0, spellDays = 0, unfinished = 0;
        for (var day = 0; day < lastDay; day++)
        {
            run.RunDay(day);
            var colour = run.State.Agents.Colour;
            for (var i = 0; i < population; i++)
            {
                var red = colour[i] == TinyWorlds.Red;
                if (red && redSince[i] < 0)
                {
                    redSince[i] = day;
                }
                else if (!red && redSince[i] >= 0)
                {
                    // Red at the end of days redSince .. day - 1: a spell of day - redSince days.
                    if (redSince[i] >= windowStart && redSince[i] < windowEnd)
                    {
                        spells++;
                        spellDays += day - redSince[i];
                    }
                    redSince[i] = -1;
                }
                if (red && day >= windowStart && day < windowEnd)
                {
                    redPersonDays++;
                }
            }
        }
        for (var i = 0; i < population; i++)
        {
            unfinished += redSince[i] >= windowStart && redSince[i] < windowEnd ? 1 : 0;
        }
        const int windowDays = windowEnd - windowStart;
        var meanRed = (double)redPersonDays / windowDays;
        var entriesPerDay = (double)spells / windowDays;
        var meanDaysRed = (double)spellDays / spells;

        output.WriteLine($"Little's law, checkin.probability={checkInProbability}, central check={centralCheck}, central detection={centralDetection}, " +
            $"N={population}, f={FeverRate}, h={ReportProbability}: mean red L={meanRed:F1}; spells starting in days {windowStart}..{windowEnd - 1}: " +
            $"{spells} ({entriesPerDay:F2}/day), mean length W={meanDaysRed:F2} days; lambda W={entriesPerDay * meanDaysRed:F1}; " +
            $"still red on day {lastDay - 1}: {unfinished}");

        Assert.True(unfinished * 1000 < spells, $"almost every spell that starts in the window should end within {lastDay - windowEnd} days after it ({unfinished} of {spells} did not)");
        Assert.True(spells > 1000, $"the window should see enough spells to measure their mean length, saw {spells}");
        // Tolerance 3 %: the two sides differ only by the spells that straddle the window's edges (W / window, about
        // 10 % of the spells, whose in-window and out-of-window parts balance in expectation) and by the noise of their
        // lengths; the printed numbers agree far closer than this.
        Assert.True(Math.Abs(meanRed - entriesPerDay * meanDaysRed) < 0.03 * meanRed,
            $"mean red count L={meanRed:F1} should equal entries per day x mean spell length = {entriesPerDay * meanDaysRed:F1} within 3 %");
    }
}
