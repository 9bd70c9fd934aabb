namespace Hcsim.Engine.Scenarios;

/// <summary>A validation problem found in bound settings, named by setting path; the loader attaches the location.</summary>
/// <param name="ColumnOffset">Columns to add to the value's start, for a problem inside a value (a rule expression).</param>
internal readonly record struct SettingProblem(string Path, string Message, int ColumnOffset = 0);
