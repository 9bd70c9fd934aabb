using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Turns scenario YAML into a validated <see cref="Scenario"/>: parses, applies <c>--set</c> overrides and each
/// variant's overrides by path, binds to the config records and validates. Every problem found is reported together
/// in one <see cref="Errors.ScenarioValidationException"/> naming file, line, column and setting path.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads scenario text. <paramref name="sourceName"/> names the file in error messages.</summary>
    /// <param name="overrides">Command-line overrides <c>PATH=VALUE</c>, applied to the base before variants.</param>
    public static Scenario Load(string text, string sourceName, IReadOnlyList<string> overrides) =>
        throw new NotImplementedException();

    /// <summary>Reads and loads a scenario file; throws ScenarioNotFoundException if it does not exist.</summary>
    public static Scenario LoadFile(string path, IReadOnlyList<string> overrides) =>
        throw new NotImplementedException();

    /// <summary>Loads the built-in default scenario (scenarios/default.yaml, embedded in the engine).</summary>
    public static Scenario LoadDefault(IReadOnlyList<string> overrides) =>
        Load(DefaultScenario.Text, DefaultScenario.SourceName, overrides);
}
