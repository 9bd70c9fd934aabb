using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Phases;

/// <summary>
/// The metrics phase counts most people by blocks of byte columns and only flagged or possibly confined people one by
/// one (issue 17): its counts must equal a plain recount by the columns' definitions, whatever the mix of people in a
/// block, on every day, while colours, stages and confinement spells change from day to day.
/// </summary>
public sealed class MetricsPhaseScanTests
{
    private static readonly string[] Colours = ["green", "yellow", "red", "black"];

    [Theory]
    [InlineData(70_017, 1)]
    [InlineData(70_017, 2)]
    [InlineData(45, 1)]
    public void Step_ColoursAndSpellsChangeEveryDay_CountsEqualAPlainRecount(int people, int threads)
    {
        const int days = 6;
        var world = World.FromParts(new byte[people], [people], Enumerable.Repeat(-1, people).ToArray(), Enumerable.Repeat(-1, people).ToArray(), []);
        var state = new SimulationState(world, days, Colours, seed: 1, new ParallelOptions { MaxDegreeOfParallelism = threads });
        var metrics = new MetricsPhase(Colours.Length);
        var random = new System.Random(17);
        for (var day = 0; day < days; day++)
        {
            Scramble(state.Agents, day, random);
            var expectedMarks = state.Agents.Marks.ToArray();
            var expected = Recount(state.Agents, day, expectedMarks);

            metrics.Step(state, day);

            foreach (var column in state.Daily.Columns())
            {
                if (expected.TryGetValue(column.Name, out var value))
                {
                    Assert.True(value == column.Values[day], $"day {day}, {people} people, {threads} threads: {column.Name} should equal the plain recount {value}, got {column.Values[day]}");
                }
            }
            Assert.True(expectedMarks.AsSpan().SequenceEqual(state.Agents.Marks),
                $"day {day}: exactly the alive people confined tomorrow should be marked confined (and while infected when infected)");
        }
    }

    /// <summary>
    /// New stages, colours and spells for everybody: long quiet runs (green, never confined) between busy stretches
    /// where every field is random, spells ending before, on and after tomorrow included.
    /// </summary>
    private static void Scramble(AgentState a, int day, System.Random random)
    {
        var i = 0;
        while (i < a.Size)
        {
            var run = Math.Min(a.Size - i, random.Next(1, 120));
            var busy = random.Next(3) == 0;
            for (var end = i + run; i < end; i++)
            {
                a.Stage[i] = (DiseaseStage)random.Next(7);
                if (!busy && random.Next(50) != 0)
                {
                    a.Colour[i] = 0;
                    a.Confinement[i] = ConfinementKind.None;
                    a.ConfinementStartDay[i] = AgentState.Never;
                    a.ConfinementEndDay[i] = AgentState.Never;
                    a.PreviousConfinement[i] = ConfinementKind.None;
                    a.PreviousConfinementStartDay[i] = 0;
                    a.PreviousConfinementEndDay[i] = 0;
                    continue;
                }
                a.Colour[i] = (byte)random.Next(random.Next(2) == 0 ? 1 : Colours.Length);
                a.Confinement[i] = (ConfinementKind)random.Next(3);
                a.PreviousConfinement[i] = (ConfinementKind)random.Next(3);
                a.ConfinementStartDay[i] = SomeDay(day, random);
                a.ConfinementEndDay[i] = SomeDay(day, random);
                a.PreviousConfinementStartDay[i] = SomeDay(day, random);
                a.PreviousConfinementEndDay[i] = SomeDay(day, random);
            }
        }
    }

    private static ushort SomeDay(int day, System.Random random) =>
        random.Next(8) == 0 ? AgentState.Never : (ushort)Math.Max(0, day + random.Next(-3, 5));

    /// <summary>Every person-count column by its definition, person by person; marks confined people in <paramref name="marks"/>.</summary>
    private static Dictionary<string, int> Recount(AgentState a, int day, AgentMarks[] marks)
    {
        var counts = new Dictionary<string, int>();
        void Add(string name) => counts[name] = counts.GetValueOrDefault(name) + 1;
        foreach (var name in new[] { "susceptible", "exposed", "infectious", "recovered", "dead", "quarantined_home", "quarantined_central", "flagged",
            "flagged_never_infected", "flagged_infected", "flagged_recovered", "confined_never_infected", "confined_infected", "confined_recovered",
            "infectious_free", "infectious_unflagged" }.Concat(Colours))
        {
            counts[name] = 0;
        }
        for (var i = 0; i < a.Size; i++)
        {
            var stage = a.Stage[i];
            var infectious = DiseaseStages.IsInfectious(stage);
            Add(stage switch
            {
                DiseaseStage.Susceptible => "susceptible",
                DiseaseStage.Exposed => "exposed",
                DiseaseStage.Recovered => "recovered",
                DiseaseStage.Dead => "dead",
                _ => "infectious",
            });
            if (stage == DiseaseStage.Dead)
            {
                continue;
            }
            var status = stage == DiseaseStage.Susceptible ? "never_infected" : stage == DiseaseStage.Recovered ? "recovered" : "infected";
            Add(Colours[a.Colour[i]]);
            if (a.Colour[i] != 0)
            {
                Add("flagged");
                Add("flagged_" + status);
            }
            else if (infectious)
            {
                Add("infectious_unflagged");
            }
            var confinement = a.ConfinementOn(i, day + 1);
            if (confinement == ConfinementKind.None)
            {
                if (infectious)
                {
                    Add("infectious_free");
                }
                continue;
            }
            Add(confinement == ConfinementKind.Home ? "quarantined_home" : "quarantined_central");
            Add("confined_" + status);
            marks[i] |= AgentMarks.EverConfined | (status == "infected" ? AgentMarks.ConfinedWhileInfected : AgentMarks.None);
        }
        return counts;
    }
}
