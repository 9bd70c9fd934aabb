using Hcsim.Engine.Phases;
using Hcsim.Engine.Simulation;
using static Hcsim.Engine.Tests.TinyWorlds;

namespace Hcsim.Engine.Tests.Simulation;

/// <summary>The day loop runs the parts switched on, each at its slot, whatever order they are given in.</summary>
public sealed class DayLoopTests
{
    [Fact]
    public void Of_PartsInAnyOrder_RunsThemInSlotOrder()
    {
        var seen = new List<string>();
        var loop = DayLoop.Of([new Probe("metrics", seen), new Probe("progression", seen), new Probe("health_code", seen)]);

        loop.RunDay(null!, 0);

        Assert.Equal(["progression", "health_code", "metrics"], seen);
    }

    [Fact]
    public void Of_PartWithoutASlot_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => DayLoop.Of([new Probe("no_such_part", [])]));

        Assert.Contains("DayLoop.Slots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_TwoPartsForOneSlot_Throws()
    {
        Assert.Throws<ArgumentException>(() => DayLoop.Of([new Probe("metrics", []), new Probe("metrics", [])]));
    }

    [Fact]
    public void SimulationRun_CoreModel_RunsTheCorePartsInTheDocumentedOrder()
    {
        var run = Run(Households([2]), Deterministic2020());

        // Every slot but those of parts a scenario switches on with its own section.
        Assert.Equal(DayLoop.Slots.Where(s => s is not ("travel" or "travel_venues" or "importation" or "mass_testing" or "venues" or "district_risk" or "attribute_outputs" or "data_regime")), run.Phases.Select(p => p.Name));
    }

    private sealed class Probe(string name, List<string> seen) : IDayPhase
    {
        public string Name => name;

        public void Step(SimulationState state, int day) => seen.Add(name);
    }
}
