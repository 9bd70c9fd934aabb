using System.Text.Json;
using System.Text.Json.Serialization;
using Hcsim.Engine.Calibration;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// One JSON file per finished generation in the output's temporary folder (<c>runs/calibration-generation-NNN.json</c>,
/// beside <c>resume.json</c>), so that an interrupted <c>hcsim calibrate</c> keeps its generations for <c>--resume</c>
/// (<see cref="OutputFolder"/> keeps a folder holding checkpoints) and the commit removes them. Numbers round-trip
/// exactly, so a resumed calibration continues as the uninterrupted one would have.
/// </summary>
public sealed class CalibrationCheckpoints
{
    private const string Prefix = "calibration-generation-";

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly OutputFolder _folder;

    public CalibrationCheckpoints(OutputFolder folder)
    {
        _folder = folder;
    }

    /// <summary>Saves a finished generation whole: written under a temporary name, then renamed.</summary>
    public void Save(CalibrationGeneration generation)
    {
        var name = Path.Combine(RunCheckpoints.Folder, $"{Prefix}{generation.Index:D3}{RunCheckpoints.Extension}");
        var partial = name + ".partial";
        using (var stream = _folder.CreateFileReplacing(partial))
        {
            JsonSerializer.Serialize(stream, generation, Json);
            stream.Flush();
        }
        File.Move(_folder.PathOf(partial), _folder.PathOf(name), overwrite: true);
    }

    /// <summary>The generations saved in a folder (this one's, or a stale one to resume from), in order.</summary>
    public static IReadOnlyList<CalibrationGeneration> Load(string folderPath)
    {
        var runs = Path.Combine(folderPath, RunCheckpoints.Folder);
        if (!Directory.Exists(runs))
        {
            return [];
        }
        var generations = new List<CalibrationGeneration>();
        foreach (var file in Directory.EnumerateFiles(runs, $"{Prefix}*{RunCheckpoints.Extension}").Order(StringComparer.Ordinal))
        {
            try
            {
                var generation = JsonSerializer.Deserialize<CalibrationGeneration>(File.ReadAllText(file), Json);
                if (generation is null || generation.Index != generations.Count)
                {
                    break;
                }
                generations.Add(generation);
            }
            catch (JsonException)
            {
                // A checkpoint cut short by a kill: that generation is simulated again.
                break;
            }
        }
        return generations;
    }
}
