using Hcsim.Engine.Errors;
using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Releases runs strictly in (variant index, replicate) order whatever order they finish in, so that
/// <c>daily.parquet</c> is byte-identical for any thread count. Holds only the runs that finished early.
/// </summary>
public sealed class RunReorderBuffer
{
    private readonly Dictionary<int, RunResult> _waiting = [];
    private readonly int _replicates;
    private readonly int _total;
    private int _next;

    public RunReorderBuffer(int variants, int replicates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variants);
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        _replicates = replicates;
        _total = variants * replicates;
    }

    /// <summary>Runs received but not yet released, because an earlier run is still missing.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>True once every expected run has been released.</summary>
    public bool IsComplete => _next == _total;

    public int Released => _next;

    /// <summary>Accepts one finished run and returns the runs that can now be written, in order (often none).</summary>
    public IReadOnlyList<RunResult> Add(RunResult run)
    {
        var position = run.VariantIndex * _replicates + run.Replicate;
        if (run.Replicate < 0 || run.Replicate >= _replicates || position < 0 || position >= _total)
        {
            throw new SimulationInvariantException($"run {run.Variant}/{run.Replicate} (variant index {run.VariantIndex}) is outside the scenario's {_total} runs");
        }
        if (position < _next || !_waiting.TryAdd(position, run))
        {
            throw new SimulationInvariantException($"run {run.Variant}/{run.Replicate} was delivered twice");
        }
        if (position != _next)
        {
            return [];
        }
        var ready = new List<RunResult>();
        while (_waiting.Remove(_next, out var next))
        {
            ready.Add(next);
            _next++;
        }
        return ready;
    }
}
