using System.Globalization;
using Hcsim.Runner.Output;
using Hcsim.Runner.Plots;

namespace Hcsim.Runner.Cli;

/// <summary>
/// <c>hcsim plot DIR</c> and <c>hcsim report DIR</c>: redraw the plots or rewrite report.md of a results folder from its
/// own files (manifest.json, summary.parquet, daily.parquet) without simulating. The run draws from the same files
/// through the same code, so a rebuilt plot is byte-identical to the original. Each file is written under a temporary
/// name and renamed, so a failure leaves the old file in place.
/// </summary>
public sealed class RebuildCommandAction
{
    private readonly CliConsole _console;

    private readonly Func<string, string> _scratch;

    /// <param name="scratch">Creates the scratch folder inside a results folder; tests pass one whose plots fail to write.</param>
    public RebuildCommandAction(CliConsole console, Func<string, string>? scratch = null)
    {
        _console = console;
        _scratch = scratch ?? Scratch;
    }

    public async Task<int> PlotAsync(string folder, bool quiet, CancellationToken cancellationToken)
    {
        var data = await ReadAsync(folder, withDaily: true, cancellationToken).ConfigureAwait(false);
        var scratch = _scratch(folder);
        try
        {
            IReadOnlyList<PlotFile> plots;
            try
            {
                plots = ResultPlots.WriteAll(data, relative => PathIn(scratch, relative));
            }
            catch (Exception e) when (WriteFailure.Find(e) is { } io)
            {
                // Plots render in parallel, which wraps a full disk in an AggregateException: report the file's own error.
                throw new OutputWriteException(
                    $"{folder}: could not write the plots: {io.Message.ReplaceLineEndings(" ")}; the folder's existing plots are untouched", e);
            }
            foreach (var plot in plots)
            {
                var target = Path.Combine(folder, plot.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(scratch, plot.Path), target, overwrite: true);
                File.Move(PlotStyle.SvgPath(Path.Combine(scratch, plot.Path)), PlotStyle.SvgPath(target), overwrite: true);
            }
            if (!quiet)
            {
                await _console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"plots: {plots.Count} written to {Path.Combine(folder, "plots")}")).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return ExitCodes.Ok;
    }

    public async Task<int> ReportAsync(string folder, bool quiet, CancellationToken cancellationToken)
    {
        var data = await ReadAsync(folder, withDaily: true, cancellationToken).ConfigureAwait(false);
        var scratch = _scratch(folder);
        try
        {
            // The report lists the plots with their captions; drawing them aside is the one way to know that list
            // exactly as a run makes it. The folder's own plots are left alone ('hcsim plot' redraws them).
            var plots = ResultPlots.WriteAll(data, relative => PathIn(scratch, relative));
            var temporary = Path.Combine(scratch, ResultsPipeline.ReportFile);
            await File.WriteAllTextAsync(temporary, ReportWriter.Render(data, plots), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path.Combine(folder, ResultsPipeline.ReportFile), overwrite: true);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        if (!quiet)
        {
            await _console.Output.WriteLineAsync($"report: {Path.Combine(folder, ResultsPipeline.ReportFile)}").ConfigureAwait(false);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Reads a results folder; a missing folder or file is an <see cref="OutputReadException"/> (exit code 3).</summary>
    public static Task<ResultsData> ReadAsync(string folder, bool withDaily, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new OutputReadException($"{folder}: no such results folder");
        }
        var metadata = ResultsMetadata.ReadManifest(folder);
        return ResultsData.ReadAsync(folder, metadata, withDaily, cancellationToken);
    }

    private static string Scratch(string folder)
    {
        var scratch = Path.Combine(folder, $".rebuild-{Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal)}");
        Directory.CreateDirectory(scratch);
        return scratch;
    }

    private static string PathIn(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
