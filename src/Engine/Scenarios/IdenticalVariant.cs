namespace Hcsim.Engine.Scenarios;

/// <summary>A sweep point whose settings, as the engine uses them, equal those of an earlier variant.</summary>
/// <param name="Variant">The sweep point.</param>
/// <param name="SameAs">The first variant in scenario order with the same effective settings (the baseline, a declared variant or an earlier point).</param>
public sealed record IdenticalVariant(string Variant, string SameAs);
