namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Home-quarantine leakage: a non-compliant share of people (fixed per person for the run) keeps a fraction of their
/// outside contacts (work, school, community) while in home quarantine. None by default.
/// </summary>
public sealed record HomeQuarantineConfig
{
    public double NoncompliantShare { get; init; }
    public double KeptFraction { get; init; }
}
