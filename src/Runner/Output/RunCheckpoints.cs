using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Runner.Output;

/// <summary>
/// Finished runs saved one file each in <c>runs/</c> of a temporary output folder as they complete, so that an
/// interrupted run can be resumed (<c>hcsim run --resume</c>) without simulating them again. Each file appears whole or
/// not at all (written under a <c>.partial</c> name, then renamed). They are removed when the folder is committed.
/// </summary>
public sealed class RunCheckpoints
{
    public const string Folder = "runs";
    public const string Extension = ".json";
    public const string IdentityFile = "resume.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A summary may hold NaN in principle; it must round-trip rather than fail the save.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly OutputFolder _folder;

    public RunCheckpoints(OutputFolder folder)
    {
        _folder = folder;
    }

    public void WriteIdentity(ResumeIdentity identity)
    {
        using var stream = _folder.CreateFile(IdentityFile);
        JsonSerializer.Serialize(stream, identity, Json);
    }

    /// <summary>The identity saved in a (stale) temporary folder; null when absent or unreadable.</summary>
    public static ResumeIdentity? ReadIdentity(string folderPath)
    {
        var path = Path.Combine(folderPath, IdentityFile);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ResumeIdentity>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Saves one finished run; safe to call again for the same run (the file is replaced whole).</summary>
    public void Save(RunResult run)
    {
        var name = FileName(run.VariantIndex, run.Replicate);
        var partial = name + ".partial";
        using (var stream = _folder.CreateFileReplacing(partial))
        {
            JsonSerializer.Serialize(stream, RunCheckpoint.From(run), Json);
            stream.Flush();
        }
        File.Move(_folder.PathOf(partial), _folder.PathOf(name), overwrite: true);
    }

    /// <summary>Moves the saved runs of <paramref name="staleFolder"/> (and the folders beside them) into this folder and deletes the stale folder.</summary>
    public int Adopt(string staleFolder)
    {
        var source = Path.Combine(staleFolder, Folder);
        var moved = 0;
        if (Directory.Exists(source))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*" + Extension))
            {
                File.Move(file, _folder.PathOf(Path.Combine(Folder, Path.GetFileName(file))), overwrite: true);
                moved++;
            }
            // A command's own bookkeeping beside the checkpoints (optimise --slurm's generation sweeps) moves whole.
            foreach (var directory in Directory.EnumerateDirectories(source))
            {
                var destination = _folder.PathOf(Path.Combine(Folder, Path.GetFileName(directory)));
                if (!Directory.Exists(destination))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    Directory.Move(directory, destination);
                }
            }
        }
        Directory.Delete(staleFolder, recursive: true);
        return moved;
    }

    /// <summary>
    /// The saved runs that belong to <paramref name="scenario"/> (right variant name at its index, replicate in range,
    /// right days and colours), by (variant index, replicate). Anything else is ignored, and is simply simulated again.
    /// </summary>
    public IReadOnlyDictionary<(int Variant, int Replicate), RunResult> Load(Scenario scenario)
    {
        var runs = new Dictionary<(int, int), RunResult>();
        var folder = Path.Combine(_folder.TemporaryPath, Folder);
        if (!Directory.Exists(folder))
        {
            return runs;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
        {
            RunCheckpoint? checkpoint;
            try
            {
                checkpoint = JsonSerializer.Deserialize<RunCheckpoint>(File.ReadAllText(file), Json);
            }
            catch (JsonException)
            {
                continue;
            }
            if (checkpoint is null
                || checkpoint.VariantIndex < 0 || checkpoint.VariantIndex >= scenario.Variants.Length
                || checkpoint.Replicate < 0 || checkpoint.Replicate >= scenario.Replicates
                || Path.GetFileName(file) != Path.GetFileName(FileName(checkpoint.VariantIndex, checkpoint.Replicate)))
            {
                continue;
            }
            var variant = scenario.Variants[checkpoint.VariantIndex];
            if (checkpoint.Variant != variant.Name || checkpoint.Days != variant.Model.Days
                || !checkpoint.Colours.SequenceEqual(variant.Model.Policy.Colours, StringComparer.Ordinal)
                || checkpoint.ToRunResult() is not { } run)
            {
                continue;
            }
            runs[(checkpoint.VariantIndex, checkpoint.Replicate)] = run;
        }
        return runs;
    }

    /// <summary>Number of saved runs in a folder, for messages.</summary>
    public static int CountIn(string folderPath)
    {
        var folder = Path.Combine(folderPath, Folder);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + Extension).Count() : 0;
    }

    private static string FileName(int variantIndex, int replicate) =>
        Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"v{variantIndex:D3}-r{replicate:D5}{Extension}"));
}
