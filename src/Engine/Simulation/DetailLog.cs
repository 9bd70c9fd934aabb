using Hcsim.Engine.Metrics;

namespace Hcsim.Engine.Simulation;

/// <summary>The detail a run records when asked: each list is null when its recording is off.</summary>
public sealed class DetailLog
{
    public DetailLog(DetailOptions options)
    {
        Events = options.Events ? [] : null;
        Transmissions = options.Transmissions ? [] : null;
    }

    public List<PersonEvent>? Events { get; }
    public List<TransmissionRecord>? Transmissions { get; }
}
