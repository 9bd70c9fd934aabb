using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;
using Hcsim.Runner.Tests.Output;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>The hcsim program as a user runs it: a small scenario from a file, the default scenario, and bad input.</summary>
public sealed class EndToEndTests : IDisposable
{
    private const string SmallOverrides = "population.size=4000";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }

    private string Out(string name) => Path.Combine(_temp.Path, name);

    [Fact]
    public async Task Run_DefaultScenarioSmall_WritesEveryOutputFile()
    {
        var (code, output, error) = await Run("run", "--out", Out("a"), "--set", SmallOverrides, "--set", "days=30", "--set", "replicates=2", "--quiet");

        Assert.True(code == ExitCodes.Ok, $"run should succeed, stderr: {error}");
        foreach (var file in new[] { "daily.parquet", "summary.parquet", "manifest.json", "report.md", "plots/epidemic.png", "plots/quarantine.png", "plots/colours-baseline.png" })
        {
            Assert.True(new FileInfo(Path.Combine(Out("a"), file)).Length > 0, $"{file} should be written");
        }
        Assert.Contains(Out("a"), output, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp-", string.Join(",", _temp.Entries()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Profile_PrintsEveryPhaseOfTheDayLoop()
    {
        var (code, output, error) = await Run("run", "--out", Out("profile"), "--set", SmallOverrides, "--set", "days=10", "--set", "replicates=1", "--quiet", "--profile");

        Assert.True(code == ExitCodes.Ok, error);
        foreach (var phase in new[] { "progression", "transmission", "background_illness", "checkin", "testing", "health_code", "metrics", "all phases" })
        {
            Assert.True(output.Contains(phase, StringComparison.Ordinal), $"--profile should list {phase}");
        }
    }

    [Fact]
    public async Task Run_OneThreadAndTwoThreads_WriteByteIdenticalDailyParquet()
    {
        string[] common = ["--set", SmallOverrides, "--set", "days=40", "--set", "replicates=3", "--quiet"];
        var one = await Run(["run", "--out", Out("one"), "--threads", "1", .. common]);
        var two = await Run(["run", "--out", Out("two"), "--threads", "2", .. common]);

        Assert.True(one.Code == ExitCodes.Ok && two.Code == ExitCodes.Ok, one.Error + two.Error);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Out("one"), "daily.parquet")), File.ReadAllBytes(Path.Combine(Out("two"), "daily.parquet")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Out("one"), "summary.parquet")), File.ReadAllBytes(Path.Combine(Out("two"), "summary.parquet")));
    }

    [Fact]
    public async Task Run_BrokenScenario_ExitsTwoWithFileLineColumnAndWritesNothing()
    {
        var scenario = Path.Combine(_temp.Path, "broken.yaml");
        File.WriteAllText(scenario, "name: broken\npopulation:\n  size: -5\ncheckin:\n  probabilty: 0.5\n");

        var (code, output, error) = await Run("run", scenario, "--out", Out("never"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"{scenario}:3:9: population.size", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'probability'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("never")), "no output folder for a scenario that cannot run");
        Assert.Equal(["broken.yaml"], _temp.Entries());
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(70000)] // more people than one chunk of the rules step: the failure comes from a parallel loop
    public async Task Run_RuleConditionDividesByZero_ExitsTwoWithRuleLocationDayAndVariant(int people)
    {
        var scenario = Path.Combine(_temp.Path, "divide.yaml");
        File.WriteAllText(scenario, """
            name: divide
            days: 5
            replicates: 1
            policy:
              rules:
                - name: ratio
                  on: daily
                  when: age / quarantine_days > 1
                  do: [{set_colour: red}]
            variants:
              - name: later
                set: {days: 6}
            """);

        var (code, _, error) = await Run("run", scenario, "--out", Out("never"), "--set", $"population.size={people}", "--threads", "2", "--quiet");

        Assert.True(code == ExitCodes.InvalidInput, $"a rule failing while running is the scenario's fault (exit 2), got {code}: {error}");
        Assert.Contains($"{scenario}:8:13: policy.rules[0].when: rule 'ratio': its condition failed on day 0 in variant '", error, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("never")), "no output folder for a run that failed");
    }

    [Fact]
    public async Task Run_BadRuleExpression_PointsInsideTheExpression()
    {
        var scenario = Path.Combine(_temp.Path, "rule.yaml");
        File.WriteAllText(scenario, """
            name: rule
            policy:
              rules:
                - name: broken
                  on: checkin
                  when: healthy_streak >= red_dayz
                  do: [release]
            """);

        var (code, _, error) = await Run("validate", scenario);

        Assert.Equal(ExitCodes.InvalidInput, code);
        // The expression starts at column 13; the unknown name is its 19th character.
        Assert.Contains($"{scenario}:6:31: policy.rules[0].when", error, StringComparison.Ordinal);
        Assert.Contains("unknown name 'red_dayz'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExistingResults_ExitsThreeAndKeepsThem()
    {
        var target = Out("kept");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "daily.parquet"), "earlier results");

        var (code, _, error) = await Run("run", "--out", target, "--set", SmallOverrides, "--set", "days=5", "--quiet");

        Assert.Equal(ExitCodes.OutputError, code);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("earlier results", File.ReadAllText(Path.Combine(target, "daily.parquet")));
    }

    [Fact]
    public async Task Validate_DefaultScenarioFile_ReportsVariantsAndExitsZero()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "default.yaml");
        File.WriteAllText(path, Hcsim.Engine.Scenarios.DefaultScenario.Text);

        var (code, output, _) = await Run("validate", path);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("ok: 4 variants x 5 replicates", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ShippedSweepScenarioSmall_WritesVariantsParquetAndSweepPlots()
    {
        var scenario = Path.Combine(RepositoryRoot(), "scenarios", "sweep-yellow-checkin.yaml");

        var (code, output, error) = await Run("run", scenario, "--out", Out("sweep"), "--set", "population.size=3000", "--set", "days=20", "--set", "replicates=2");

        Assert.True(code == ExitCodes.Ok, $"the sweep should run, stderr: {error}");
        Assert.Contains("yellow_days-14--probability-0.6", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 80, $"console output should fit 80 columns: '{line}'"));
        foreach (var file in new[] { "variants.parquet", "plots/tradeoff.png", "plots/sweep-heatmap.png", "plots/false-positive-share.png" })
        {
            Assert.True(new FileInfo(Path.Combine(Out("sweep"), file)).Length > 0, $"{file} should be written");
        }
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        var variants = Path.Combine(Out("sweep"), "variants.parquet");
        // 8 variants (baseline, no-codes, 6 grid points) x every summary metric, the contact yield's three included.
        var metrics = ParquetSchemas.MetricColumns.Length + 3;
        command.CommandText = $"SELECT count(*), count(DISTINCT variant) FROM '{variants}'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), "variants.parquet should be readable by DuckDB");
        Assert.True(reader.GetInt64(0) == 8 * metrics && reader.GetInt64(1) == 8, $"8 variants x {metrics} metrics expected, got {reader.GetInt64(0)} rows and {reader.GetInt64(1)} variants");
    }

    [Fact]
    public async Task Run_EventsAndTransmissions_WritesDetailTablesThatAgreeWithTheDailyCounts()
    {
        var (code, _, error) = await Run("run", "--out", Out("detail"), "--set", SmallOverrides, "--set", "days=40", "--set", "replicates=1",
            "--events", "--transmissions", "--quiet");
        Assert.True(code == ExitCodes.Ok, error);

        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT CAST((" + sql.Replace("{dir}", Out("detail"), StringComparison.Ordinal) + ") AS BIGINT)";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        // Every infection after the initial ones is one transmission row; every one is one stage event into 'exposed'.
        var infections = Scalar("SELECT sum(new_infections) FROM '{dir}/daily.parquet' WHERE variant = 'baseline'");
        var initial = Scalar("SELECT count(*) FROM '{dir}/events.parquet' WHERE variant = 'baseline' AND cause = 'initial'");
        Assert.Equal(infections - initial, Scalar("SELECT count(*) FROM '{dir}/transmissions.parquet' WHERE variant = 'baseline'"));
        Assert.Equal(infections, Scalar("SELECT count(*) FROM '{dir}/events.parquet' WHERE variant = 'baseline' AND kind = 'stage' AND \"to\" = 'exposed'"));
        Assert.Equal(Scalar("SELECT sum(new_red) FROM '{dir}/daily.parquet' WHERE variant = 'baseline'"),
            Scalar("SELECT count(*) FROM '{dir}/events.parquet' WHERE variant = 'baseline' AND kind = 'colour' AND \"to\" = 'red'"));
        Assert.True(Scalar("SELECT count(*) FROM '{dir}/transmissions.parquet' WHERE variant = 'no-codes' AND infector_colour <> 'green'") == 0,
            "without codes every infector holds the green code");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Simulator.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Simulator.sln not found above the test folder");
    }
}
