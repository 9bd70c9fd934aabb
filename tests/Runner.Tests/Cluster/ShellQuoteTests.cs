using Hcsim.Runner.Cluster;

namespace Hcsim.Runner.Tests.Cluster;

public sealed class ShellQuoteTests
{
    [Theory]
    [InlineData("population.size=4000", "population.size=4000")]
    [InlineData("/scratch/me/sweep", "/scratch/me/sweep")]
    [InlineData("policy.params.days=[1, 2]", "'policy.params.days=[1, 2]'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    public void Word_AnyText_IsOneShellWord(string text, string expected)
    {
        Assert.True(ShellQuote.Word(text) == expected, $"'{text}' should be written {expected}, got {ShellQuote.Word(text)}");
    }
}
