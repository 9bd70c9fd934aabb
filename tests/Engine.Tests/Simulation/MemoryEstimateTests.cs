using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Tests.Simulation;

public sealed class MemoryEstimateTests
{
    private static Scenario Default(params string[] overrides) => ScenarioLoader.LoadDefault(overrides);

    [Fact]
    public void For_DefaultScenario_IsCloseToTheMeasuredFootprint()
    {
        // Measured peak resident memory for 1 M people, degree 10, one thread: about 240 MB (docs/performance.md).
        // The estimate may sit a little under a measurement (the run term depends on the epidemic), never far.
        var estimate = MemoryEstimate.For(Default("population.size=1000000"), threads: 1);

        Assert.InRange(estimate.TotalBytes, 190L << 20, 480L << 20);
    }

    [Fact]
    public void AgentColumnBytesPerPerson_MatchesTheAgentStateColumns()
    {
        var state = new Hcsim.Engine.Agents.AgentState(1);
        var bytes = typeof(Hcsim.Engine.Agents.AgentState).GetProperties()
            .Select(p => p.GetValue(state))
            .OfType<Array>()
            .Sum(column => (long)System.Runtime.InteropServices.Marshal.SizeOf(column.GetType().GetElementType()!.IsEnum
                ? Enum.GetUnderlyingType(column.GetType().GetElementType()!)
                : column.GetType().GetElementType()!));

        Assert.True(bytes == MemoryEstimate.AgentColumnBytesPerPerson,
            $"MemoryEstimate should count the agent columns' {bytes} bytes per person, not {MemoryEstimate.AgentColumnBytesPerPerson}");
    }

    [Fact]
    public void For_MoreThreads_HoldsMoreRunsButNeverMoreThanTheRuns()
    {
        var scenario = Default("replicates=2");

        Assert.Equal(1, MemoryEstimate.For(scenario, 1).RunsAtOnce);
        Assert.Equal(4, MemoryEstimate.For(scenario, 4).RunsAtOnce);
        Assert.Equal(8, MemoryEstimate.For(scenario, 64).RunsAtOnce);
        Assert.True(MemoryEstimate.For(scenario, 4).TotalBytes > MemoryEstimate.For(scenario, 1).TotalBytes);
    }

    [Fact]
    public void For_LargerPopulationOrDegree_EstimatesMore()
    {
        var small = MemoryEstimate.For(Default(), 2).TotalBytes;

        Assert.True(MemoryEstimate.For(Default("population.size=400000"), 2).TotalBytes > small);
        Assert.True(MemoryEstimate.For(Default("population.community.mean_degree=30"), 2).TotalBytes > small);
    }

    [Fact]
    public void For_VariantWithOwnPopulation_CountsBothWorlds()
    {
        var shared = MemoryEstimate.For(Default(), 1).WorldBytes;
        var text = DefaultScenario.Text.Replace("      checkin.probability: 0.75", "      checkin.probability: 0.75\n      population.size: 100000", StringComparison.Ordinal);

        var twoWorlds = MemoryEstimate.For(ScenarioLoader.Load(text, "two-worlds.yaml", []), 1).WorldBytes;

        Assert.Equal(shared + shared / 2, twoWorlds);
    }

    [Fact]
    public void Format_Bytes_UsesBinaryUnits()
    {
        Assert.Equal("512 B", MemoryEstimate.Format(512));
        Assert.Equal("1.5 KB", MemoryEstimate.Format(1536));
        Assert.Equal("2 GB", MemoryEstimate.Format(2L << 30));
    }
}
