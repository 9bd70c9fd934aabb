namespace Hcsim.Runner.Output;

/// <summary>
/// The steps of <see cref="OutputFolder.Commit"/>, in order. After a kill before any step the folder is either
/// resumable or complete: before <see cref="MarkComplete"/> the temporary folder still holds its checkpoints
/// (<c>--resume</c> reuses them); from <see cref="MarkComplete"/> to <see cref="MoveIntoPlace"/> the complete results
/// wait in <c>DIR.done-*</c> (<c>--resume</c> moves them into place without simulating); from <see cref="DeleteOld"/> on
/// <c>DIR</c> holds the complete results.
/// </summary>
public enum CommitStep
{
    /// <summary>Close and delete the temporary folder's <c>.lock</c> (the target's own lock is still held).</summary>
    ReleaseFolderLock,
    /// <summary>Rename <c>DIR.tmp-*</c> to <c>DIR.done-*</c>: every result file is whole.</summary>
    MarkComplete,
    /// <summary>Delete the checkpoints (<c>runs/</c>) and <c>resume.json</c>.</summary>
    RemoveCheckpoints,
    /// <summary>Delete the <c>INCOMPLETE</c> marker.</summary>
    RemoveIncompleteMarker,
    /// <summary>Rename an existing <c>DIR</c> (replaced with <c>--force</c>) to <c>DIR.old-*</c>.</summary>
    MoveOldAside,
    /// <summary>Rename <c>DIR.done-*</c> to <c>DIR</c>.</summary>
    MoveIntoPlace,
    /// <summary>Delete <c>DIR.old-*</c>.</summary>
    DeleteOld,
    /// <summary>Not a step: reported once every step is done.</summary>
    Finished,
}
