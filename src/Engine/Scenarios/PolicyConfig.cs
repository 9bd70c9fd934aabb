using System.Collections.Immutable;

namespace Hcsim.Engine.Scenarios;

/// <summary>The health-code policy: colours in severity order (first = lowest, held by everyone at start), parameters and rules.</summary>
public sealed record PolicyConfig
{
    /// <summary>False runs the counterfactual: everyone stays in the first colour and no rule fires.</summary>
    public bool Enabled { get; init; } = true;
    public ImmutableArray<string> Colours { get; init; } = ["green", "yellow", "red"];
    /// <summary>Named numbers the rules refer to, such as <c>red_days</c>.</summary>
    public ImmutableDictionary<string, double> Params { get; init; } = ImmutableDictionary<string, double>.Empty;
    /// <summary>How many tracing generations one case can start (1 = contacts only, 2 = contacts of contacts).</summary>
    public int MaxTraceDepth { get; init; } = 1;
    public ImmutableArray<RuleConfig> Rules { get; init; } = [];
}
