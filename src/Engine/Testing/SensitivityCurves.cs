using System.Collections.Immutable;

namespace Hcsim.Engine.Testing;

/// <summary>
/// The built-in sensitivity curves by days since infection (index 0 = the day of infection; later days keep the last
/// value). A kind uses one only when it declares <c>sensitivity_curve</c>; otherwise its sensitivity is flat.
/// </summary>
/// <remarks>
/// PCR: read off the false-negative rates of Kucirka et al. 2020, "Variation in false-negative rate of reverse
/// transcriptase polymerase chain reaction-based SARS-CoV-2 tests by time since exposure", Ann Intern Med 173:262
/// (https://doi.org/10.7326/M20-1495): nothing found on the day of infection, 33 % found on day 4, 62 % on day 5 (about
/// symptom onset), best (80 %) on day 8, falling to 34 % on day 21. Antigen: the same shape, lower and shorter-lived,
/// peaking near 70 % around symptom onset, after Dinnes et al. 2021, Cochrane Database Syst Rev CD013705
/// (https://doi.org/10.1002/14651858.CD013705.pub2; 72 % in symptomatic people in the first week, 58 % without
/// symptoms). Both are approximations for illustration; a scenario can give its own table with sensitivity_by_day.
/// </remarks>
public static class SensitivityCurves
{
    public static readonly ImmutableArray<string> Names = ["flat", "pcr", "antigen"];

    public static readonly ImmutableArray<double> Pcr =
    [
        0.00, 0.00, 0.05, 0.20, 0.33, 0.62, 0.72, 0.77, 0.80, 0.79, 0.77,
        0.75, 0.72, 0.69, 0.66, 0.62, 0.58, 0.54, 0.50, 0.45, 0.40, 0.34,
    ];

    public static readonly ImmutableArray<double> Antigen =
    [
        0.00, 0.00, 0.00, 0.10, 0.25, 0.55, 0.68, 0.70, 0.65, 0.58, 0.50,
        0.42, 0.34, 0.27, 0.21, 0.16, 0.12, 0.09, 0.07, 0.05, 0.04, 0.03,
    ];

    /// <summary>The table a kind's settings select: its own table, a named curve, or empty for flat.</summary>
    public static ImmutableArray<double> Of(string curve, ImmutableArray<double> byDay) =>
        !byDay.IsDefaultOrEmpty ? byDay
        : curve switch
        {
            "pcr" => Pcr,
            "antigen" => Antigen,
            _ => [],
        };
}
