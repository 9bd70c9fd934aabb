namespace Hcsim.Engine.Calibration;

/// <summary>A fitted setting's weighted posterior mean and 95 % interval (2.5 % and 97.5 % weighted quantiles).</summary>
public sealed record PosteriorSummary(string Path, double Mean, double Low, double High);
