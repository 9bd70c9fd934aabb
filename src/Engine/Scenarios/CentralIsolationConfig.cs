namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Finite central isolation: at most <see cref="Beds"/> people centrally isolated on any day. A central isolation that
/// finds no bed goes to home quarantine (<c>home</c>) or waits, free, for a bed (<c>wait</c>). Absent (null in
/// <see cref="ModelConfig"/>) means unlimited beds.
/// </summary>
public sealed record CentralIsolationConfig
{
    /// <summary>Beds: people centrally isolated at once.</summary>
    public int Beds { get; init; }
    /// <summary><c>home</c> or <c>wait</c>.</summary>
    public string Overflow { get; init; } = "home";
}
