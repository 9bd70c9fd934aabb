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

    /// <summary>The identity of running <paramref name="loaded"/> with these overrides, version and detail tables.</summary>
    public static ResumeIdentity Of(Cli.ScenarioSource loaded, IReadOnlyList<string> overrides, string version, Engine.Simulation.DetailOptions? details = null) => new()
    {
        ScenarioSha256 = ResultsPipeline.Sha256Hex(loaded.Text),
        Overrides = [.. overrides],
        Seed = loaded.Scenario.Seed,
        Replicates = loaded.Scenario.Replicates,
        Variants = [.. loaded.Scenario.Variants.Select(v => v.Name)],
        HcsimVersion = version,
        Details = details is null ? "" : DetailsText(details.Events, details.Transmissions),
    };

    /// <summary>The <see cref="Details"/> text for the detail tables asked for.</summary>
    public static string DetailsText(bool events, bool transmissions) =>
        string.Join(" ", new[] { events ? "--events" : "", transmissions ? "--transmissions" : "" }.Where(d => d.Length > 0));

    /// <summary>
    /// The identity of the run that wrote a complete results folder, from its manifest.json (a <c>DIR.done-*</c> folder
    /// no longer holds resume.json); null when the manifest is missing or unreadable.
    /// </summary>
    public static ResumeIdentity? FromManifest(string folder)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsPipeline.ManifestFile)));
            var root = document.RootElement;
            var files = root.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
            return new ResumeIdentity
            {
                ScenarioSha256 = root.GetProperty("scenario_sha256").GetString() ?? "",
                Overrides = [.. root.GetProperty("overrides").EnumerateArray().Select(o => o.GetString() ?? "")],
                Seed = root.GetProperty("base_seed").GetUInt64(),
                Replicates = root.GetProperty("replicates").GetInt32(),
                Variants = [.. root.GetProperty("variants").EnumerateArray().Select(v => v.GetString() ?? "")],
                HcsimVersion = root.GetProperty("hcsim_version").GetString() ?? "",
                Details = DetailsText(files.Contains(DetailParquetWriter.EventsFile), files.Contains(DetailParquetWriter.TransmissionsFile)),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException
            or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

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
