using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Metrics;

/// <summary>Derives a run's summary from its daily metrics and final agent state; definitions in <see cref="RunSummary"/>.</summary>
public static class RunSummaryBuilder
{
    public static RunSummary Build(string variant, int replicate, ulong seed, DailyMetrics daily, AgentState agents)
    {
        var infected = 0;
        var neverInfectedFlagged = 0;
        for (var i = 0; i < agents.Size; i++)
        {
            if (agents.Stage[i] != DiseaseStage.Susceptible)
            {
                infected++;
            }
            else if ((agents.Marks[i] & AgentMarks.EverFlagged) != 0)
            {
                neverInfectedFlagged++;
            }
        }
        long quarantine = 0, flagged = 0, flaggedUninfected = 0, missed = 0, uninfectedQuarantine = 0;
        int peakInfectious = 0, peakQuarantined = 0, tests = 0;
        for (var d = 0; d < daily.DaysSimulated; d++)
        {
            var confined = daily.QuarantinedHome[d] + daily.QuarantinedCentral[d];
            quarantine += confined;
            flagged += daily.Flagged[d];
            flaggedUninfected += daily.FlaggedUninfected[d];
            missed += daily.InfectiousFree[d];
            uninfectedQuarantine += daily.QuarantinedUninfected[d];
            tests += daily.Tests[d];
            peakInfectious = Math.Max(peakInfectious, daily.Infectious[d]);
            peakQuarantined = Math.Max(peakQuarantined, confined);
        }
        return new RunSummary
        {
            Variant = variant,
            Replicate = replicate,
            Seed = seed,
            Population = agents.Size,
            Days = daily.DaysSimulated,
            StoppedEarly = daily.DaysSimulated < daily.Days,
            TotalInfections = infected,
            AttackRate = agents.Size == 0 ? 0 : (double)infected / agents.Size,
            PeakInfectious = peakInfectious,
            PeakQuarantined = peakQuarantined,
            QuarantinePersonDays = quarantine,
            FlaggedPersonDays = flagged,
            FalsePositiveShare = flagged == 0 ? null : (double)flaggedUninfected / flagged,
            NeverInfectedFlagged = neverInfectedFlagged,
            MissedPersonDays = missed,
            UninfectedQuarantinePersonDays = uninfectedQuarantine,
            TestsTotal = tests,
        };
    }
}
