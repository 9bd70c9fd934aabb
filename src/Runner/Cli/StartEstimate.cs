using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;

namespace Hcsim.Runner.Cli;

/// <summary>What a run will take, said before it starts (by <c>hcsim run</c> for a large run and by <c>hcsim validate</c>).</summary>
public sealed record StartEstimate
{
    /// <summary>Runs estimated at this many seconds or more are announced before they start.</summary>
    public const double LargeRunSeconds = 60;
    /// <summary>Runs estimated at this much memory or more are announced before they start.</summary>
    public const long LargeRunBytes = 1L << 30;

    public required MemoryEstimate Memory { get; init; }
    public required AvailableMemory Available { get; init; }
    public required RunTimeEstimate Time { get; init; }

    public static StartEstimate For(Scenario scenario, int threads, int runsAtOnce, AvailableMemory available) => new()
    {
        Memory = MemoryEstimate.For(scenario, runsAtOnce),
        Available = available,
        Time = RunTimeEstimate.For(scenario, threads, Environment.ProcessorCount),
    };

    public bool IsLarge => Time.Seconds >= LargeRunSeconds || Memory.TotalBytes >= LargeRunBytes;

    /// <summary>"estimated memory 1.2 GB (...) of 20 GB available (MemAvailable in /proc/meminfo); estimated run time about 12 min (...)".</summary>
    public override string ToString() =>
        $"estimated memory {Memory} of {MemoryEstimate.Format(Available.Bytes)} available ({Available.Source}); estimated run time {Time}";
}
