using System.Collections.Immutable;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

/// <summary>Builds small scenarios and run results with known numbers, standing in for the engine.</summary>
public static class SyntheticRuns
{
    public static readonly ImmutableArray<string> Colours = ["green", "yellow", "red"];

    public static Scenario Scenario(int variants = 2, int replicates = 3, int days = 6, string? counterfactual = "no_codes")
    {
        var names = new List<string> { "no_codes", "codes_2020", "short_yellow", "venue_scan" };
        return new Scenario
        {
            Name = "synthetic",
            Description = "A synthetic scenario for writer tests.",
            Replicates = replicates,
            Counterfactual = counterfactual,
            Variants = [.. names.Take(variants).Select(n => new ScenarioVariant { Name = n, Model = new ModelConfig { Days = days } })],
        };
    }

    /// <summary>Every run of the scenario, in (variant index, replicate) order; values depend on variant, replicate, day.</summary>
    public static List<RunResult> All(Scenario scenario)
    {
        var runs = new List<RunResult>();
        for (var v = 0; v < scenario.Variants.Length; v++)
        {
            for (var r = 0; r < scenario.Replicates; r++)
            {
                runs.Add(Run(scenario.Variants[v].Name, v, r, scenario.Variants[v].Model.Days));
            }
        }
        return runs;
    }

    public static RunResult Run(string variant, int variantIndex, int replicate, int days, int population = 1000)
    {
        var daily = new DailyMetrics(days, Colours);
        for (var d = 0; d < days; d++)
        {
            var k = 100 * variantIndex + 10 * replicate;
            daily.Exposed[d] = k + d;
            daily.Infectious[d] = k + 2 * d;
            daily.Susceptible[d] = population - daily.Exposed[d] - daily.Infectious[d];
            daily.QuarantinedHome[d] = variantIndex * d;
            daily.QuarantinedCentral[d] = replicate;
            daily.ColourCounts[0][d] = population - 3 * d * variantIndex;
            daily.ColourCounts[1][d] = 2 * d * variantIndex;
            daily.ColourCounts[2][d] = d * variantIndex;
            daily.NewInfections[d] = d + replicate;
            daily.Flagged[d] = 3 * d * variantIndex;
            daily.FlaggedNeverInfected[d] = d * variantIndex;
            daily.FlaggedRecovered[d] = d * variantIndex;
            daily.ConfinedNeverInfected[d] = d * variantIndex / 2;
        }
        var total = 50 + 10 * replicate - 20 * variantIndex;
        var summary = new RunSummary
        {
            Variant = variant,
            Replicate = replicate,
            Seed = 1000UL + (ulong)replicate,
            Population = population,
            Days = days,
            TotalInfections = total,
            AttackRate = (double)total / population,
            PeakInfectious = 7 + variantIndex,
            PeakQuarantined = variantIndex * (days - 1) + replicate,
            QuarantinePersonDays = 123L * variantIndex + replicate,
            NeverInfectedConfinedPersonDays = 9L * variantIndex,
            InfectedConfinedPersonDays = 100L * variantIndex,
            RecoveredConfinedPersonDays = 14L * variantIndex + replicate,
            FlaggedPersonDays = 40L * variantIndex,
            NeverInfectedFlaggedPersonDays = 10L * variantIndex,
            InfectedFlaggedPersonDays = 20L * variantIndex,
            RecoveredFlaggedPersonDays = 10L * variantIndex,
            // Nobody is flagged in variant 0, so its share is undefined (null), as the engine would report it.
            FalsePositiveShare = variantIndex == 0 ? null : 0.25 + 0.01 * replicate,
            NeverInfectedFlagged = 3 * variantIndex,
            PeopleConfined = 6 * variantIndex,
            NeverInfectedConfined = 2 * variantIndex,
            ConfinedWhileInfected = 3 * variantIndex,
            MissedPersonDays = 11L + replicate,
            InfectiousUnflaggedPersonDays = 13L + replicate,
            TestsTotal = 5 * replicate,
            PositiveTestsTotal = 2 * replicate,
            CasesDetected = replicate,
            FalseConfirmations = 0,
            ConfirmationPpv = replicate == 0 ? null : 0.5,
            NeverInfectedConfinedPerCase = replicate == 0 ? null : 2.0 * variantIndex / replicate,
            NeverInfectedConfinedPersonDaysPerCase = replicate == 0 ? null : 9.0 * variantIndex / replicate,
            ConfinedAtEnd = variantIndex * (days - 1) + replicate,
            ConfinementDaysAfterEnd = 5L * variantIndex,
            OpenConfinementsAtEnd = replicate,
            ConfinementRisingAtEnd = variantIndex > 0,
            EpidemicRisingAtEnd = false,
            RecordsCheckins = 900L + replicate,
            RecordsTests = 5L * replicate,
            RecordsScans = 50L * variantIndex,
            RecordsContactsConsulted = 30L * variantIndex,
            RecordsScansConsulted = 20L * variantIndex,
            RecordsPaperPasses = 3L * variantIndex,
            DataRecords = 900L + 6L * replicate + 103L * variantIndex,
            PeopleLookedUp = 4 * variantIndex,
            VenueVisits = 48L * variantIndex,
            VenueRefusals = 2L * variantIndex,
            PeopleWithoutCode = 7,
        };
        return new RunResult
        {
            Variant = variant,
            VariantIndex = variantIndex,
            Replicate = replicate,
            Daily = daily,
            Summary = summary,
            PhaseTimes = new Dictionary<string, TimeSpan> { ["transmission"] = TimeSpan.FromMilliseconds(10), ["metrics"] = TimeSpan.FromMilliseconds(1) },
        };
    }

    public static RunContext Context(int threads = 2) => new()
    {
        Source = "synthetic.yaml",
        ScenarioSha256 = new string('0', 64),
        Overrides = ["seed=7"],
        Threads = threads,
        HcsimVersion = "test",
    };
}
