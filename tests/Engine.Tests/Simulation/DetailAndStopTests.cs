using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

public class DetailAndStopTests
{
    private static readonly ModelConfig Baseline =
        ScenarioLoader.LoadDefault(["population.size=20000", "days=60", "disease.initial_infected=40"]).Variants[0].Model;
    private static readonly World SharedWorld = WorldBuilder.Build(Baseline.Population, 2);

    private static RunResult Run(ModelConfig model, DetailOptions details) =>
        new SimulationRun(SharedWorld, model, 3, new ParallelOptions { MaxDegreeOfParallelism = 2 }, details).Run("v", 0, 0);

    [Fact]
    public void Run_RecordingTransmissions_HasOneRowPerInfectionByAnInfectiousInfector()
    {
        var result = Run(Baseline with { Policy = Baseline.Policy with { Enabled = false } }, new DetailOptions { Transmissions = true });

        var transmissions = result.Transmissions;
        Assert.Equal(result.Summary.TotalInfections - 40, transmissions.Count);
        Assert.Equal(transmissions.Count, transmissions.Select(t => t.Infectee).Distinct().Count());
        Assert.All(transmissions, t => Assert.True(t.InfectorColour == 0 && t.InfectorConfinement == ConfinementKind.None,
            "without codes every infector is green and free"));
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Run_RecordingEvents_MatchesTheDailyCounts()
    {
        var result = Run(Baseline, new DetailOptions { Events = true });

        var events = result.Events;
        var infections = events.Count(e => e.Kind == PersonEventKind.Stage && e.From == (byte)DiseaseStage.Susceptible);
        Assert.Equal(result.Daily.NewInfections.Sum(), infections);
        for (var c = 1; c < 3; c++)
        {
            Assert.True(result.Daily.NewColour[c].Sum() == events.Count(e => e.Kind == PersonEventKind.Colour && e.To == c),
                $"colour events into colour {c} should equal the sum of its new_ column");
        }
        Assert.Contains(events, e => e.Kind == PersonEventKind.Confinement && e.Cause == "fever-reported");
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Day <= p.Second.Day), "events are in day order");
        Assert.Empty(result.Transmissions);
    }

    [Fact]
    public void Run_StopWhenClear_StopsOnceTheEpidemicIsOver()
    {
        var model = Baseline with
        {
            Days = 400,
            StopWhenClear = true,
            Policy = Baseline.Policy with { Enabled = false },
            BackgroundIllness = new BackgroundIllnessConfig { DailyRate = 0 },
        };

        var result = Run(model, DetailOptions.None);

        Assert.True(result.Summary.StoppedEarly, "a no-codes epidemic in 20,000 people is over well before day 400");
        Assert.True(result.Daily.DaysSimulated < 400 && result.Summary.Days == result.Daily.DaysSimulated);
        var last = result.Daily.DaysSimulated - 1;
        Assert.Equal(0, result.Daily.Exposed[last] + result.Daily.Infectious[last]);
    }
}
