using System.Globalization;

namespace Hcsim.Runner.Output;

/// <summary>
/// The lock of an output folder <c>DIR</c>, taken before simulating so that a second run to the same folder stops at
/// once instead of after simulating everything. It is <c>DIR.lock/</c> beside the target: a file <c>lock</c> held open
/// exclusively for as long as this process works on <c>DIR</c> (the operating system releases it however the process
/// dies), and a file <c>owner</c> that says which process holds it, so the refusal can name it.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string Suffix = ".lock";
    public const string LockFileName = "lock";
    public const string OwnerFileName = "owner";

    private readonly string _folder;
    private FileStream? _stream;

    private OutputLock(string folder, FileStream stream)
    {
        _folder = folder;
        _stream = stream;
    }

    /// <summary>
    /// Takes the lock of <paramref name="target"/>; throws <see cref="OutputWriteException"/> naming the process that
    /// holds it, or saying why the folder cannot be created.
    /// </summary>
    public static OutputLock Acquire(string target)
    {
        var full = OutputFolder.FullPath(target);
        var folder = full + Suffix;
        FileStream stream;
        try
        {
            Directory.CreateDirectory(folder);
            stream = new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(Path.Combine(folder, LockFileName)))
        {
            throw new OutputWriteException(
                $"{full}: another hcsim run ({Owner(folder)}) is writing to this folder; wait for it to finish (or stop it), or choose another folder with --out", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"{folder}: cannot create the output folder: {e.Message}", e);
        }
        try
        {
            File.WriteAllText(Path.Combine(folder, OwnerFileName), string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new OutputWriteException($"{folder}: cannot create the output folder: {e.Message}", e);
        }
        return new OutputLock(folder, stream);
    }

    /// <summary>Releases the lock and removes <c>DIR.lock/</c>.</summary>
    public void Dispose()
    {
        if (_stream is null)
        {
            return;
        }
        try
        {
            File.Delete(Path.Combine(_folder, OwnerFileName));
            _stream.Dispose();
            _stream = null;
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run may already hold a new lock there; the folder is harmless either way.
        }
        finally
        {
            _stream?.Dispose();
            _stream = null;
        }
    }

    private static string Owner(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
            return text.Length > 0 ? text : "a process that has not said which";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "a process that has not said which";
        }
    }
}
