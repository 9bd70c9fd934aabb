using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Engine.Tracing;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Tracing;

/// <summary>Delivery of traced events: one a person a day, every generation up to the depth, nothing left pending.</summary>
public sealed class TraceDeliveryTests
{
    private static readonly WorkerPool OneThread = new(1);

    [Fact]
    public void TakeDue_DaysOfTheSameSizeAfterTheFirst_AllocateNothing()
    {
        var queue = new TraceQueue(10);
        long bytes = 0;
        var count = 0;
        for (var day = 1; day < 6; day++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var segment = queue.RentSegment();
            for (var target = 50; target > 0; target--)
            {
                segment.Add(new TracedEvent(target, target % 7, (ContactLayer)(target % ContactLayers.Count), target % 3, 1));
            }
            queue.AddSegment(day, segment);
            count = queue.TakeDue(day, OneThread).Count;
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(50, count);
        // The segment, the day's list of segments, the sort (no boxed comparer) and the delivered list are all reused.
        Assert.True(bytes == 0, $"a day like the one before should allocate nothing, allocated {bytes} B");
    }

    [Fact]
    public void TakeDue_PersonReachedInAnEarlierRoundOfTheDay_IsNotDeliveredAgain()
    {
        var queue = new TraceQueue(days: 10);
        queue.AddSegment(5, [new TracedEvent(3, 0, ContactLayer.Household, 0, 1)]);
        Assert.Single(queue.TakeDue(5, OneThread));

        queue.AddSegment(5, [new TracedEvent(3, 1, ContactLayer.Household, 0, 2), new TracedEvent(4, 1, ContactLayer.Household, 0, 2)]);
        var second = queue.TakeDue(5, OneThread);

        Assert.True(second.Count == 1 && second[0].Target == 4, "a person already reached today should not get a second traced event the same day");
        queue.AddSegment(6, [new TracedEvent(3, 1, ContactLayer.Household, 0, 2)]);
        Assert.Single(queue.TakeDue(6, OneThread));
    }

    [Fact]
    public void AddSegment_DueOnOrAfterTheLastDay_LeavesNothingPending()
    {
        var queue = new TraceQueue(days: 10);

        queue.AddSegment(10, [new TracedEvent(3, 0, ContactLayer.Household, 0, 1)]);

        Assert.False(queue.HasPending, "a trace due after the last day can never be delivered, so it must not count as pending");
    }

    [Fact]
    public void Step_SameDayTracingDeeperThan16Generations_ReachesEveryGenerationUpToTheDepth()
    {
        // A path 0-1-2-...-29 in the community layer, every edge met every day; each traced person traces on at once.
        const int people = 30;
        const int depth = 20;
        var edges = Enumerable.Range(0, people - 1).Select(i => (i, i + 1)).ToArray();
        var world = World.FromParts(Enumerable.Repeat((byte)30, people).ToArray(), Enumerable.Repeat(1, people).ToArray(),
            Enumerable.Repeat(-1, people).ToArray(), Enumerable.Repeat(-1, people).ToArray(), edges);
        var trace = new ActionConfig { Trace = new TraceConfig { Layers = ["community"], Days = NumberOrParameter.Of(1), DelayDays = NumberOrParameter.Of(0) } };
        var baseModel = Deterministic2020(days: 3);
        var model = baseModel with
        {
            Layers = baseModel.Layers with { Community = new LayerConfig { ContactsPerDay = 100, Beta = 0 } },
            Policy = baseModel.Policy with
            {
                MaxTraceDepth = depth,
                Rules =
                [
                    new RuleConfig { Name = "fever", On = "fever_report", Do = [new ActionConfig { SetColour = "red" }, trace] },
                    new RuleConfig { Name = "contact", On = "traced", Do = [new ActionConfig { SetColour = "yellow" }, trace] },
                ],
            },
        };
        var run = Run(world, model);
        var agents = run.State.Agents;
        agents.FeverEndDay[0] = 1;
        run.SeedInfections();

        run.RunDay(0);

        Assert.True(Enumerable.Range(1, depth).All(i => agents.Colour[i] == Yellow), $"every generation up to depth {depth} should be reached the same day");
        Assert.True(agents.Colour[depth + 1] == Green, "tracing should stop at max_trace_depth");
        Assert.False(run.State.Traces.HasPending, "no traced event should be left waiting for a day already over");
    }

    [Fact]
    public void Load_MaxTraceDepthBeyondWhatTheEngineDelivers_IsAnError()
    {
        var text = DefaultScenario.Text.Replace("max_trace_depth: 1", $"max_trace_depth: {TracedEvent.MaxDepth + 1}", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "deep.yaml", []));

        Assert.Contains(error.Errors, e => e.SettingPath == "policy.max_trace_depth" && e.Message.Contains("at most 255", StringComparison.Ordinal));
    }
}
