using System.Globalization;
using System.Text.Json.Nodes;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;
using Hcsim.Engine.Scenarios.Schema;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Tests.Output;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hcsim.Runner.Tests.Cli;

/// <summary>
/// <c>hcsim schema</c> and the JSON Schema it prints, checked with an independent validator (JsonSchema.Net) against
/// the loader: every shipped scenario passes both, and what the loader refuses for a single key the schema refuses too.
/// </summary>
public sealed class SchemaCommandTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(ScenarioJsonSchema.Text());

    public static TheoryData<string> ShippedScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void Schema_ShippedScenario_IsValid(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "scenarios", name);
        var text = File.ReadAllText(path);

        // Loaded from its path: data files (edge-list.yaml's) are relative to the scenario's folder.
        ScenarioLoader.Load(text, path, []);
        var result = Evaluate(text);

        Assert.True(result.IsValid, $"{name} should be valid for the JSON Schema, got: {Describe(result)}");
    }

    [Theory]
    [InlineData("unknown top-level key", "populaton: {size: 100}")]
    [InlineData("unknown nested key", "checkin: {probabilty: 0.5}")]
    [InlineData("text where a number goes", "population: {size: many}")]
    [InlineData("probability above 1", "checkin: {probability: 1.5}")]
    [InlineData("negative size", "population: {size: -5}")]
    [InlineData("fractional whole number", "days: 10.5")]
    [InlineData("days out of range", "days: 0")]
    [InlineData("household contacts_per_day", "layers: {household: {contacts_per_day: 3, beta: 0.1}}")]
    [InlineData("zero turnaround", "tests: {pcr: {turnaround_days: 0}}")]
    [InlineData("odd mean degree", "population: {community: {mean_degree: 11}}")]
    [InlineData("unknown distribution", "disease: {latent_days: {distribution: normal}}")]
    [InlineData("zero mean duration", "disease: {latent_days: {mean_days: 0}}")]
    [InlineData("unknown trigger", "policy: {rules: [{name: r, on: fever_reported, do: [release]}]}")]
    [InlineData("unknown action", "policy: {rules: [{name: r, on: checkin, do: [{quarantine: home}]}]}")]
    [InlineData("bare action other than release", "policy: {rules: [{name: r, on: checkin, do: [isolate]}]}")]
    [InlineData("two actions in one", "policy: {rules: [{name: r, on: checkin, do: [{set_colour: red, isolate: home}]}]}")]
    [InlineData("an action of no kind", "policy: {rules: [{name: r, on: checkin, do: [{}]}]}")]
    [InlineData("days without isolate", "policy: {rules: [{name: r, on: checkin, do: [{set_colour: red, days: 3}]}]}")]
    [InlineData("unknown isolation kind", "policy: {rules: [{name: r, on: checkin, do: [{isolate: hotel}]}]}")]
    [InlineData("zero isolation days", "policy: {rules: [{name: r, on: checkin, do: [{isolate: home, days: 0}]}]}")]
    [InlineData("negative trace delay", "policy: {rules: [{name: r, on: checkin, do: [{trace: {layers: [household], delay_days: -1}}]}]}")]
    [InlineData("zero trace days", "policy: {rules: [{name: r, on: checkin, do: [{trace: {layers: [household], days: 0}}]}]}")]
    [InlineData("rule without a name", "policy: {rules: [{on: checkin, do: [release]}]}")]
    [InlineData("max_trace_depth 0", "policy: {max_trace_depth: 0}")]
    [InlineData("negative age band share", "population: {age_bands: [{min_age: 0, max_age: 90, share: -1}]}")]
    [InlineData("unknown trace layer", "policy: {rules: [{name: r, on: checkin, do: [{trace: {layers: [gym]}}]}]}")]
    [InlineData("parameter name not an identifier", "policy: {params: {Red-Days: 3}}")]
    [InlineData("colour declared twice", "policy: {colours: [green, red, red]}")]
    [InlineData("no colours", "policy: {colours: []}")]
    [InlineData("replicates out of range", "replicates: 0")]
    [InlineData("bad variant name", "variants: [{name: 'no codes', set: {policy.enabled: false}}]")]
    [InlineData("unknown path in a variant", "variants: [{name: v, set: {checkin.probabilty: 0.5}}]")]
    [InlineData("out-of-range value in a variant", "variants: [{name: v, set: {checkin.probability: 2}}]")]
    [InlineData("file-level key in a variant", "variants: [{name: v, set: {seed: 3}}]")]
    [InlineData("unknown key of a variant", "variants: [{name: v, sett: {days: 3}}]")]
    [InlineData("empty variant list", "variants: []")]
    [InlineData("unknown path in a sweep", "sweep: {checkin.probabilty: [0.5, 0.6]}")]
    [InlineData("sweep value out of range", "sweep: {tests.pcr.turnaround_days: [0, 1]}")]
    [InlineData("sweep value not a list", "sweep: {checkin.probability: 0.5}")]
    public void Schema_ScenarioTheLoaderRefuses_IsInvalid(string what, string lines)
    {
        var text = $"name: broken\n{lines}\n";

        Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "broken.yaml", []));
        var result = Evaluate(text);

        Assert.False(result.IsValid, $"{what}: the JSON Schema should refuse what the loader refuses ({lines})");
    }

    [Theory]
    [InlineData("a partly written group", "layers: {work: {beta: 0.05}}")]
    [InlineData("whole numbers as 1e3 and 2.0", "population: {size: 1e3}\ndays: 2.0")]
    [InlineData("a parameter as days", "policy: {params: {d: 3}, rules: [{name: r, on: checkin, do: [{isolate: home, days: d}]}]}")]
    [InlineData("map paths in a variant and a sweep", "policy: {params: {d: 3}, rules: [{name: r, on: checkin, do: [{isolate: home, days: d}, {test: pcr}]}]}\nvariants: [{name: v, set: {tests.pcr.sensitivity: 0.8, policy.params.d: 2}}]\nsweep: {tests.pcr.turnaround_days: [1, 2]}")]
    [InlineData("a whole group in a variant", "variants: [{name: v, set: {layers.work: {contacts_per_day: 2}}}]")]
    public void Schema_ScenarioTheLoaderAccepts_IsValid(string what, string lines)
    {
        var text = $"name: fine\n{lines}\n";

        ScenarioLoader.Load(text, "fine.yaml", []);
        var result = Evaluate(text);

        Assert.True(result.IsValid, $"{what}: the JSON Schema should accept what the loader accepts, got: {Describe(result)}");
    }

    [Fact]
    public void Schema_Root_IsDraft07WithClosedObjects()
    {
        var schema = ScenarioJsonSchema.Build();

        Assert.True((string?)schema["$schema"] == "http://json-schema.org/draft-07/schema#", "the schema should declare draft-07");
        var open = OpenObjects(schema, "#").ToList();
        Assert.True(open.Count == 0, $"every object of fixed keys should have additionalProperties: false; open: {string.Join(", ", open)}");
    }

    [Fact]
    public async Task RunAsync_Schema_PrintsTheJsonSchema()
    {
        var (code, output, error) = await Run("schema");

        Assert.True(code == ExitCodes.Ok, $"hcsim schema should exit 0, got {code}: {error}");
        Assert.True(output == ScenarioJsonSchema.Text(), "hcsim schema should print the generated JSON Schema");
    }

    [Fact]
    public async Task RunAsync_SchemaOut_WritesTheFileWhole()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "scenario.schema.json");

        var (code, output, _) = await Run("schema", "--out", file);

        Assert.True(code == ExitCodes.Ok, "hcsim schema --out should exit 0");
        Assert.True(output == "", "with --out nothing should go to standard output");
        Assert.True(File.ReadAllText(file) == ScenarioJsonSchema.Text(), "the file should hold the generated JSON Schema");
        Assert.Equal(["scenario.schema.json"], folder.Entries());
    }

    [Fact]
    public void ShippedSchemaFile_EqualsTheCommandOutput()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario.schema.json"));

        Assert.True(shipped == ScenarioJsonSchema.Text(),
            "docs/scenario.schema.json should equal the output of 'hcsim schema'; regenerate it with: dotnet run --project src/Runner -- schema --out docs/scenario.schema.json");
    }

    private static IEnumerable<string> OpenObjects(JsonNode? node, string pointer)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject && obj["additionalProperties"] is not JsonValue { } closed)
            {
                yield return pointer;
            }
            foreach (var (key, child) in obj)
            {
                foreach (var open in OpenObjects(child, $"{pointer}/{key}"))
                {
                    yield return open;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var open in OpenObjects(array[i], $"{pointer}/{i}"))
                {
                    yield return open;
                }
            }
        }
    }

    private static EvaluationResults Evaluate(string yaml) =>
        Schema.Evaluate(ToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", result.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    /// <summary>YAML to JSON as an editor reads it: plain scalars that look like numbers, booleans or null are those.</summary>
    private static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Convert(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException("aliases are not used in these scenarios"),
    };

    private static JsonNode? Plain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
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
