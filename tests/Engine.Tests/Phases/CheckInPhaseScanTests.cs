using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Random;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>
/// The check-in loop draws in vector blocks and decides without branches (issue 17): on a busy, changing population it
/// must give exactly what the rule says person by person (the loop as first written, kept here as the reference).
/// </summary>
public sealed class CheckInPhaseScanTests
{
    [Theory]
    [InlineData(40_003, 2, "policy", 0.0)]
    [InlineData(40_003, 1, "colour", 0.05)]
    [InlineData(301, 1, "policy", 0.03)]
    public void Step_BusyPopulation_EqualsThePersonByPersonRule(int people, int threads, string clock, double fatigue)
    {
        const int days = 5;
        var ages = Enumerable.Range(0, people).Select(i => (byte)(i % 90)).ToArray();
        var world = World.FromParts(ages, [people], Enumerable.Repeat(-1, people).ToArray(), Enumerable.Repeat(-1, people).ToArray(), []);
        var codes = CodeHolders.Of(world, [new AgeShareConfig { MinAge = 60, MaxAge = 89, Share = 0.5 }], seed: 9);
        var state = new SimulationState(world, days, ["green", "yellow", "red"], seed: 4, new ParallelOptions { MaxDegreeOfParallelism = threads }, codes: codes);
        var config = new CheckInConfig
        {
            Probability = 0.7, FeverReportProbability = 0.6, CentralCheckProbability = 0.8, CentralFeverDetectionProbability = 0.5,
            FatiguePerDay = fatigue, FatigueFloor = 0.3, FatigueClock = clock,
        };
        var phase = new CheckInPhase(config, recorded: true);
        var random = new System.Random(5);
        long records = 0;
        for (var day = 0; day < days; day++)
        {
            Scramble(state.Agents, day, random);
            var expected = Copy(state.Agents);
            var expectedReports = new List<int>();
            records += Reference(expected, state, config, day, expectedReports);

            phase.Step(state, day);

            var a = state.Agents;
            Assert.True(a.CheckInDay.AsSpan().SequenceEqual(expected.CheckInDay), $"day {day}: check-in days should follow the rule person by person");
            Assert.True(a.HealthyStreak.AsSpan().SequenceEqual(expected.HealthyStreak), $"day {day}: healthy streaks should follow the rule person by person (the dead untouched)");
            Assert.True(a.FeverReportDay.AsSpan().SequenceEqual(expected.FeverReportDay), $"day {day}: fever report days should follow the rule");
            Assert.True(state.FeverReports.SequenceEqual(expectedReports), $"day {day}: the fever reports should be the same people in ascending order");
            Assert.True(records == state.Records.Checkins, $"day {day}: every check-in should be counted as a record ({records}), got {state.Records.Checkins}");
        }
    }

    /// <summary>Random stages (some dead), colours and their ages, fevers and confinement spells, in runs of similar people.</summary>
    private static void Scramble(AgentState a, int day, System.Random random)
    {
        for (var i = 0; i < a.Size; i++)
        {
            a.Stage[i] = random.Next(12) == 0 ? DiseaseStage.Dead : (DiseaseStage)random.Next(6);
            a.Colour[i] = (byte)random.Next(3);
            a.ColourSinceDay[i] = (ushort)random.Next(day + 3);
            a.FeverEndDay[i] = (ushort)(random.Next(5) == 0 ? day + random.Next(0, 3) : 0);
            a.HealthyStreak[i] = (ushort)random.Next(20);
            a.Confinement[i] = (ConfinementKind)random.Next(3);
            a.ConfinementStartDay[i] = (ushort)Math.Max(0, day + random.Next(-3, 2));
            a.ConfinementEndDay[i] = random.Next(6) == 0 ? AgentState.Never : (ushort)Math.Max(0, day + random.Next(-2, 4));
            a.PreviousConfinement[i] = (ConfinementKind)random.Next(3);
            a.PreviousConfinementStartDay[i] = (ushort)Math.Max(0, day + random.Next(-5, 0));
            a.PreviousConfinementEndDay[i] = (ushort)Math.Max(0, day + random.Next(-3, 2));
        }
        // The last spell of a person never confined is None, as AgentState keeps it.
        for (var i = 0; i < a.Size; i += 7)
        {
            a.Confinement[i] = ConfinementKind.None;
        }
    }

    private static AgentState Copy(AgentState a)
    {
        var copy = new AgentState(a.Size);
        a.CheckInDay.CopyTo(copy.CheckInDay, 0);
        a.HealthyStreak.CopyTo(copy.HealthyStreak, 0);
        a.FeverReportDay.CopyTo(copy.FeverReportDay, 0);
        return copy;
    }

    /// <summary>The check-in rule for one person at a time, as the phase first implemented it; writes into <paramref name="expected"/>.</summary>
    private static long Reference(AgentState expected, SimulationState state, CheckInConfig config, int day, List<int> reports)
    {
        var a = state.Agents;
        var checkInKey = CounterRng.DayKey(state.Seed, RngStream.CheckIn, day);
        var reportKey = CounterRng.DayKey(state.Seed, RngStream.FeverReport, day);
        double Fatigued(int t) => config.FatiguePerDay > 0 ? Math.Max(config.FatigueFloor, Math.Pow(1 - config.FatiguePerDay, t)) : 1;
        long checkins = 0;
        for (var i = 0; i < a.Size; i++)
        {
            if (a.Stage[i] == DiseaseStage.Dead)
            {
                continue;
            }
            // As the phase reads it: the current spell's kind first (a spell starting tomorrow over a central one is never made).
            var central = a.Confinement[i] == ConfinementKind.Central && a.ConfinementOn(i, day) == ConfinementKind.Central;
            var t = config.FatigueClock == "colour" ? Math.Clamp(day - a.ColourSinceDay[i], 0, day) : day;
            var p = central ? config.CentralCheckProbability : config.Probability * Fatigued(t);
            if ((!central && !state.CodeHolders.Has(i)) || CounterRng.Keyed(checkInKey, (ulong)i) >= CounterRng.Threshold(p))
            {
                expected.HealthyStreak[i] = 0;
                continue;
            }
            expected.CheckInDay[i] = (ushort)day;
            checkins++;
            var report = central ? config.CentralFeverDetectionProbability : config.FeverReportProbability;
            if (day < a.FeverEndDay[i] && CounterRng.Keyed(reportKey, (ulong)i) < CounterRng.Threshold(report))
            {
                expected.FeverReportDay[i] = (ushort)day;
                expected.HealthyStreak[i] = 0;
                reports.Add(i);
            }
            else
            {
                expected.HealthyStreak[i]++;
            }
        }
        return checkins;
    }
}
