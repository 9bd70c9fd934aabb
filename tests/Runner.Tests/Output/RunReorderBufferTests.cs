using Hcsim.Engine.Errors;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class RunReorderBufferTests
{
    [Fact]
    public void Add_ShuffledCompletionOrder_ReleasesInVariantThenReplicateOrder()
    {
        var scenario = SyntheticRuns.Scenario(variants: 3, replicates: 4, days: 2);
        var inOrder = SyntheticRuns.All(scenario);
        var shuffled = inOrder.OrderBy(r => (r.Replicate * 7 + r.VariantIndex * 5) % 11).ThenBy(r => r.Variant).ToList();
        Assert.NotEqual(inOrder, shuffled);
        var buffer = new RunReorderBuffer(3, 4);

        var released = shuffled.SelectMany(buffer.Add).ToList();

        Assert.Equal(inOrder, released);
        Assert.True(buffer.IsComplete, "every run should have been released");
        Assert.Equal(0, buffer.Waiting);
    }

    [Fact]
    public void Add_LaterRunFirst_HoldsItUntilTheEarlierArrives()
    {
        var buffer = new RunReorderBuffer(1, 2);
        var second = SyntheticRuns.Run("a", 0, 1, 2);
        var first = SyntheticRuns.Run("a", 0, 0, 2);

        Assert.Empty(buffer.Add(second));
        Assert.Equal(1, buffer.Waiting);
        Assert.Equal([first, second], buffer.Add(first));
    }

    [Fact]
    public void Add_SameRunTwice_ThrowsInvariantException()
    {
        var buffer = new RunReorderBuffer(1, 2);
        buffer.Add(SyntheticRuns.Run("a", 0, 1, 2));
        Assert.Throws<SimulationInvariantException>(() => buffer.Add(SyntheticRuns.Run("a", 0, 1, 2)));
    }

    [Fact]
    public void Add_ReplicateOutsideScenario_ThrowsInvariantException()
    {
        var buffer = new RunReorderBuffer(2, 2);
        Assert.Throws<SimulationInvariantException>(() => buffer.Add(SyntheticRuns.Run("a", 0, 2, 2)));
    }
}
