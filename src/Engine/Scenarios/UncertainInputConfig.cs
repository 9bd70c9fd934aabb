namespace Hcsim.Engine.Scenarios;

/// <summary>
/// One entry of the scenario's <c>uncertainty</c> list: a model setting (or policy parameter) whose value each replicate
/// draws from a distribution. Which parameters are read depends on <see cref="Distribution"/>: uniform min/max, normal
/// mean/sd, beta alpha/beta (on min..max, 0..1 by default), lognormal mu/sigma (of the logarithm).
/// </summary>
public sealed record UncertainInputConfig
{
    /// <summary>Names the output column <c>input_NAME</c>; by default the path's last segment.</summary>
    public string Name { get; init; } = "";
    /// <summary>A model setting by path, as in a variant's <c>set</c> (<c>layers.household.beta</c>, <c>policy.params.yellow_days</c>).</summary>
    public string Path { get; init; } = "";
    public string Distribution { get; init; } = "";
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Mean { get; init; }
    public double? Sd { get; init; }
    public double? Alpha { get; init; }
    public double? Beta { get; init; }
    public double? Mu { get; init; }
    public double? Sigma { get; init; }
}
