using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Runner.Cli;

/// <summary>A loaded scenario with where it came from and the text it was loaded from (for the manifest's hash).</summary>
public sealed record ScenarioSource(Scenario Scenario, string Source, string Text)
{
    public const string BuiltInDefault = "built-in default";

    /// <summary>Loads a file, or the built-in default when <paramref name="path"/> is null; scenario errors propagate.</summary>
    public static ScenarioSource Load(string? path, IReadOnlyList<string> overrides)
    {
        if (path is null)
        {
            return new ScenarioSource(ScenarioLoader.LoadDefault(overrides), BuiltInDefault, DefaultScenario.Text);
        }
        if (Directory.Exists(path))
        {
            // Otherwise the loader's File.Exists says "not found" about a folder that is plainly there.
            var examples = Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal).Take(3).ToList();
            var hint = examples.Count > 0 ? $", e.g. {string.Join(" or ", examples)}" : "";
            throw new ScenarioValidationException([new ScenarioError(path, 0, 0, "",
                $"is a folder, not a scenario file; give the path of one YAML scenario file{hint}")]);
        }
        var scenario = ScenarioLoader.LoadFile(path, overrides);
        // Read after loading so that a missing file is reported by the loader, with its own message.
        return new ScenarioSource(scenario, path, File.ReadAllText(path));
    }
}
