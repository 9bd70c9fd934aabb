using System.Globalization;
using CsCheck;
using Hcsim.Engine.Errors;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

/// <summary>
/// Property-based tests: whatever text a scenario file holds, the loader either returns a scenario or throws
/// <see cref="ScenarioValidationException"/>, and it always returns promptly. Inputs are mutations of the default
/// scenario (lines deleted, duplicated, swapped, re-indented, characters changed, YAML tokens inserted, values replaced
/// by odd numbers) and random YAML-flavoured text. Sizes are bounded so that a failure shrinks to a small case.
/// </summary>
public sealed class ScenarioLoaderFuzzTests
{
    /// <summary>A load that takes this long is treated as a hang; a normal one takes milliseconds.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    private static readonly string[] DefaultLines = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "default.yaml")).Split('\n');

    private static readonly string[] Tokens =
    [
        "&a ", "*a", "*zz", "[", "]", "{", "}", ": ", ":", "- ", "\t", "'", "\"", "!!int ", "!!binary ", "---", "...", "|", ">", "#",
        "&x [*x]", "~", "null", "? ", "<<: *a", "%YAML 1.1", "!<tag:yaml.org,2002:str> ", "\\u0000", "\0", "\r", "😀", "é",
        "policy.params.x: 1", "colours: []", "do: []", "when: \"(((\"", "when: System.IO.File.Exists(\"x\")", "variants: []", "{{", "]]",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "2", "-0", "0.5", "1.5", "-0.5", "1e300", "-1e300", "1e-300", "NaN", ".nan", ".inf", "-.inf", "Infinity",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "2147483648", "-2147483649", "0x10", "0o7", "1_000",
        "99999999999999999999999999999999999999", "3.", ".5", "+5", "1e6", "150000000", "200000001", "1,5",
    ];

