namespace Hcsim.Engine.Calibration;

/// <summary>
/// One setting to fit: a model setting path (<c>background_illness.daily_rate</c>, <c>policy.params.red_days</c>) and its
/// prior. <c>uniform</c> needs <see cref="Min"/> and <see cref="Max"/>; <c>normal</c> <see cref="Mean"/> and <see cref="Sd"/>;
/// <c>lognormal</c> <see cref="Mu"/> and <see cref="Sigma"/> (of the logarithm); <c>beta</c> <see cref="Alpha"/> and
/// <see cref="Beta"/>. Min and max, when given, also truncate the other priors.
/// </summary>
public sealed record CalibrationParameterConfig
{
    public string Path { get; init; } = "";
    public string Prior { get; init; } = "uniform";
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Mean { get; init; }
    public double? Sd { get; init; }
    public double? Mu { get; init; }
    public double? Sigma { get; init; }
    public double? Alpha { get; init; }
    public double? Beta { get; init; }
}
