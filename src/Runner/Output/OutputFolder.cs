namespace Hcsim.Runner.Output;

/// <summary>
/// An output folder that appears whole or not at all. Files are written into a sibling temporary folder
/// <c>&lt;target&gt;.tmp-&lt;random&gt;</c>; <see cref="Commit"/> renames it to the target. Disposing without a commit
/// deletes the temporary folder, so a failed run leaves the previous results exactly as they were.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private bool _committed;

    private OutputFolder(string target, string temporary, bool force)
    {
        Target = target;
        TemporaryPath = temporary;
        Force = force;
    }

    /// <summary>The final folder (absolute path).</summary>
    public string Target { get; }

    /// <summary>Where files are written until <see cref="Commit"/>.</summary>
    public string TemporaryPath { get; }

    public bool Force { get; }

    /// <summary>
    /// Checks the target and creates the temporary folder. Throws <see cref="OutputWriteException"/> without touching
    /// anything when the target exists, is not empty and <paramref name="force"/> is false.
    /// </summary>
    public static OutputFolder Create(string target, bool force)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        CheckTarget(full, force);
        var temporary = $"{full}.tmp-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}";
        try
        {
            Directory.CreateDirectory(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"{temporary}: cannot create the output folder: {e.Message}", e);
        }
        return new OutputFolder(full, temporary, force);
    }

    /// <summary>Fails early (before any simulation) if the target cannot be replaced.</summary>
    public static void CheckTarget(string target, bool force)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        if (File.Exists(full))
        {
            throw new OutputWriteException($"{full}: exists and is a file; choose another folder with --out");
        }
        if (!force && Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new OutputWriteException($"{full}: output folder exists and is not empty; use --force to replace it or --out to choose another folder");
        }
    }

    /// <summary>Path of a file inside the temporary folder, creating its parent folder.</summary>
    public string PathOf(string relativePath)
    {
        var path = Path.Combine(TemporaryPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Moves the finished temporary folder to the target, replacing an old one only with force.</summary>
    public void Commit()
    {
        if (_committed)
        {
            throw new InvalidOperationException("the output folder was already committed or disposed");
        }
        try
        {
            // Checked again because another process may have written the target while we were simulating.
            CheckTarget(Target, Force);
            string? old = null;
            if (Directory.Exists(Target))
            {
                // Even an empty target must move away, because Directory.Move refuses an existing destination.
                old = $"{Target}.old-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}";
                Directory.Move(Target, old);
            }
            try
            {
                Directory.Move(TemporaryPath, Target);
            }
            catch (Exception e) when (old is not null && e is IOException or UnauthorizedAccessException)
            {
                // Put the previous results back: a failed run must leave them as they were.
                Directory.Move(old, Target);
                throw;
            }
            _committed = true;
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"{Target}: cannot move the results into place: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(TemporaryPath))
        {
            Directory.Delete(TemporaryPath, recursive: true);
        }
        _committed = true;
    }
}
