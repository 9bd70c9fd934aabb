using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Tests.Scenarios;

public sealed class PolicyParametersTests
{
    private static readonly PolicyParameters Parameters =
        new(ImmutableDictionary<string, double>.Empty.Add("yellow_days", 7).Add("trace_days", 2.5));

    [Fact]
    public void TryResolve_DeclaredParameterAndLiteral_GiveTheirValues()
    {
        Assert.True(Parameters.TryResolve(NumberOrParameter.Named("yellow_days"), out var named) && named == 7,
            "a declared parameter should resolve to its value");
        Assert.True(Parameters.TryResolve(NumberOrParameter.Of(3), out var literal) && literal == 3,
            "a literal should resolve to itself");
    }

    [Fact]
    public void TryResolve_UndeclaredParameter_ReturnsFalse()
    {
        Assert.False(Parameters.TryResolve(NumberOrParameter.Named("yelow_days"), out _),
            "an undeclared parameter should not resolve");
        Assert.Throws<ArgumentException>(() => Parameters.Resolve(NumberOrParameter.Named("yelow_days")));
    }

    [Fact]
    public void ResolveDays_HalfDay_RoundsAwayFromZero()
    {
        Assert.True(Parameters.ResolveDays(NumberOrParameter.Named("trace_days")) == 3, "2.5 days should round to 3");
    }

    [Fact]
    public void Unknown_MisspeltName_SuggestsAndListsDeclaredNames()
    {
        Assert.Equal(
            "unknown parameter 'yelow_days'; did you mean 'yellow_days'? (declared in policy.params: trace_days, yellow_days)",
            Parameters.Unknown("yelow_days"));
    }

    [Fact]
    public void UndeclaredProblem_DeclaredName_IsNull()
    {
        Assert.Null(PolicyParameters.UndeclaredProblem("yellow_days", Parameters.Names, "a sweep"));
        Assert.Contains("a sweep can change only parameters the base scenario declares",
            PolicyParameters.UndeclaredProblem("x", Parameters.Names, "a sweep"), StringComparison.Ordinal);
    }
}
