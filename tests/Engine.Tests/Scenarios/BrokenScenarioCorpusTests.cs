using System.Text.RegularExpressions;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

/// <summary>
/// Every file in <c>Scenarios/Broken/</c> is a scenario that must be refused. Its first lines say how:
/// <c># expect: FILE:LINE:COLUMN: PATH: FRAGMENT</c>, one line per error, with <c>-</c> for an error without a setting
/// path. The test loads each file and checks that exactly those errors come out, in that order. Add a case by adding a
/// file; nothing else needs to change.
/// </summary>
public sealed class BrokenScenarioCorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Scenarios", "Broken");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void Corpus_Folder_HoldsManyCases()
    {
        Assert.True(Files().Count >= 25, $"the broken-scenario corpus should be copied to {Folder} with its 25+ files");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_BrokenScenarioFile_ReportsTheExpectedErrors(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        var expected = text.Split('\n').TakeWhile(l => l.StartsWith("# expect: ", StringComparison.Ordinal)).Select(Parse).ToList();
        Assert.True(expected.Count > 0, $"{name} should start with a '# expect: FILE:LINE:COLUMN: PATH: FRAGMENT' line");

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, name, []));

        var actual = error.Errors.Select(e => e.ToString()).ToList();
        Assert.True(expected.Count == error.Errors.Length, $"{name}: expected {expected.Count} error(s), got:\n{string.Join("\n", actual)}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (file, line, column, path, fragment) = expected[i];
            var e = error.Errors[i];
            Assert.True(e.File == file && e.Line == line && e.Column == column,
                $"{name}: error {i} should be at {file}:{line}:{column}, got {e}");
            Assert.True(e.SettingPath == path, $"{name}: error {i} should name setting '{path}', got {e}");
            Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"{name}: error {i} should contain '{fragment}', got {e}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_BrokenScenarioFile_MessageIsOneLineWithoutStackTrace(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, name, []));

        Assert.All(error.Errors, e => Assert.DoesNotContain('\n', e.ToString()));
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    private static (string File, int Line, int Column, string Path, string Fragment) Parse(string line)
    {
        var match = Expect.Match(line.TrimEnd('\r'));
        Assert.True(match.Success, $"cannot read the expectation '{line}'");
        var path = match.Groups["path"].Value;
        return (match.Groups["file"].Value, int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["column"].Value),
            path == "-" ? "" : path, match.Groups["fragment"].Value);
    }

    private static readonly Regex Expect = new(@"^# expect: (?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<path>\S+): (?<fragment>.+)$");
}
