using Hcsim.Engine.Calibration;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Calibration;

/// <summary>
/// Writes <c>calibration.parquet</c>: one row per evaluated candidate of every generation, in generation and index order.
/// Columns: <c>generation</c>, <c>candidate</c>, one per fitted setting (named by its path), <c>simulated_TARGET</c> (mean
/// over replicates; for a series target the mean over its rows; empty when undefined) and <c>distance_TARGET</c> per target,
/// <c>distance</c> (their sum), <c>tolerance</c> (the generation's), <c>accepted</c> (0/1) and <c>weight</c> (normalised
/// importance weight in the generation's population, 0 when not accepted).
/// </summary>
public static class CalibrationParquetWriter
{
    public const string FileName = "calibration.parquet";

    /// <summary>The column names in file order.</summary>
    public static IReadOnlyList<string> ColumnNames(CalibrationConfig config) =>
    [
        "generation", "candidate", .. config.Parameters.Select(p => p.Path),
        .. config.Targets.Select(t => $"simulated_{t.Name}"), .. config.Targets.Select(t => $"distance_{t.Name}"),
        "distance", "tolerance", "accepted", "weight",
    ];

    public static async Task WriteAsync(Stream output, CalibrationConfig config, IReadOnlyList<CalibrationGeneration> generations, CancellationToken cancellationToken)
    {
        var rows = generations.SelectMany(g => g.Candidates.Select(c => (Generation: g, Candidate: c))).ToList();
        var names = ColumnNames(config);
        var fields = new List<DataField>
        {
            new DataField<int>(names[0]),
            new DataField<int>(names[1]),
        };
        fields.AddRange(config.Parameters.Select(p => new DataField<double>(p.Path)));
        fields.AddRange(config.Targets.Select(t => new DataField<double?>($"simulated_{t.Name}")));
        fields.AddRange(config.Targets.Select(t => new DataField<double>($"distance_{t.Name}")));
        fields.Add(new DataField<double>("distance"));
        fields.Add(new DataField<double>("tolerance"));
        fields.Add(new DataField<int>("accepted"));
        fields.Add(new DataField<double>("weight"));
        var schema = new ParquetSchema(fields);
        await using var writer = await ParquetWriter.CreateAsync(schema, output, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        var f = 0;
        await group.WriteAsync<int>(fields[f++], rows.Select(r => r.Candidate.Generation).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[f++], rows.Select(r => r.Candidate.Index).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < config.Parameters.Length; k++)
        {
            await group.WriteAsync<double>(fields[f++], rows.Select(r => r.Candidate.Values[k]).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        for (var t = 0; t < config.Targets.Length; t++)
        {
            await group.WriteAsync<double>(fields[f++], rows.Select(r => SimulatedMean(r.Candidate, t)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        for (var t = 0; t < config.Targets.Length; t++)
        {
            await group.WriteAsync<double>(fields[f++], rows.Select(r => r.Candidate.Distances[t]).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await group.WriteAsync<double>(fields[f++], rows.Select(r => r.Candidate.Distance).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[f++], rows.Select(r => r.Generation.Tolerance).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<int>(fields[f++], rows.Select(r => r.Candidate.Accepted ? 1 : 0).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
        await group.WriteAsync<double>(fields[f], rows.Select(r => r.Candidate.Weight).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A target's simulated value for a candidate: the value, or the mean over a series' rows; null when undefined.</summary>
    public static double? SimulatedMean(CalibrationCandidate candidate, int target)
    {
        var values = candidate.Simulated[target];
        return values.IsDefaultOrEmpty || values.Any(v => v is null) ? null : values.Average(v => v!.Value);
    }
}
