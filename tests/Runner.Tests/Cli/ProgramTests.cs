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
