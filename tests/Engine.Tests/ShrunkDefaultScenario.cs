using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests;

/// <summary>The default scenario's text, shrunk, with one more file section: the base of the calibration and search tests.</summary>
internal static class ShrunkDefaultScenario
{
    /// <summary>
    /// The default scenario's text up to <paramref name="cutBefore"/> (what follows is dropped), with this population and
    /// days, and <paramref name="section"/> holding <paramref name="body"/> (YAML, indented under it).
    /// </summary>
    public static string With(string cutBefore, int size, int days, string section, string body)
    {
        var text = DefaultScenario.Text;
        text = text[..text.IndexOf(cutBefore, StringComparison.Ordinal)]
            .Replace("size: 200000", $"size: {size}", StringComparison.Ordinal)
            .Replace("days: 120", $"days: {days}", StringComparison.Ordinal);
        return text + $"\n{section}:\n" + body;
    }
}
