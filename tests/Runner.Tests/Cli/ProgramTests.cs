using Hcsim.Engine.Errors;
using Hcsim.Engine.Rules;
using Hcsim.Runner.Cli;
using Hcsim.Runner.Output;

namespace Hcsim.Runner.Tests.Cli;

public sealed class ProgramTests
{
    [Theory]
    [InlineData("run", "--threads", "0")]
    [InlineData("run", "--threads", "two")]
    [InlineData("run", "--set", "no-equals-sign")]
    [InlineData("run", "--no-such-option")]
    [InlineData("validate")]
    [InlineData("frobnicate", "x.yaml", "y.yaml")]
    public async Task RunAsync_InvalidCommandLine_ReturnsTwoWithOneLinePerError(params string[] args)
    {
        var (code, output, error) = await Run(args);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal("", output);
        Assert.All(error.TrimEnd().Split('\n'), line => Assert.StartsWith("hcsim: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seed", "-5", "seeds are never negative")]
    [InlineData("--seed", "abc", "not a whole number")]
    [InlineData("--seed", "18446744073709551616", "too large")]
    [InlineData("--threads", "abc", "at least 1")]
    [InlineData("--threads", "0", "at least 1")]
    public async Task RunAsync_BadNumberOption_SaysWhatNumbersAreAcceptedWithoutTypeNames(string option, string value, string expected)
    {
        var (code, _, error) = await Run("run", option, value);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"{option} {value}: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("expected type", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MisspeltCommand_SuggestsTheCommandInOneLine()
    {
        var (code, _, error) = await Run("runn");

        Assert.Equal(ExitCodes.InvalidInput, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("'runn' is not an hcsim command; did you mean 'run'?", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FolderGivenAsScenario_SaysItIsAFolderNotMissing()
    {
        var folder = Directory.CreateTempSubdirectory("hcsim-scenarios-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "city.yaml"), "name: city\n");

            var (code, _, error) = await Run("validate", folder);

            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("is a folder, not a scenario file", error, StringComparison.Ordinal);
            Assert.Contains("city.yaml", error, StringComparison.Ordinal);
            Assert.DoesNotContain("not found", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_Interrupted_SaysSoWithoutAnExceptionTypeName()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false);
        var code = await Program.RunAsync(["run", "--set", "population.size=1000", "--set", "days=5", "--out",
            Path.Combine(Path.GetTempPath(), $"hcsim-interrupted-{Environment.ProcessId}"), "--quiet"], console, cancel.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("interrupted", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Version_PrintsInformationalVersionAndReturnsZero()
    {
        var (code, output, error) = await Run("--version");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal(Program.Version, output.Trim());
        Assert.StartsWith("0.1.0", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task RunAsync_Help_ListsRunAndValidate()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("run", output, StringComparison.Ordinal);
        Assert.Contains("validate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunHelp_DocumentsEveryOption()
    {
        var (code, output, _) = await Run("run", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--out", "--threads", "--seed", "--set", "--force", "--resume", "--quiet" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_MissingScenarioFile_ReturnsTwoWithoutStackTrace()
    {
        var (code, _, error) = await Run("validate", Path.Combine(Path.GetTempPath(), "hcsim-no-such-scenario.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitCodeFor_EachErrorKind_MapsToDocumentedCode()
    {
        Assert.Equal(ExitCodes.InvalidInput, Program.ExitCodeFor(new ScenarioValidationException([new ScenarioError("a.yaml", 1, 2, "days", "must be > 0")])));
        Assert.Equal(ExitCodes.InvalidInput, Program.ExitCodeFor(new ScenarioNotFoundException("a.yaml")));
        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(new OutputWriteException("disk full")));
        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(new IOException("disk full")));
        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(new UnauthorizedAccessException("read-only")));
        Assert.Equal(ExitCodes.InvariantBroken, Program.ExitCodeFor(new SimulationInvariantException("negative count")));
        Assert.Equal(ExitCodes.Unexpected, Program.ExitCodeFor(new InvalidOperationException("bug")));
        Assert.Equal(ExitCodes.OutputError, Program.ExitCodeFor(new AggregateException(new IOException("No space left on device : 'plots/a.png'"))));
    }

    [Fact]
    public void ExitCodeFor_RuleConditionFailedWhileRunning_IsInvalidInput()
    {
        var error = new RuleEvaluationException("ratio", null, 3, new DivideByZeroException());

        Assert.True(Program.ExitCodeFor(error) == ExitCodes.InvalidInput, "a rule condition that fails while running is the scenario's fault: exit 2");
    }

    [Fact]
    public void FirstSimulatorError_SeveralRuleFailures_PicksTheSameOneWhateverTheOrder()
    {
        var a = new RuleEvaluationException("a", null, 3, new DivideByZeroException());
        var b = new RuleEvaluationException("b", null, 3, new DivideByZeroException());

        Assert.Same(a, Program.FirstSimulatorError(new AggregateException(b, new AggregateException(a))));
        Assert.Same(a, Program.FirstSimulatorError(new AggregateException(a, b)));
        Assert.Null(Program.FirstSimulatorError(new AggregateException(a, new InvalidOperationException("bug"))));
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }
}
