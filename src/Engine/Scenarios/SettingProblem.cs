namespace Hcsim.Engine.Scenarios;

/// <summary>A validation problem found in bound settings, named by setting path; the loader attaches the location.</summary>
internal readonly record struct SettingProblem(string Path, string Message);
