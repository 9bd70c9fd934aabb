using System.Threading.Channels;
using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Passes finished runs on to the results pipeline after saving each one as a checkpoint, so that every run the
/// pipeline has received survives a kill. Sits between the engine and the pipeline's channel; the engine does not know.
/// </summary>
public sealed class CheckpointingWriter : ChannelWriter<RunResult>
{
    private readonly ChannelWriter<RunResult> _inner;
    private readonly RunCheckpoints _checkpoints;

    public CheckpointingWriter(ChannelWriter<RunResult> inner, RunCheckpoints checkpoints)
    {
        _inner = inner;
        _checkpoints = checkpoints;
    }

    public override bool TryWrite(RunResult item)
    {
        if (!_inner.TryWrite(item))
        {
            return false;
        }
        _checkpoints.Save(item);
        return true;
    }

    public override async ValueTask WriteAsync(RunResult item, CancellationToken cancellationToken = default)
    {
        // Saved before it is handed on, so a run counted as delivered is always on disk too.
        _checkpoints.Save(item);
        await _inner.WriteAsync(item, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        _inner.WaitToWriteAsync(cancellationToken);

    public override bool TryComplete(Exception? error = null) => _inner.TryComplete(error);
}
