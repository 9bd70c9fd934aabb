using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;

namespace Hcsim.Engine.Metrics;

/// <summary>Derives a run's summary from its daily metrics, final agent state and data records; definitions in <see cref="RunSummary"/>.</summary>
public static class RunSummaryBuilder
{
    /// <summary>"Still rising at the end" compares the last day with this many days earlier.</summary>
    public const int RisingLookbackDays = 7;

    public static RunSummary Build(string variant, int replicate, ulong seed, DailyMetrics daily, AgentState agents, DataRecords records, Venues.VenueTotals venues, int peopleWithoutCode = 0)
    {
        // The day after the last simulated one: the confinement counted in the last row is the one in force then.
        var afterEnd = daily.DaysSimulated;
        int infected = 0, neverInfectedFlagged = 0, peopleConfined = 0, neverInfectedConfined = 0, confinedWhileInfected = 0;
        int casesDetected = 0, falseConfirmations = 0, confinedAtEnd = 0, openAtEnd = 0;
        long daysAfterEnd = 0;
        for (var i = 0; i < agents.Size; i++)
        {
            var marks = agents.Marks[i];
            var neverInfected = agents.Stage[i] == DiseaseStage.Susceptible;
            if (!neverInfected)
            {
                infected++;
            }
            if ((marks & AgentMarks.EverFlagged) != 0 && neverInfected)
            {
                neverInfectedFlagged++;
            }
            if ((marks & AgentMarks.EverConfined) != 0)
            {
                peopleConfined++;
                neverInfectedConfined += neverInfected ? 1 : 0;
            }
            confinedWhileInfected += (marks & AgentMarks.ConfinedWhileInfected) != 0 ? 1 : 0;
            casesDetected += (marks & AgentMarks.PositiveSampledInfected) != 0 ? 1 : 0;
            falseConfirmations += (marks & AgentMarks.PositiveSampledNeverInfected) != 0 ? 1 : 0;
            if (agents.Stage[i] != DiseaseStage.Dead && agents.ConfinementOn(i, afterEnd) != ConfinementKind.None)
            {
                confinedAtEnd++;
                var end = agents.ConfinementEndDay[i];
                if (end == AgentState.Never)
                {
                    openAtEnd++;
                }
                else
                {
                    daysAfterEnd += end - afterEnd;
                }
            }
        }
        long quarantine = 0, flagged = 0, missed = 0, unflagged = 0;
        long confinedNever = 0, confinedInfected = 0, confinedRecovered = 0, flaggedNever = 0, flaggedInfected = 0, flaggedRecovered = 0;
        int peakInfectious = 0, peakQuarantined = 0, tests = 0, positives = 0, truePositives = 0;
        for (var d = 0; d < daily.DaysSimulated; d++)
        {
            var confined = daily.QuarantinedHome[d] + daily.QuarantinedCentral[d];
            quarantine += confined;
            confinedNever += daily.ConfinedNeverInfected[d];
            confinedInfected += daily.ConfinedInfected[d];
            confinedRecovered += daily.ConfinedRecovered[d];
            flagged += daily.Flagged[d];
            flaggedNever += daily.FlaggedNeverInfected[d];
            flaggedInfected += daily.FlaggedInfected[d];
            flaggedRecovered += daily.FlaggedRecovered[d];
            missed += daily.InfectiousFree[d];
            unflagged += daily.InfectiousUnflagged[d];
            tests += daily.Tests[d];
            positives += daily.PositiveTests[d];
            truePositives += daily.PositiveTestsInfected[d];
            peakInfectious = Math.Max(peakInfectious, daily.Infectious[d]);
            peakQuarantined = Math.Max(peakQuarantined, confined);
        }
        var last = daily.DaysSimulated - 1;
        var before = Math.Max(0, last - RisingLookbackDays);
        double? PerCase(double value) => casesDetected == 0 ? null : value / casesDetected;
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
            NeverInfectedConfinedPersonDays = confinedNever,
            InfectedConfinedPersonDays = confinedInfected,
            RecoveredConfinedPersonDays = confinedRecovered,
            FlaggedPersonDays = flagged,
            NeverInfectedFlaggedPersonDays = flaggedNever,
            InfectedFlaggedPersonDays = flaggedInfected,
            RecoveredFlaggedPersonDays = flaggedRecovered,
            FalsePositiveShare = flagged == 0 ? null : (double)flaggedNever / flagged,
            NeverInfectedFlagged = neverInfectedFlagged,
            PeopleConfined = peopleConfined,
            NeverInfectedConfined = neverInfectedConfined,
            ConfinedWhileInfected = confinedWhileInfected,
            MissedPersonDays = missed,
            InfectiousUnflaggedPersonDays = unflagged,
            TestsTotal = tests,
            PositiveTestsTotal = positives,
            CasesDetected = casesDetected,
            FalseConfirmations = falseConfirmations,
            ConfirmationPpv = positives == 0 ? null : (double)truePositives / positives,
            NeverInfectedConfinedPerCase = PerCase(neverInfectedConfined),
            NeverInfectedConfinedPersonDaysPerCase = PerCase(confinedNever),
            ConfinedAtEnd = confinedAtEnd,
            ConfinementDaysAfterEnd = daysAfterEnd,
            OpenConfinementsAtEnd = openAtEnd,
            ConfinementRisingAtEnd = last >= 0 && Confined(daily, last) > Confined(daily, before),
            EpidemicRisingAtEnd = last >= 0 && Infected(daily, last) > Infected(daily, before),
            RecordsCheckins = records.Checkins,
            RecordsTests = records.Tests,
            RecordsScans = records.Scans,
            RecordsContactsConsulted = records.ContactsConsulted,
            RecordsScansConsulted = records.ScansConsulted,
            RecordsPaperPasses = records.PaperPasses,
            DataRecords = records.Total,
            PeopleLookedUp = records.PeopleLookedUp,
            VenueVisits = venues.Visits,
            VenueRefusals = venues.Refusals,
            PeopleWithoutCode = peopleWithoutCode,
            PartTotals = PartTotals.Compute(daily),
        };
    }

    private static int Confined(DailyMetrics daily, int day) => daily.QuarantinedHome[day] + daily.QuarantinedCentral[day];

    private static int Infected(DailyMetrics daily, int day) => daily.Exposed[day] + daily.Infectious[day];
}
