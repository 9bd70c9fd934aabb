using System.Globalization;

namespace Hcsim.Runner.Output;

/// <summary>
/// An output folder that appears whole or not at all. Files are written into a sibling temporary folder
/// <c>&lt;target&gt;.tmp-&lt;random&gt;</c>; <see cref="Commit"/> renames it to the target. Until then the temporary
/// folder holds an <see cref="IncompleteFile"/> that says what it is, and a <see cref="LockFile"/> held open for as long
/// as this process uses the folder, so another process can tell a live run from an interrupted one.
/// </summary>
/// <remarks>
/// Disposing without a commit deletes the temporary folder, unless it holds finished-run checkpoints
/// (<see cref="RunCheckpoints.Folder"/>): those are kept, marked incomplete, for <c>hcsim run --resume</c>, and
/// everything else in it (a half-written daily.parquet, plots) is deleted so that a full disk gets its space back. A
/// process that is killed leaves the temporary folder as it was, marked incomplete, and the previous results untouched;
/// a kill during the commit itself leaves a resumable or a complete folder at every step (see <see cref="CommitStep"/>).
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Present in a temporary folder until its commit; explains, in plain words, why the folder is not a result.</summary>
    public const string IncompleteFile = "INCOMPLETE";

    /// <summary>Held open (exclusively) by the process writing the folder; a lock that can be taken means nobody is.</summary>
    public const string LockFile = ".lock";

    private const string TemporaryMarker = ".tmp-";
    private const string CompletedMarker = ".done-";
    private const string ReplacedMarker = ".old-";

    private readonly Func<string, Stream> _createFile;
    private readonly Action<CommitStep>? _beforeStep;
    private FileStream? _lock;
    private bool _committed;

    private OutputFolder(string target, string temporary, bool force, Func<string, Stream> createFile, Action<CommitStep>? beforeStep)
    {
        Target = target;
        TemporaryPath = temporary;
        Force = force;
        _createFile = createFile;
        _beforeStep = beforeStep;
    }

    /// <summary>The final folder (absolute path).</summary>
    public string Target { get; }

    /// <summary>Where files are written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    public bool Force { get; }

    /// <summary>True after disposing without a commit left the folder in place for <c>--resume</c>.</summary>
    public bool KeptForResume { get; private set; }

    /// <summary>
    /// Checks the target and creates the temporary folder. Throws <see cref="OutputWriteException"/> without touching
    /// anything when the target exists, is not empty and <paramref name="force"/> is false.
    /// </summary>
    /// <param name="createFile">Opens a new file for writing by full path; tests pass one that fails like a full disk.</param>
    /// <param name="beforeStep">Called before each step of <see cref="Commit"/>; tests stop the process there.</param>
    public static OutputFolder Create(string target, bool force, Func<string, Stream>? createFile = null, string? description = null,
        Action<CommitStep>? beforeStep = null)
    {
        var full = FullPath(target);
        CheckTarget(full, force);
        var temporary = $"{full}{TemporaryMarker}{RandomSuffix()}";
        var folder = new OutputFolder(full, temporary, force, createFile ?? (path => new FileStream(path, FileMode.CreateNew)), beforeStep);
        try
        {
            Directory.CreateDirectory(temporary);
            // Locked first, so that no other process ever sees this folder unlocked while it is in use.
            folder._lock = new FileStream(Path.Combine(temporary, LockFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(Path.Combine(temporary, IncompleteFile), IncompleteText(full, description));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            folder.Dispose();
            throw new OutputWriteException($"{temporary}: cannot create the output folder: {e.Message}", e);
        }
        return folder;
    }

    /// <summary>Fails early (before any simulation) if the target cannot be replaced.</summary>
    public static void CheckTarget(string target, bool force)
    {
        var full = FullPath(target);
        if (File.Exists(full))
        {
            throw new OutputWriteException($"{full}: exists and is a file; choose another folder with --out");
        }
        if (!force && Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new OutputWriteException($"{full}: output folder exists and is not empty; use --force to replace it or --out to choose another folder");
        }
    }

    /// <summary>
    /// Temporary folders of <paramref name="target"/> left by runs that are no longer alive (killed, crashed, or kept for
    /// resuming), oldest first. A folder whose lock is held belongs to a live run and is never listed.
    /// </summary>
    public static IReadOnlyList<string> FindStale(string target) => Siblings(target, TemporaryMarker);

    /// <summary>
    /// <c>DIR.done-*</c> folders: complete results of a run killed while moving them into place (after
    /// <see cref="CommitStep.MarkComplete"/>), oldest first. <c>--resume</c> finishes their commit (<see cref="FinishCommit"/>).
    /// </summary>
    public static IReadOnlyList<string> FindCompleted(string target) => Siblings(target, CompletedMarker);

    /// <summary><c>DIR.old-*</c> folders: results replaced with <c>--force</c> by a run killed before it deleted them.</summary>
    public static IReadOnlyList<string> FindReplaced(string target) => Siblings(target, ReplacedMarker);

    private static IReadOnlyList<string> Siblings(string target, string marker)
    {
        var full = FullPath(target);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent))
        {
            return [];
        }
        var stale = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(parent, Path.GetFileName(full) + marker + "*"))
        {
            if (!IsInUse(folder))
            {
                stale.Add(folder);
            }
        }
        return [.. stale.OrderBy(Directory.GetCreationTimeUtc).ThenBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>Deletes stale temporary folders; a folder that cannot be deleted is left and not reported as deleted.</summary>
    public static IReadOnlyList<string> DeleteStale(IEnumerable<string> folders)
    {
        var deleted = new List<string>();
        foreach (var folder in folders)
        {
            try
            {
                if (!IsInUse(folder))
                {
                    Directory.Delete(folder, recursive: true);
                    deleted.Add(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Cleaning up is a courtesy: a folder we cannot delete stays, and the results are already in place.
            }
        }
        return deleted;
    }

    /// <summary>Path of a file inside the temporary folder, creating its parent folder.</summary>
    public string PathOf(string relativePath)
    {
        var path = Path.Combine(TemporaryPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Creates a new file inside the temporary folder through the folder's file factory.</summary>
    public Stream CreateFile(string relativePath) => _createFile(PathOf(relativePath));

    /// <summary>Creates or replaces a file inside the temporary folder through the file factory (for checkpoints).</summary>
    public Stream CreateFileReplacing(string relativePath)
    {
        var path = PathOf(relativePath);
        File.Delete(path);
        return _createFile(path);
    }

    /// <summary>Writes a whole text file (UTF-8, no BOM) inside the temporary folder through the file factory.</summary>
    public async Task WriteTextAsync(string relativePath, string text, CancellationToken cancellationToken)
    {
        await using var stream = CreateFile(relativePath);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the finished temporary folder to the target, replacing an old one only with force. Returns the
    /// <c>DIR.old-*</c> folder of replaced results when it could not be deleted (null otherwise), so the caller names it.
    /// </summary>
    /// <remarks>
    /// The steps (<see cref="CommitStep"/>) are ordered so that a kill before any of them leaves something resumable or
    /// complete: the folder is first marked complete by renaming it to <c>DIR.done-*</c>, then cleaned of its bookkeeping,
    /// then renamed into place, and only then are the replaced results deleted.
    /// </remarks>
    public string? Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException("the output folder was already committed or disposed");
        }
        string? completed = null;
        try
        {
            // Checked again because another process may have written the target while we were simulating.
            CheckTarget(Target, Force);
            _beforeStep?.Invoke(CommitStep.ReleaseFolderLock);
            ReleaseLock();
            File.Delete(Path.Combine(TemporaryPath, LockFile));
            _beforeStep?.Invoke(CommitStep.MarkComplete);
            completed = Target + CompletedMarker + Path.GetFileName(TemporaryPath)[(Path.GetFileName(Target).Length + TemporaryMarker.Length)..];
            Directory.Move(TemporaryPath, completed);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"{Target}: cannot move the results into place: {e.Message}", e);
        }
        return FinishCommit(completed, Target, Force, _beforeStep);
    }

    /// <summary>
    /// The steps of a commit after <see cref="CommitStep.MarkComplete"/>, on a <c>DIR.done-*</c> folder: by
    /// <see cref="Commit"/>, or by <c>--resume</c> for a run killed during them. Returns the replaced results' folder when
    /// it could not be deleted.
    /// </summary>
    public static string? FinishCommit(string completed, string target, bool force, Action<CommitStep>? beforeStep = null)
    {
        var full = FullPath(target);
        string? old = null;
        try
        {
            beforeStep?.Invoke(CommitStep.RemoveCheckpoints);
            var checkpoints = Path.Combine(completed, RunCheckpoints.Folder);
            if (Directory.Exists(checkpoints))
            {
                Directory.Delete(checkpoints, recursive: true);
            }
            File.Delete(Path.Combine(completed, RunCheckpoints.IdentityFile));
            beforeStep?.Invoke(CommitStep.RemoveIncompleteMarker);
            File.Delete(Path.Combine(completed, IncompleteFile));
            File.Delete(Path.Combine(completed, LockFile));
            CheckTarget(full, force);
            beforeStep?.Invoke(CommitStep.MoveOldAside);
            if (Directory.Exists(full))
            {
                // Even an empty target must move away, because Directory.Move refuses an existing destination.
                old = full + ReplacedMarker + RandomSuffix();
                Directory.Move(full, old);
            }
            beforeStep?.Invoke(CommitStep.MoveIntoPlace);
            try
            {
                Directory.Move(completed, full);
            }
            catch (Exception e) when (old is not null && e is IOException or UnauthorizedAccessException)
            {
                // Put the previous results back: a failed run must leave them as they were.
                Directory.Move(old, full);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(
                $"{full}: cannot move the results into place: {e.Message}; the complete results are in {completed}: rerun the same command with --resume to move them into place without simulating", e);
        }
        beforeStep?.Invoke(CommitStep.DeleteOld);
        string? left = null;
        if (old is not null)
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new results are in place; the caller names the folder rather than leave it silently.
                left = old;
            }
        }
        beforeStep?.Invoke(CommitStep.Finished);
        return left;
    }

    public void Dispose()
    {
        ReleaseLock();
        if (!_committed && Directory.Exists(TemporaryPath))
        {
            var checkpoints = Path.Combine(TemporaryPath, RunCheckpoints.Folder);
            if (Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*" + RunCheckpoints.Extension).Any())
            {
                // Finished runs are worth keeping: --resume reuses them. The INCOMPLETE marker stays and says so.
                KeptForResume = true;
                KeepOnlyCheckpoints();
            }
            else
            {
                Directory.Delete(TemporaryPath, recursive: true);
            }
        }
        _committed = true;
    }

    /// <summary>Bytes now held by the folder at <paramref name="path"/> (for messages); 0 when it is gone.</summary>
    public static long SizeOf(string path) => Directory.Exists(path)
        ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : 0;

    /// <summary>Deletes everything --resume does not reuse, so that a run stopped by a full disk gives the space back.</summary>
    private void KeepOnlyCheckpoints()
    {
        var keep = new HashSet<string>(StringComparer.Ordinal) { RunCheckpoints.Folder, RunCheckpoints.IdentityFile, IncompleteFile, LockFile };
        foreach (var entry in Directory.EnumerateFileSystemEntries(TemporaryPath))
        {
            if (keep.Contains(Path.GetFileName(entry)))
            {
                continue;
            }
            try
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Freeing space is a courtesy; the message names the folder and its size either way.
            }
        }
    }

    private void ReleaseLock()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private static bool IsInUse(string folder)
    {
        var lockPath = Path.Combine(folder, LockFile);
        if (!File.Exists(lockPath))
        {
            return false;
        }
        try
        {
            // .NET takes an exclusive advisory lock (flock) for FileShare.None on Unix and a share lock on Windows; both
            // are released by the operating system when the owning process dies, however it dies.
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to judge or delete.
            return true;
        }
    }

    /// <summary>The absolute path of an output folder, without a trailing separator.</summary>
    public static string FullPath(string target) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));

    private static string RandomSuffix() => Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal);

    private static string IncompleteText(string target, string? description) => string.Create(CultureInfo.InvariantCulture, $"""
        This folder is NOT a result. It holds the partial output of an hcsim run that has not finished, or was
        interrupted (killed, out of disk, an error).

        Target folder: {target}
        Started (UTC): {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}
        {description ?? ""}

        Files here may be cut short (daily.parquet is written as runs finish). Each finished run is saved whole in
        {RunCheckpoints.Folder}/ as it completes. To continue, rerun the same command with --resume: the finished runs
        are reused and only the missing ones are simulated. Otherwise delete this folder; hcsim also deletes it after
        the next successful run to the same target.

        """);
}
