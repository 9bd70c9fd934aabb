using System.Text.Json.Nodes;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim export DIR --csv</c>: writes daily.csv, summary.csv and variants.csv beside a results folder's Parquet
/// files. Each file is written under a temporary name and renamed, so a failure leaves no half-written CSV; the CSV
/// names are then added to manifest.json's <c>files</c>, as a run with <c>--csv</c> lists them.
/// </summary>
public sealed class ExportCommandAction
{
    private readonly CliConsole _console;

    public ExportCommandAction(CliConsole console)
    {
        _console = console;
    }

    public async Task<int> RunAsync(string folder, bool csv, CancellationToken cancellationToken)
    {
        if (!csv)
        {
            await _console.Error.WriteLineAsync("hcsim export: choose a format: --csv").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        if (!File.Exists(Path.Combine(folder, ResultsPipeline.SummaryFile)))
        {
            throw new OutputReadException($"{folder}: no {ResultsPipeline.SummaryFile}; is this a results folder?");
        }
        var suffix = $".tmp-{Environment.ProcessId}";
        IReadOnlyList<string> written;
        try
        {
            written = await CsvExport.WriteAllAsync(
                name => Path.Combine(folder, name),
                name => new FileStream(Path.Combine(folder, name + suffix), FileMode.Create, FileAccess.Write),
                cancellationToken).ConfigureAwait(false);
            foreach (var name in written)
            {
                File.Move(Path.Combine(folder, name + suffix), Path.Combine(folder, name), overwrite: true);
            }
            await ListInManifestAsync(folder, written, suffix, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (WriteFailure.Find(e) is { } io)
        {
            throw new OutputWriteException($"{folder}: could not write the CSV files: {io.Message.ReplaceLineEndings(" ")}", e);
        }
        finally
        {
            // Whatever stopped the export, no half-written file is left behind.
            foreach (var table in CsvExport.Tables)
            {
                File.Delete(Path.Combine(folder, CsvExport.CsvName(table) + suffix));
            }
            File.Delete(Path.Combine(folder, ResultsPipeline.ManifestFile + suffix));
        }
        await _console.Output.WriteLineAsync($"csv: {string.Join(", ", written)} written to {folder}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Adds <paramref name="names"/> to the <c>files</c> list of the folder's manifest.json, before manifest.json itself as
    /// a run lists them; the manifest is rewritten under a temporary name and renamed. Nothing happens without a manifest
    /// or when every name is listed already.
    /// </summary>
    private static async Task ListInManifestAsync(string folder, IReadOnlyList<string> names, string suffix, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ResultsPipeline.ManifestFile);
        if (!File.Exists(path) || JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) is not JsonObject manifest
            || manifest["files"] is not JsonArray files)
        {
            return;
        }
        var listed = files.Select(f => f?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !listed.Contains(n)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var at = files.Select(f => f?.GetValue<string>()).ToList().IndexOf(ResultsPipeline.ManifestFile);
        foreach (var name in missing)
        {
            files.Insert(at < 0 ? files.Count : at++, name);
        }
        await File.WriteAllTextAsync(path + suffix, manifest.ToJsonString(ResultsMetadata.JsonOptions) + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(path + suffix, path, overwrite: true);
    }
}
