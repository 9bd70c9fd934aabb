using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hcsim.Runner.Output;

/// <summary>
/// One JSON file per finished generation of an iterative search (calibration, policy search) in the output's temporary
/// folder (<c>runs/PREFIX-NNN.json</c>, beside <c>resume.json</c>), so that an interrupted command keeps its generations
/// for <c>--resume</c> (<see cref="OutputFolder"/> keeps a folder holding checkpoints) and the commit removes them.
/// Numbers round-trip exactly (NaN and infinities included), so a resumed search continues as the uninterrupted one would have.
/// </summary>
public sealed class GenerationCheckpoints<TGeneration> where TGeneration : class
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly OutputFolder _folder;
    private readonly string _prefix;

    /// <param name="prefix">The file name before the generation's number (<c>calibration-generation-</c>).</param>
    public GenerationCheckpoints(OutputFolder folder, string prefix)
    {
        _folder = folder;
        _prefix = prefix;
    }

    /// <summary>Saves finished generation <paramref name="index"/> whole: written under a temporary name, then renamed.</summary>
    public void Save(TGeneration generation, int index)
    {
        var name = Path.Combine(RunCheckpoints.Folder, $"{_prefix}{index:D3}{RunCheckpoints.Extension}");
        var partial = name + ".partial";
        using (var stream = _folder.CreateFileReplacing(partial))
        {
            JsonSerializer.Serialize(stream, generation, Json);
            stream.Flush();
        }
        File.Move(_folder.PathOf(partial), _folder.PathOf(name), overwrite: true);
    }

    /// <summary>The generations saved in a folder (this one's, or a stale one to resume from), in order, up to the first gap or damaged file.</summary>
    /// <param name="indexOf">A generation's number, which must follow on from the one before.</param>
    public static IReadOnlyList<TGeneration> Load(string folderPath, string prefix, Func<TGeneration, int> indexOf)
    {
        var runs = Path.Combine(folderPath, RunCheckpoints.Folder);
        if (!Directory.Exists(runs))
        {
            return [];
        }
        var generations = new List<TGeneration>();
        foreach (var file in Directory.EnumerateFiles(runs, $"{prefix}*{RunCheckpoints.Extension}").Order(StringComparer.Ordinal))
        {
            try
            {
                var generation = JsonSerializer.Deserialize<TGeneration>(File.ReadAllText(file), Json);
                if (generation is null || indexOf(generation) != generations.Count)
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
