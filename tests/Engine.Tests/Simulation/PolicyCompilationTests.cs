using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>Rules are compiled once per variant and shared by its runs.</summary>
public sealed class PolicyCompilationTests
{
    [Fact]
    public void Constructor_Scenario_CompilesOnePolicyPerVariant()
    {
        var scenario = ScenarioLoader.LoadDefault(["replicates=3"]);

        var execution = new ScenarioExecution(scenario, new ExecutionOptions { Threads = 1 });

        Assert.Equal(scenario.Variants.Length, execution.Policies.Length);
        Assert.True(execution.Policies.Distinct().Count() == scenario.Variants.Length, "each variant should have its own compiled policy, compiled once");
    }

    [Fact]
    public void SimulationRun_GivenACompiledPolicy_AppliesThatPolicy()
    {
        var model = Deterministic2020();
        var disabled = SimulationRun.CompilePolicy(model with { Policy = model.Policy with { Enabled = false } });
        var run = new SimulationRun(Households([2]), model, disabled, 7, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        run.State.Agents.FeverEndDay[0] = 1;
        run.SeedInfections();

        run.RunDay(0);

        Assert.Same(disabled, run.Policy);
        Assert.True(run.State.Agents.Colour[0] == Green, "the run should apply the policy it was given (here: codes switched off), not compile its own");
    }
}
