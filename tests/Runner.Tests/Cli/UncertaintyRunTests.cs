using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>A tiny scenario with uncertain inputs, run end to end: drawn values, pairing, PRCC ranking and tornado plots.</summary>
public sealed class UncertaintyRunTests : IDisposable
{
    // Initial infections span 1 to 200 in a town of 3,000 over 15 days, so they dominate the attack rate; the other
    // input (the fever reporting of people who check in) barely touches it.
    private const string Scenario = """
        name: tiny-uncertain
        replicates: 12
        days: 15
        population: {size: 3000, redraw_per_replicate: true}
        disease: {initial_infected: 20}
        variants:
          - name: twin
            description: the baseline again, to check pairing
        uncertainty:
          - {name: seeds, path: disease.initial_infected, distribution: uniform, min: 1, max: 200}
          - {name: fever_report, path: checkin.fever_report_probability, distribution: beta, alpha: 8, beta: 2}
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_UncertainInputs_WritesDrawsRankingAndTornadoPlots()
    {
        var scenario = Path.Combine(_temp.Path, "tiny.yaml");
        await File.WriteAllTextAsync(scenario, Scenario);
        var folder = Path.Combine(_temp.Path, "out");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Program.RunAsync(["run", scenario, "--out", folder, "--quiet", "--csv"], new CliConsole(output, error, interactive: false));

        Assert.True(code == ExitCodes.Ok, $"run should succeed, stderr: {error}");
        var inputs = await ReplicateInputs.ReadAsync(Path.Combine(folder, ReplicateInputs.File), CancellationToken.None);
        Assert.Equal(["input_seeds", "input_fever_report"], inputs.Columns.ToArray());
        Assert.Equal(12, inputs.Values.Count);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(folder, "inputs.csv")).Length);
        Assert.Equal(12, inputs.Values.Select(v => v[1]).Distinct().Count());

        var summary = await SummaryParquetReader.ReadAsync(Path.Combine(folder, ResultsPipeline.SummaryFile), CancellationToken.None);
        foreach (var row in summary.Where(s => s.Variant == "baseline"))
        {
            var twin = summary.Single(s => s.Variant == "twin" && s.Replicate == row.Replicate);
            Assert.True(row["attack_rate"] == twin["attack_rate"],
                $"replicate {row.Replicate}: two identical variants share the drawn inputs and the population, so their attack rates should be equal");
        }

        var data = await ResultsData.ReadAsync(folder, ResultsMetadata.ReadManifest(folder), withDaily: false, CancellationToken.None);
        var attack = SensitivityRanking.Compute(data).Single(r => r.Metric == "attack_rate").Ranking;
        Assert.True(attack[0].Input == "seeds", $"the initial infections should rank first for the attack rate, got {attack[0].Input}");
        foreach (var file in new[] { "plots/tornado-attack_rate.png", "plots/tornado-attack_rate.svg" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 0, $"{file} should be written");
        }
        var report = await File.ReadAllTextAsync(Path.Combine(folder, ResultsPipeline.ReportFile));
        Assert.Contains("include input uncertainty", report, StringComparison.Ordinal);
        Assert.Contains("Each replicate builds its own synthetic population", report, StringComparison.Ordinal);
        Assert.Contains(ReplicateInputs.File, await File.ReadAllTextAsync(Path.Combine(folder, ResultsPipeline.ManifestFile)), StringComparison.Ordinal);
    }
}
