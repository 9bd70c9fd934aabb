namespace Hcsim.Engine.Scenarios;

/// <summary>A validation problem found in bound settings, named by setting path; the loader attaches the location.</summary>
/// <param name="ColumnOffset">Columns to add to the value's start, for a problem inside a value (a rule expression).</param>
/// <param name="Idle">
/// For a rule that can never fire or a test kind no rule orders, the rule or test kind it is about (see
/// <see cref="ScenarioValidator.Live"/>): such a problem stands only when no variant brings that rule or test kind to life.
/// Null for every other problem.
/// </param>
internal readonly record struct SettingProblem(string Path, string Message, int ColumnOffset = 0, string? Idle = null);
