using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hcsim.Engine.Metrics;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Simulation;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cluster;

/// <summary>
/// Writes one shard's folder: <c>daily.parquet</c> and <c>summary.parquet</c> (and the detail tables asked for) of its
/// runs only, in (variant index, replicate) order and with the columns of a whole run, so that a glob over the shard
/// folders reads as one dataset; <c>parts/</c> with each run saved exactly (the checkpoint format of <c>--resume</c>),
/// which <c>hcsim merge</c> feeds to the same results pipeline a single machine uses; and <c>manifest.json</c>.
/// </summary>
/// <remarks>
/// <c>infections_averted</c> is empty in a shard's summary.parquet: the counterfactual run of the same replicate may be
/// in another shard. The merged summary.parquet has it.
/// </remarks>
public static class ShardWriter
{
    public const string PartsFolder = "parts";

    public static JsonSerializerOptions PartJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string PartName(int variantIndex, int replicate) =>
        Path.Combine(PartsFolder, string.Create(CultureInfo.InvariantCulture, $"v{variantIndex:D3}-r{replicate:D5}.json"));

    /// <summary>Writes every file of the shard into <paramref name="folder"/>'s temporary folder; the caller commits it.</summary>
    /// <param name="manifest">The shard's manifest; its parts and files are filled in here.</param>
    public static async Task<IReadOnlyList<string>> WriteAsync(
        OutputFolder folder, Scenario scenario, DetailOptions details, IReadOnlyList<RunResult> runs, ShardManifest manifest,
        CancellationToken cancellationToken)
    {
        var ordered = runs.OrderBy(r => r.VariantIndex).ThenBy(r => r.Replicate).ToList();
        var files = new List<string> { ResultsPipeline.DailyFile };
        var colours = scenario.Variants[0].Model.Policy.Colours;
        await using (var stream = folder.CreateFile(ResultsPipeline.DailyFile))
        await using (var daily = await DailyParquetWriter.CreateAsync(stream, ParquetSchemas.DailyMetricColumns(scenario), cancellationToken).ConfigureAwait(false))
        {
            foreach (var run in ordered)
            {
                await daily.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var (wanted, file, isEvents) in new[]
        {
            (details.Events, DetailParquetWriter.EventsFile, true),
            (details.Transmissions, DetailParquetWriter.TransmissionsFile, false),
        })
        {
            if (!wanted)
            {
                continue;
            }
            await using (var stream = folder.CreateFile(file))
            await using (var writer = await DetailParquetWriter.CreateAsync(stream, isEvents, colours, cancellationToken).ConfigureAwait(false))
            {
                foreach (var run in ordered)
                {
                    await writer.WriteRunAsync(run, cancellationToken).ConfigureAwait(false);
                }
            }
            files.Add(file);
        }
        await using (var stream = folder.CreateFile(ResultsPipeline.SummaryFile))
        {
            await SummaryParquetWriter.WriteAsync(stream, [.. ordered.SelectMany(r => r.AllRegions).Select(r => r.Summary)], ParquetSchemas.SummaryPartColumns(scenario), cancellationToken).ConfigureAwait(false);
        }
        files.Add(ResultsPipeline.SummaryFile);
        var parts = new List<string>();
        foreach (var run in ordered)
        {
            var name = PartName(run.VariantIndex, run.Replicate);
            await using (var stream = folder.CreateFile(name))
            {
                await JsonSerializer.SerializeAsync(stream, RunCheckpoint.From(run), PartJson, cancellationToken).ConfigureAwait(false);
            }
            parts.Add(name);
        }
        files.AddRange(parts);
        files.Add(ResultsPipeline.ManifestFile);
        var json = JsonSerializer.Serialize(manifest with { Parts = parts, Files = files }, ResultsMetadata.JsonOptions);
        await folder.WriteTextAsync(ResultsPipeline.ManifestFile, json + "\n", cancellationToken).ConfigureAwait(false);
        return files;
    }

    /// <summary>Reads one part file back as the run it saved; null when it does not fit the scenario.</summary>
    public static RunResult? ReadPart(string path, Scenario scenario)
    {
        var checkpoint = JsonSerializer.Deserialize<RunCheckpoint>(File.ReadAllText(path), PartJson);
        if (checkpoint is null || checkpoint.VariantIndex < 0 || checkpoint.VariantIndex >= scenario.Variants.Length
            || checkpoint.Replicate < 0 || checkpoint.Replicate >= scenario.Replicates)
        {
            return null;
        }
        var variant = scenario.Variants[checkpoint.VariantIndex];
        if (checkpoint.Variant != variant.Name || checkpoint.Days != variant.Model.Days
            || !checkpoint.Colours.SequenceEqual(variant.Model.Policy.Colours, StringComparer.Ordinal))
        {
            return null;
        }
        return checkpoint.ToRunResult();
    }
}
