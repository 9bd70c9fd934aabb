namespace Hcsim.Engine.Errors;

/// <summary>
/// One problem in a scenario: where it is (file, 1-based line and column, 0 when unknown), the setting's path
/// (<c>population.size</c>) and what is wrong.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string SettingPath, string Message)
{
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return SettingPath.Length > 0 ? $"{location}: {SettingPath}: {Message}" : $"{location}: {Message}";
    }
}
