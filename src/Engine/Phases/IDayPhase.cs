using Hcsim.Engine.Simulation;

namespace Hcsim.Engine.Phases;

/// <summary>One step of the day loop. A phase keeps only configuration and scratch buffers; state lives in <see cref="SimulationState"/>.</summary>
public interface IDayPhase
{
    string Name { get; }
    void Step(SimulationState state, int day);
}
