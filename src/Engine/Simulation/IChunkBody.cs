namespace Hcsim.Engine.Simulation;

/// <summary>
/// The work of one chunk of a data-parallel loop, as a struct that carries what the chunks read (state, day, buffers),
/// so a phase hands its values to the loop instead of stashing them in fields for a delegate.
/// </summary>
public interface IChunkBody
{
    void Run(int chunk);
}
