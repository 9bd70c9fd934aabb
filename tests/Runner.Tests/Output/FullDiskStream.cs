namespace Hcsim.Runner.Tests.Output;

/// <summary>
/// A file stream that fails like a full disk once more than <c>capacity</c> bytes have been written to it: the
/// IOException the operating system gives (ENOSPC), without needing a small filesystem or root.
/// </summary>
public sealed class FullDiskStream : Stream
{
    public const string Message = "No space left on device";

    private readonly FileStream _inner;
    private long _left;

    public FullDiskStream(string path, long capacity)
    {
        _inner = new FileStream(path, FileMode.CreateNew);
        _left = capacity;
    }

    public override bool CanRead => false;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => true;
    public override long Length => _inner.Length;
    public override long Position { get => _inner.Position; set => _inner.Position = value; }

    public override void Flush() => _inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
    public override void SetLength(long value) => _inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Take(buffer.Length);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Take(buffer.Length);
        await _inner.WriteAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Take(int bytes)
    {
        if (bytes > _left)
        {
            _left = 0;
            throw new IOException(Message);
        }
        _left -= bytes;
    }
}
