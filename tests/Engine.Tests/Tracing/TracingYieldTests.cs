using System.Collections.Immutable;
using Hcsim.Engine.Agents;
using Hcsim.Engine.Disease;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Tracing;

/// <summary>The contact yield columns: traced contacts, and those infected when traced.</summary>
public sealed class TracingYieldTests
{
    private static int[] Column(SimulationRun run, string name) => run.State.Daily.Columns().Single(c => c.Name == name).Values;

    [Fact]
    public void Count_OneCaseWithOneInfectedContact_CountsThreeTracedAndOneInfected()
    {
        // Case 0 (symptomatic, reports fever on day 0, positive on day 1, traced on day 1, contacts reached on day 2)
        // lives with 3 others; agent 2 is exposed (infected) on the day the traces arrive.
        var run = Run(Households([4]), Deterministic2020(days: 3));
        var agents = run.State.Agents;
        agents.Stage[0] = DiseaseStage.Symptomatic;
        agents.InfectedDay[0] = 0;
        agents.NextStageDay[0] = 30;
        agents.FeverEndDay[0] = 30;
        agents.Stage[2] = DiseaseStage.Exposed;
        agents.InfectedDay[2] = 0;
        agents.NextStageDay[2] = 30;
        run.SeedInfections();
        for (var day = 0; day < 3; day++)
        {
            run.RunDay(day);
        }

        var traced = Column(run, "traced");
        var infected = Column(run, "traced_infected");
        Assert.True(traced.Sum() == 3, $"the case's 3 household contacts should be traced once each, got [{string.Join(", ", traced)}]");
        Assert.True(infected.Sum() == 1, $"one of them (agent 2, exposed) should count as infected when traced, got [{string.Join(", ", infected)}]");
        Assert.True(Array.FindIndex(traced, t => t > 0) == Array.FindIndex(infected, t => t > 0), "both are counted on the delivery day");

        var totals = PartTotals.Compute(run.State.Daily);
        var yield = totals.Single(t => t.Name == "contact_yield").Value;
        Assert.True(yield is { } y && Math.Abs(y - 1.0 / 3) < 1e-12, $"contact_yield should be 1/3, got {yield}");
    }

    [Fact]
    public void PartColumns_PolicyWithoutTraceAction_HasNoYieldColumns()
    {
        var model = Deterministic2020();
        var noTrace = model with
        {
            Policy = model.Policy with
            {
                Rules = [.. model.Policy.Rules.Select(r => r with { Do = [.. r.Do.Where(a => a.Trace is null)] }).Where(r => r.Do.Length > 0)],
            },
        };

        Assert.True(SimulationRun.PartColumns(model).Any(c => c.Name == "traced"), "the 2020 rules trace contacts, so traced is a column");
        Assert.False(SimulationRun.PartColumns(noTrace).Any(c => c.Name == "traced"), "a policy that never traces has no traced column");
        Assert.False(new SimulationRun(Households([2]), noTrace, 1, new ParallelOptions()).State.Daily.Columns().Any(c => c.Name.StartsWith("traced", StringComparison.Ordinal)),
            "a run of a policy that never traces keeps the daily table it had");
    }

    [Fact]
    public void Run_WithTracing_OtherColumnsUnchangedByCounting()
    {
        // The counts only read state: two runs agree on every core column, and traced_infected never exceeds traced.
        var scenario = ScenarioLoader.LoadDefault(["population.size=3000", "days=40"]);
        var model = scenario.Variants[0].Model;
        var world = WorldBuilder.Build(model.Population, scenario.Seed);
        var a = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 1 }).Run("a", 0, 0);
        var b = new SimulationRun(world, model, 11, new ParallelOptions { MaxDegreeOfParallelism = 2 }).Run("a", 0, 0);
        var traced = a.Daily.Columns().Single(c => c.Name == "traced").Values;
        var infected = a.Daily.Columns().Single(c => c.Name == "traced_infected").Values;

        Assert.True(traced.Sum() > 0, "the default scenario should trace some contacts in 40 days");
        Assert.True(traced.Zip(infected).All(p => p.Second <= p.First), "traced_infected is a part of traced every day");
        Assert.True(a.Daily.Columns().Zip(b.Daily.Columns()).All(p => p.First.Values.SequenceEqual(p.Second.Values)),
            "every column, traced ones included, is the same for 1 and 2 threads");
    }
}
