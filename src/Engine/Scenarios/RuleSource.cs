namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Where a rule's condition was written (file, 1-based line and column, setting path) and the variant whose parameters
/// it was compiled with: what an error raised while the rule runs needs to point back at the scenario.
/// </summary>
public sealed record RuleSource(string File, int Line, int Column, string Path, string Variant)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Path}" : $"{File}: {Path}";
}
