namespace Hcsim.Engine.Scenarios;

/// <summary>The four contact layers. Central isolation removes all contacts; home quarantine keeps household contacts only.</summary>
public sealed record LayersConfig
{
    public LayerConfig Household { get; init; } = new() { ContactsPerDay = 0, Beta = 0.08 };
    public LayerConfig Work { get; init; } = new() { ContactsPerDay = 6, Beta = 0.03 };
    public LayerConfig School { get; init; } = new() { ContactsPerDay = 10, Beta = 0.03 };
    public LayerConfig Community { get; init; } = new() { ContactsPerDay = 3, Beta = 0.016 };
    /// <summary>Home-quarantine leakage (none by default).</summary>
    public HomeQuarantineConfig HomeQuarantine { get; init; } = new();
}
