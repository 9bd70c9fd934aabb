namespace Hcsim.Engine.Simulation;

/// <summary>Optional per-person detail a run records; off by default because it grows with the epidemic.</summary>
public sealed record DetailOptions
{
    public static DetailOptions None { get; } = new();

    /// <summary>Record every change of disease stage, colour and confinement.</summary>
    public bool Events { get; init; }
    /// <summary>Record every transmission with the infector's code and confinement.</summary>
    public bool Transmissions { get; init; }
}
