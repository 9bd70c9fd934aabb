namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Finite tracing: the contacts tracers can trace per day, and the share of true contacts they find in each layer.
/// Absent (null in <see cref="ModelConfig"/>) means unlimited tracers who find every contact.
/// </summary>
public sealed record TracingConfig
{
    /// <summary>Contacts traced per day; 0 = unlimited. Cases beyond it wait in a backlog, first come first served.</summary>
    public int CapacityPerDay { get; init; }
    public TracingCoverageConfig Coverage { get; init; } = new();
}
