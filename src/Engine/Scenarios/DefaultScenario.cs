namespace Hcsim.Engine.Scenarios;

/// <summary>The built-in default scenario: the text of scenarios/default.yaml, embedded at build time.</summary>
public static class DefaultScenario
{
    public const string SourceName = "scenarios/default.yaml";

    public static string Text { get; } = ReadEmbedded();

    private static string ReadEmbedded()
    {
        using var stream = typeof(DefaultScenario).Assembly.GetManifestResourceStream("Hcsim.Engine.Scenarios.default.yaml")
            ?? throw new InvalidOperationException("the default scenario is not embedded in the engine assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
