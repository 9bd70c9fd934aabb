namespace Hcsim.Engine.Tests.Calibration;

/// <summary>Small scenarios with a calibration section: the default scenario's base, shrunk, plus the given section.</summary>
internal static class CalibrationScenarios
{
    /// <summary>The default scenario's base (no variants) with this population, days and calibration section (YAML, indented under it).</summary>
    public static string Text(string calibration, int size = 2000, int days = 50) =>
        ShrunkDefaultScenario.With("counterfactual: no-codes", size, days, "calibration", calibration);
}
