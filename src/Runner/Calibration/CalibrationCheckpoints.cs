using Hcsim.Engine.Calibration;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// The checkpoints of <c>hcsim calibrate</c>: one JSON file per finished generation
/// (<c>runs/calibration-generation-NNN.json</c>, see <see cref="GenerationCheckpoints{TGeneration}"/>).
/// </summary>
public sealed class CalibrationCheckpoints
{
    private const string Prefix = "calibration-generation-";

    private readonly GenerationCheckpoints<CalibrationGeneration> _checkpoints;

    public CalibrationCheckpoints(OutputFolder folder)
    {
        _checkpoints = new GenerationCheckpoints<CalibrationGeneration>(folder, Prefix);
    }

    /// <summary>Saves a finished generation whole.</summary>
    public void Save(CalibrationGeneration generation) => _checkpoints.Save(generation, generation.Index);

    /// <summary>The generations saved in a folder (this one's, or a stale one to resume from), in order.</summary>
    public static IReadOnlyList<CalibrationGeneration> Load(string folderPath) =>
        GenerationCheckpoints<CalibrationGeneration>.Load(folderPath, Prefix, g => g.Index);
}
