using DuckDB.NET.Data;
using Hcsim.Engine.Metrics;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Output;

/// <summary>Proves the Parquet files read back in another engine (DuckDB) with the documented names, types and values.</summary>
public sealed class ParquetOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DailyWriter_SyntheticRuns_ReadsBackInDuckDbWithSchemaAndValues()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2, days: 4);
        var runs = SyntheticRuns.All(scenario);
        var path = Path.Combine(_temp.Path, "daily.parquet");
        var columns = ParquetSchemas.DailyMetricColumns(scenario);
        await using (var stream = File.Create(path))
        {
            await using var writer = await DailyParquetWriter.CreateAsync(stream, columns, CancellationToken.None);
            foreach (var run in runs)
            {
                await writer.WriteRunAsync(run, CancellationToken.None);
            }
        }

        var schema = Describe(path);
        string[] expectedNames = ["variant", "replicate", "region", "day", .. columns];
        Assert.Equal(expectedNames, schema.Select(c => c.Name));
        Assert.Equal("VARCHAR", schema[0].Type);
        Assert.Equal("VARCHAR", schema[2].Type);
        Assert.All(schema.Where(c => c.Name is not ("variant" or "region")), c => Assert.True(c.Type == "INTEGER", $"{c.Name} should be INTEGER (int32), is {c.Type}"));
        Assert.Contains("yellow", columns);
        Assert.Contains("new_red", columns);

        Assert.Equal(16L, Scalar(path, "SELECT count(*) FROM read_parquet('{0}')"));
        // Variant 1 (codes_2020), replicate 1, day 3: exposed = 100 + 10 + 3, infectious = 110 + 6, yellow = 2 * 3 * 1.
        Assert.Equal(113, Scalar(path, "SELECT exposed FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1 AND day = 3"));
        Assert.Equal(116, Scalar(path, "SELECT infectious FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1 AND day = 3"));
        Assert.Equal(6, Scalar(path, "SELECT yellow FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1 AND day = 3"));
        Assert.Equal("no_codes", Scalar(path, "SELECT variant FROM read_parquet('{0}') LIMIT 1"));
        Assert.Equal("main", Scalar(path, "SELECT DISTINCT region FROM read_parquet('{0}')"));
    }

    [Fact]
    public async Task SummaryWriter_SyntheticSummaries_ReadsBackInDuckDbWithTypesAndNulls()
    {
        var scenario = SyntheticRuns.Scenario(variants: 2, replicates: 2);
        var summaries = SyntheticRuns.All(scenario).Select(r => r.Summary).ToList();
        // Only variant 1 replicate 0 gets a counterfactual partner; variant 0 replicate 1 has none: null cell.
        var filled = InfectionsAverted.Fill(summaries.Where(s => !(s.Variant == "no_codes" && s.Replicate == 1)).ToList(), "no_codes")
            .Append(summaries[1]).ToList();
        var path = Path.Combine(_temp.Path, "summary.parquet");
        await using (var stream = File.Create(path))
        {
            await SummaryParquetWriter.WriteAsync(stream, filled, CancellationToken.None);
        }

        var schema = Describe(path);
        Assert.Equal(ParquetSchemas.SummaryColumns.Select(c => c.Name), schema.Select(c => c.Name));
        var expectedTypes = new Dictionary<string, string>
        {
            ["variant"] = "VARCHAR", ["replicate"] = "INTEGER", ["region"] = "VARCHAR", ["seed"] = "BIGINT", ["population"] = "INTEGER", ["days"] = "INTEGER", ["stopped_early"] = "INTEGER",
            ["total_infections"] = "INTEGER", ["attack_rate"] = "DOUBLE", ["peak_infectious"] = "INTEGER", ["peak_quarantined"] = "INTEGER",
            ["quarantine_person_days"] = "BIGINT", ["never_infected_confined_person_days"] = "BIGINT", ["infected_confined_person_days"] = "BIGINT",
            ["recovered_confined_person_days"] = "BIGINT", ["flagged_person_days"] = "BIGINT", ["never_infected_flagged_person_days"] = "BIGINT",
            ["infected_flagged_person_days"] = "BIGINT", ["recovered_flagged_person_days"] = "BIGINT", ["false_positive_share"] = "DOUBLE",
            ["never_infected_flagged"] = "INTEGER", ["people_confined"] = "INTEGER", ["never_infected_confined"] = "INTEGER",
            ["confined_while_infected"] = "INTEGER", ["missed_person_days"] = "BIGINT", ["infectious_unflagged_person_days"] = "BIGINT",
            ["tests_total"] = "INTEGER", ["positive_tests_total"] = "INTEGER", ["cases_detected"] = "INTEGER", ["false_confirmations"] = "INTEGER",
            ["confirmation_ppv"] = "DOUBLE", ["never_infected_confined_per_case"] = "DOUBLE", ["never_infected_confined_person_days_per_case"] = "DOUBLE",
            ["confined_at_end"] = "INTEGER", ["confinement_days_after_end"] = "BIGINT", ["open_confinements_at_end"] = "INTEGER",
            ["confinement_rising_at_end"] = "INTEGER", ["epidemic_rising_at_end"] = "INTEGER", ["infections_averted"] = "DOUBLE",
            ["records_checkins"] = "BIGINT", ["records_tests"] = "BIGINT", ["records_scans"] = "BIGINT", ["records_contacts_consulted"] = "BIGINT", ["records_scans_consulted"] = "BIGINT", ["records_paper_passes"] = "BIGINT", ["people_without_code"] = "INTEGER",
            ["data_records"] = "BIGINT", ["people_looked_up"] = "INTEGER", ["venue_visits"] = "BIGINT", ["venue_refusals"] = "BIGINT",
        };
        Assert.All(schema, c => Assert.True(expectedTypes[c.Name] == c.Type, $"{c.Name} should be {expectedTypes[c.Name]}, is {c.Type}"));

        Assert.Equal(4L, Scalar(path, "SELECT count(*) FROM read_parquet('{0}')"));
        // codes_2020 replicate 0: 30 infections against 50 in no_codes replicate 0.
        Assert.Equal(20.0, Scalar(path, "SELECT infections_averted FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 0"));
        Assert.Equal(0.0, Scalar(path, "SELECT infections_averted FROM read_parquet('{0}') WHERE variant = 'no_codes' AND replicate = 0"));
        Assert.Equal(DBNull.Value, Scalar(path, "SELECT infections_averted FROM read_parquet('{0}') WHERE variant = 'no_codes' AND replicate = 1"));
        Assert.Equal(DBNull.Value, Scalar(path, "SELECT infections_averted FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1"));
        Assert.Equal(DBNull.Value, Scalar(path, "SELECT false_positive_share FROM read_parquet('{0}') WHERE variant = 'no_codes' AND replicate = 0"));
        Assert.Equal(0.26, Scalar(path, "SELECT false_positive_share FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1"));
        Assert.Equal(1001L, Scalar(path, "SELECT seed FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1"));
        Assert.Equal(124L, Scalar(path, "SELECT quarantine_person_days FROM read_parquet('{0}') WHERE variant = 'codes_2020' AND replicate = 1"));
    }

    private static List<(string Name, string Type)> Describe(string path)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, path);
        return command.ExecuteScalar();
    }
}
