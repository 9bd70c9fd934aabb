using System.Collections.Immutable;
using Hcsim.Engine.Metrics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Per-day means over the replicates of one variant, for the plots. Runs must be added in a fixed order (the writer's
/// order), because floating-point sums depend on order and the plots should be reproducible too.
/// </summary>
public sealed class VariantDailyMeans
{
    private readonly double[] _infected;
    private readonly double[] _quarantined;
    private readonly double[][] _colourShares;

    public VariantDailyMeans(string variant, int variantIndex, int days, ImmutableArray<string> colours)
    {
        Variant = variant;
        VariantIndex = variantIndex;
        Days = days;
        Colours = colours;
        _infected = new double[days];
        _quarantined = new double[days];
        _colourShares = colours.Select(_ => new double[days]).ToArray();
    }

    public string Variant { get; }
    public int VariantIndex { get; }
    public int Days { get; }
    public ImmutableArray<string> Colours { get; }
    public int Replicates { get; private set; }

    public void Add(DailyMetrics daily)
    {
        if (daily.Days != Days || daily.Colours.Length != Colours.Length)
        {
            throw new ArgumentException($"variant {Variant}: a run has {daily.Days} days and {daily.Colours.Length} colours, expected {Days} and {Colours.Length}", nameof(daily));
        }
        for (var day = 0; day < Days; day++)
        {
            _infected[day] += daily.Exposed[day] + daily.Infectious[day];
            _quarantined[day] += daily.QuarantinedHome[day] + daily.QuarantinedCentral[day];
            long holders = 0;
            for (var c = 0; c < Colours.Length; c++)
            {
                holders += daily.ColourCounts[c][day];
            }
            for (var c = 0; c < Colours.Length; c++)
            {
                // A day with nobody alive has no shares; count it as zero rather than dividing by zero.
                _colourShares[c][day] += holders == 0 ? 0 : (double)daily.ColourCounts[c][day] / holders;
            }
        }
        Replicates++;
    }

    /// <summary>Mean exposed + infectious people per day.</summary>
    public double[] MeanInfected() => Mean(_infected);

    /// <summary>Mean quarantined (home + central) people per day.</summary>
    public double[] MeanQuarantined() => Mean(_quarantined);

    /// <summary>Mean share (0..1) of living people holding colour <paramref name="colour"/> per day.</summary>
    public double[] MeanColourShare(int colour) => Mean(_colourShares[colour]);

    private double[] Mean(double[] sums)
    {
        var means = new double[Days];
        for (var day = 0; day < Days; day++)
        {
            means[day] = Replicates == 0 ? 0 : sums[day] / Replicates;
        }
        return means;
    }
}
