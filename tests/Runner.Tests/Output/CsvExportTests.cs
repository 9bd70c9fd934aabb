using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

public sealed class CsvExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Field_SpecialCharacters_AreQuotedAsRfc4180Says(string text, string expected)
    {
        Assert.True(CsvExport.Field(text) == expected, $"'{text}' should be written as {expected}, got {CsvExport.Field(text)}");
    }

    [Fact]
    public async Task Export_Csv_WritesEveryTableWithTheParquetRowsAndEmptyForNull()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 3, days: 10);
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "run", scenario);

        var (code, _, error) = await Run("export", folder, "--csv");

        Assert.True(code == ExitCodes.Ok, $"export should succeed, stderr: {error}");
        var summary = File.ReadAllText(Path.Combine(folder, "summary.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = summary[0].Split(',');
        Assert.True(summary.Length == 1 + 2 * 3, $"summary.csv should have a header and one line per run, has {summary.Length} lines");
        Assert.Equal([.. ParquetSchemas.SummaryKeyColumns.Take(2)], header.Take(2));
        var share = Array.IndexOf(header, "false_positive_share");
        var noCodes = summary.Skip(1).First(l => l.StartsWith("no_codes,", StringComparison.Ordinal)).Split(',');
        Assert.True(noCodes[share] == "", $"a run that flagged nobody has no false-positive share: the field should be empty, got '{noCodes[share]}'");
        var daily = File.ReadAllLines(Path.Combine(folder, "daily.csv"));
        Assert.True(daily.Length == 1 + 2 * 3 * 10, $"daily.csv should have one line per variant, replicate and day, has {daily.Length}");
        var variants = File.ReadAllLines(Path.Combine(folder, "variants.csv"));
        Assert.True(variants[0].EndsWith("ref_diff_high", StringComparison.Ordinal), $"variants.csv should carry every column: {variants[0]}");
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_NoFormat_ExitsTwoAndWritesNothing()
    {
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "run", SyntheticRuns.Scenario());

        var (code, _, error) = await Run("export", folder);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("--csv", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "summary.csv")), "nothing should be written without a format");
    }

    [Fact]
    public async Task Run_Csv_WritesCsvTwinsBesideTheParquetFilesAndListsThemInTheManifest()
    {
        var folder = Path.Combine(_temp.Path, "csv");

        var (code, _, error) = await Run("run", "--out", folder, "--set", "population.size=2000", "--set", "days=10", "--set", "replicates=2", "--quiet", "--csv");

        Assert.True(code == ExitCodes.Ok, $"run --csv should succeed, stderr: {error}");
        foreach (var table in new[] { "daily", "summary", "variants" })
        {
            Assert.True(File.Exists(Path.Combine(folder, table + ".parquet")) && new FileInfo(Path.Combine(folder, table + ".csv")).Length > 0,
                $"{table}.csv should be written beside {table}.parquet");
        }
        var summary = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        Assert.True(summary.Length == 1 + 4 * 2, $"the default scenario's 4 variants x 2 replicates should give 8 rows, got {summary.Length - 1}");
        var files = ManifestFiles(folder);
        Assert.True(new[] { "daily.csv", "summary.csv", "variants.csv" }.All(files.Contains) && files[^1] == "manifest.json",
            $"manifest.json should list the CSV files like the Parquet files (and itself last): {string.Join(", ", files)}");
    }

    [Fact]
    public async Task Export_Csv_AddsTheCsvFilesToTheManifestOnce()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 5);
        var folder = await ResultsFolders.WriteAsync(_temp.Path, "listed", scenario);
        var before = ManifestFiles(folder);

        var first = await Run("export", folder, "--csv");
        var second = await Run("export", folder, "--csv");

        Assert.True(first.Code == ExitCodes.Ok && second.Code == ExitCodes.Ok, $"both exports should succeed: {first.Error} {second.Error}");
        var after = ManifestFiles(folder);
        Assert.True(after.SequenceEqual([.. before.Take(before.Count - 1), "daily.csv", "summary.csv", "variants.csv", "manifest.json"]),
            $"the CSV files should be listed once each, before manifest.json, after two exports: {string.Join(", ", after)}");
        Assert.False(Directory.EnumerateFiles(folder, "*.tmp-*").Any(), "no temporary file should be left");
    }

    internal static List<string> ManifestFiles(string folder)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        return [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString() ?? "")];
    }
}