    /// <summary>One edit: which kind, where (line and column, taken modulo the text's size) and with what.</summary>
    private static readonly Gen<(int Kind, int Line, int Other, int Column, string Token, string Number)> Mutation =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 200], Gen.OneOf(Tokens), Gen.OneOf(Numbers));

    private static readonly Gen<string> MutatedDefault = Mutation.Array[1, 12].Select(Apply);

    private static readonly Gen<string> RandomText =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz_0123456789 :-[]{},&*!|>'\"#\n\t.?%@"], 0, 2000];

    private static readonly Gen<string> RandomLines =
        Gen.OneOf(DefaultLines.Concat(Tokens).Concat(Numbers).ToArray()).Array[0, 80].Select(lines => string.Join('\n', lines));

    [Fact]
    public void Load_MutatedDefaultScenario_ThrowsOnlyValidationErrors()
    {
        MutatedDefault.Sample(LoadsOrRefuses, iter: 400, threads: 1);
    }

    [Fact]
    public void Load_RandomText_ThrowsOnlyValidationErrors()
    {
        RandomText.Sample(LoadsOrRefuses, iter: 1500);
    }

    [Fact]
    public void Load_RandomLinesFromScenarioAndTokens_ThrowsOnlyValidationErrors()
    {
        RandomLines.Sample(LoadsOrRefuses, iter: 1500);
    }

    [Fact]
    public void Load_RandomOverrides_ThrowsOnlyValidationErrors()
    {
        var paths = new[] { "population.size", "days", "seed", "replicates", "policy.params.red_days", "checkin", "policy.rules", "policy.colours", "x.y", "", "policy..x", "tests.pcr.sensitivity" };
        var gen = Gen.Select(Gen.OneOf(paths), Gen.OneOf(Numbers.Concat(Tokens).ToArray())).Array[1, 4]
            .Select(sets => sets.Select(s => $"{s.Item1}={s.Item2}").ToArray());
        gen.Sample(sets =>
        {
            try
            {
                ScenarioLoader.LoadDefault(sets);
            }
            catch (ScenarioValidationException)
            {
                // Refused with located errors: the expected outcome for most random overrides.
            }
        }, iter: 300, threads: 1);
    }

    [Theory]
    [InlineData("days=&x [*x]")]
    [InlineData("policy.rules=&x [*x]")]
    public void Load_SelfReferencingAliasInOverride_IsRefused(string setting)
    {
        // Found by Load_RandomOverrides: the cycle made YamlDotNet recurse until it threw its own exception.
        Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.LoadDefault([setting]));
    }

    [Fact]
    public void Load_MutationSeedThatFoundUnsupportedEvent_OnlyRefuses()
    {
        // Found by Load_MutatedDefaultScenario: YamlDotNet threw ArgumentException ("unsupported event") for this sample.
        MutatedDefault.Sample(LoadsOrRefuses, seed: "5o7HAbs5I951", iter: 400, threads: 1);
    }

    [Fact]
    public void Load_TextOverTheLimit_IsRefusedWithTheLimit()
    {
        var text = "name: long\ndescription: " + new string('x', 1_000_001);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Load(text, "long.yaml", []));

        Assert.Contains("more than the limit of 1,000,000 characters", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_FileFarOverTheLimit_SaysMoreThanTheLimitWithoutAWrongCount()
    {
        // The file is read only up to one character past the limit, so any count in the message would be that, not the size.
        var path = Path.Combine(Path.GetTempPath(), $"hcsim-long-{Environment.ProcessId}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: long\ndescription: " + new string('x', 2_000_000));
        try
        {
            var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.LoadFile(path, []));

            var message = Assert.Single(error.Errors).Message;
            Assert.Contains("more than the limit of 1,000,000 characters", message, StringComparison.Ordinal);
            Assert.DoesNotContain("1000001", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_EndlessFile_IsRefusedWithoutReadingItAll()
    {
        // /dev/zero never ends: a loader that reads whole files would fill the memory.
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.LoadFile("/dev/zero", []));

        Assert.Contains("more than the limit", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    private static void LoadsOrRefuses(string text)
    {
        var load = Task.Run(() =>
        {
            try
            {
                ScenarioLoader.Load(text, "fuzz.yaml", []);
            }
            catch (ScenarioValidationException e)
            {
                Assert.All(e.Errors, error => Assert.Equal("fuzz.yaml", error.File));
            }
        });
        Assert.True(load.Wait(HangLimit), $"loading should finish within {HangLimit.TotalSeconds} s");
        // Wait rethrows any other exception wrapped in an AggregateException, which fails the sample and is shrunk.
    }

    private static string Apply((int Kind, int Line, int Other, int Column, string Token, string Number)[] mutations)
    {
        var lines = DefaultLines.ToList();
        foreach (var (kind, lineSeed, other, columnSeed, token, number) in mutations)
        {
            if (lines.Count == 0)
            {
                lines.Add(token);
                continue;
            }
            var i = lineSeed % lines.Count;
            var line = lines[i];
            var column = line.Length == 0 ? 0 : columnSeed % line.Length;
            switch (kind)
            {
                case 0:
                    lines.RemoveAt(i);
                    break;
                case 1:
                    lines.Insert(i, line);
                    break;
                case 2:
                    var j = other % lines.Count;
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 3:
                    var c = Tokens[other % Tokens.Length][0];
                    lines[i] = line.Length == 0 ? c.ToString() : string.Concat(line.AsSpan(0, column), c.ToString(), line.AsSpan(column + 1));
                    break;
                case 4:
                    lines[i] = line.Insert(column, token);
                    break;
                case 5:
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    lines[i] = colon < 0 ? $"{line} {number}" : $"{line[..(colon + 2)]}{number}";
                    break;
                default:
                    lines[i] = other % 2 == 0 ? "  " + line : line.TrimStart();
                    break;
            }
        }
        return string.Join('\n', lines);
    }

    [Fact]
    public void Apply_NoMutationKindLeavesTheDefault_Unchanged()
    {
        // Guards the generator itself: a mutation always changes the text, so the samples are not all the default.
        var changed = Apply([(0, 10, 0, 0, "", "")]);
        Assert.NotEqual(string.Join('\n', DefaultLines), changed);
        Assert.Equal(DefaultLines.Length - 1, changed.Split('\n').Length);
        _ = string.Create(CultureInfo.InvariantCulture, $"{changed.Length}");
    }
}
