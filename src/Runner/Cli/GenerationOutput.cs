using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// The output folder of a command that works generation by generation (<c>hcsim calibrate</c>, <c>hcsim optimise</c>),
/// committed as <c>hcsim run</c> commits its results: the target checked (nothing replaced without --force) and locked,
/// a temporary folder holding the resume identity and the generations' checkpoints, an interrupted folder of the same
/// identity adopted with --resume (and a mismatch refused), and on commit the folder renamed into place and stale
/// siblings deleted. Not committed, the temporary folder is kept for --resume when it holds checkpoints.
/// </summary>
public sealed class GenerationOutput : IDisposable
{
    private readonly OutputLock _lock;
    private bool _committed;

    private GenerationOutput(OutputLock outputLock, OutputFolder folder, string? resumedFrom)
    {
        _lock = outputLock;
        Folder = folder;
        ResumedFrom = resumedFrom;
    }

    public OutputFolder Folder { get; }

    /// <summary>The interrupted folder whose checkpoints were adopted (--resume), or null.</summary>
    public string? ResumedFrom { get; }

    /// <param name="details">Marks the identity as this command's, so no other command's --resume adopts the folder.</param>
    /// <param name="what">The command's work in messages (<c>calibration</c>).</param>
    public static GenerationOutput Open(ScenarioSource loaded, string target, IReadOnlyList<string> overrides, string version, string details,
        bool force, bool resume, string what)
    {
        OutputFolder.CheckTarget(target, force);
        var outputLock = OutputLock.Acquire(target);
        try
        {
            var identity = ResumeIdentity.Of(loaded, overrides, version) with { Details = details };
            var stale = OutputFolder.FindStale(target);
            var resumeFrom = resume ? stale.Reverse().FirstOrDefault(f => RunCheckpoints.ReadIdentity(f)?.DifferenceFrom(identity) is null) : null;
            if (resume && resumeFrom is null && stale.Count > 0)
            {
                throw new ResumeMismatchException(
                    $"--resume: no interrupted {what} to {target} matches this one (scenario, overrides, seed and version); run without --resume to start over");
            }
            var folder = OutputFolder.Create(target, force, description:
                $"{char.ToUpperInvariant(what[0])}{what[1..]} of {loaded.Source} (SHA-256 {identity.ScenarioSha256}), overrides: [{string.Join(", ", overrides)}]");
            var runCheckpoints = new RunCheckpoints(folder);
            runCheckpoints.WriteIdentity(identity);
            if (resumeFrom is not null)
            {
                runCheckpoints.Adopt(resumeFrom);
            }
            return new GenerationOutput(outputLock, folder, resumeFrom);
        }
        catch
        {
            outputLock.Dispose();
            throw;
        }
    }

    /// <summary>With --resume, says where the work continues from: <paramref name="finished"/> generations adopted, or none.</summary>
    public async Task NoteResumeAsync(CliConsole console, bool resume, int finished, string what)
    {
        if (resume)
        {
            await console.Error.WriteLineAsync(ResumedFrom is null
                ? $"hcsim: note: --resume: no interrupted {what} to {Folder.Target}; starting from generation 0"
                : $"hcsim: resuming from {ResumedFrom}: {finished} generation(s) already finished").ConfigureAwait(false);
        }
    }

    /// <summary>Renames the finished folder into place and deletes stale siblings.</summary>
    public void Commit()
    {
        Folder.Commit();
        _committed = true;
        OutputFolder.DeleteStale([.. OutputFolder.FindStale(Folder.Target), .. OutputFolder.FindCompleted(Folder.Target), .. OutputFolder.FindReplaced(Folder.Target)]);
    }

    /// <summary>After a failure or an interruption: closes the folder and says how to resume when its generations were kept.</summary>
    public async Task AbandonAsync(CliConsole console, string command)
    {
        if (_committed)
        {
            return;
        }
        Folder.Dispose();
        if (Folder.KeptForResume)
        {
            await console.Error.WriteLineAsync(
                $"hcsim: the finished generation(s) are kept in {Folder.TemporaryPath}; rerun the same {command} command with --resume to continue from them, or delete that folder").ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        Folder.Dispose();
        _lock.Dispose();
    }
}
