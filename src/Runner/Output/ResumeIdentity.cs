namespace Hcsim.Runner.Output;

/// <summary>
/// What must be equal for a run to reuse another's finished runs: the same scenario text, the same overrides (the seed
/// included), the same program version. Saved as <c>resume.json</c> in a temporary output folder.
/// </summary>
public sealed record ResumeIdentity
{
    public required string ScenarioSha256 { get; init; }
    public required IReadOnlyList<string> Overrides { get; init; }
    public required ulong Seed { get; init; }
    public required int Replicates { get; init; }
    public required IReadOnlyList<string> Variants { get; init; }
    /// <summary>Another version may simulate differently, so its runs are never mixed with this one's.</summary>
    public required string HcsimVersion { get; init; }
    /// <summary>The detail tables asked for (--events, --transmissions): the saved runs hold only those.</summary>
    public string Details { get; init; } = "";

    /// <summary>Null when a run with <paramref name="other"/> can resume from this one, else the first difference.</summary>
    public string? DifferenceFrom(ResumeIdentity other)
    {
        if (ScenarioSha256 != other.ScenarioSha256)
        {
            return $"the scenario file changed (SHA-256 {Short(ScenarioSha256)} then, {Short(other.ScenarioSha256)} now)";
        }
        if (!Overrides.SequenceEqual(other.Overrides, StringComparer.Ordinal))
        {
            return $"the overrides differ ([{string.Join(", ", Overrides)}] then, [{string.Join(", ", other.Overrides)}] now)";
        }
        if (Seed != other.Seed)
        {
            return $"the seed differs ({Seed} then, {other.Seed} now)";
        }
        if (Replicates != other.Replicates || !Variants.SequenceEqual(other.Variants, StringComparer.Ordinal))
        {
            return "the variants or replicates differ";
        }
        if (Details != other.Details)
        {
            return $"the detail outputs differ ([{Details}] then, [{other.Details}] now)";
        }
        if (HcsimVersion != other.HcsimVersion)
        {
            return $"hcsim changed (version {HcsimVersion} then, {other.HcsimVersion} now)";
        }
        return null;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
