namespace Hcsim.Engine.Metrics;

/// <summary>
/// An optional summary column derived from a part's daily columns: a whole number (sum or maximum over days) unless
/// <paramref name="Fractional"/>, which is a ratio that may be undefined (an empty cell).
/// </summary>
public sealed record PartTotalColumn(string Name, bool Fractional, string Definition);
