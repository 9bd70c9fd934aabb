using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using Parquet;
using Parquet.Schema;

namespace Hcsim.Runner.Output;

/// <summary>
/// Reads daily.parquet one run (row group) at a time and folds it into per-variant daily series, so memory grows with
/// variants x days, never with replicates. Row groups are read in file order, which the writer fixes, so the floating
/// point sums, and therefore the plots, are the same every time. The regions of a multi-region run (consecutive row
/// groups of one variant and replicate) are summed day by day first, so the series describe all regions together.
/// </summary>
public static class DailySeriesReader
{
    /// <summary>The last core column of daily.parquet: optional parts' columns follow it.</summary>
    private const string LastCoreColumn = "infectious_unflagged";

    /// <summary>The travel part's column drawn per region (plots/imported-infections.png).</summary>
    private const string ImportedColumn = "travel_imported_infections";

    /// <summary>Optional columns reduced to their peak over the days rather than their total.</summary>
    public static readonly ImmutableArray<string> PeakColumns = ["sample_wait_max_days", "samples_waiting", "trace_backlog", "central_overflow"];

    public static async Task<IReadOnlyList<VariantDailySeries>> ReadAsync(string path, ResultsMetadata metadata, CancellationToken cancellationToken)
    {
        await using var reader = await SummaryParquetReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var fields = reader.Schema.GetDataFields();
        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var colours = Colours(fields, path);
        var names = fields.Select(f => f.Name).ToList();
        var parts = names.IndexOf(LastCoreColumn) is var last and >= 0 ? names.Skip(last + 1).ToArray() : [];
        var accumulators = metadata.Variants.Select(v => new Accumulator(v.Days, colours.Length, parts)).ToArray();
        var index = metadata.Variants.Select((v, i) => (v.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

        RunSum? pending = null;
        void Flush()
        {
            if (pending is { } run)
            {
                accumulators[run.Variant].AddRun(run.Day, run.Exposed, run.Infectious, run.Home, run.Central, run.Flagged, run.FlaggedNeverInfected, run.ColourCounts);
                foreach (var (part, values) in run.Parts)
                {
                    accumulators[run.Variant].AddPart(part, values);
                }
            }
            pending = null;
        }
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = checked((int)group.RowCount);
            if (rows == 0)
            {
                continue;
            }
            var variants = new string[rows];
            await group.ReadAsync(SummaryParquetReader.Field(byName, "variant", path), variants, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!index.TryGetValue(variants[0], out var v))
            {
                throw new OutputReadException($"{path}: variant '{variants[0]}' is not in manifest.json");
            }
            async Task<int[]> Column(string name)
            {
                var values = new int[rows];
                await group.ReadAsync<int>(SummaryParquetReader.Field(byName, name, path), values, cancellationToken: cancellationToken).ConfigureAwait(false);
                return values;
            }
            var day = await Column("day").ConfigureAwait(false);
            var exposed = await Column("exposed").ConfigureAwait(false);
            var infectious = await Column("infectious").ConfigureAwait(false);
            var home = await Column("quarantined_home").ConfigureAwait(false);
            var central = await Column("quarantined_central").ConfigureAwait(false);
            var flagged = await Column("flagged").ConfigureAwait(false);
            var flaggedNeverInfected = await Column("flagged_never_infected").ConfigureAwait(false);
            var colourCounts = new int[colours.Length][];
            for (var c = 0; c < colours.Length; c++)
            {
                colourCounts[c] = await Column(colours[c]).ConfigureAwait(false);
            }
            var partValues = new List<(string, int[])>();
            foreach (var part in parts)
            {
                partValues.Add((part, await Column(part).ConfigureAwait(false)));
            }
            var replicate = (await Column("replicate").ConfigureAwait(false))[0];
            if (parts.Contains(ImportedColumn) && byName.TryGetValue("region", out var regionField))
            {
                var regionNames = new string[rows];
                await group.ReadAsync(regionField, regionNames, cancellationToken: cancellationToken).ConfigureAwait(false);
                accumulators[v].AddImported(regionNames[0], day, partValues.First(p => p.Item1 == ImportedColumn).Item2);
            }
            var next = new RunSum(v, replicate, day, exposed, infectious, home, central, flagged, flaggedNeverInfected, colourCounts, partValues);
            if (pending is { } same && same.Variant == v && same.Replicate == replicate && same.Day.SequenceEqual(day))
            {
                same.Add(next);
            }
            else
            {
                Flush();
                pending = next;
            }
        }
        Flush();
        return [.. metadata.Variants.Select((variant, i) => accumulators[i].ToSeries(variant.Name, i, colours))];
    }

    /// <summary>One run's daily columns, summed over its regions (each region's row group adds in).</summary>
    private sealed record RunSum(
        int Variant, int Replicate, int[] Day, int[] Exposed, int[] Infectious, int[] Home, int[] Central, int[] Flagged,
        int[] FlaggedNeverInfected, int[][] ColourCounts, List<(string Name, int[] Values)> Parts)
    {
        public void Add(RunSum other)
        {
            AddInto(Exposed, other.Exposed);
            AddInto(Infectious, other.Infectious);
            AddInto(Home, other.Home);
            AddInto(Central, other.Central);
            AddInto(Flagged, other.Flagged);
            AddInto(FlaggedNeverInfected, other.FlaggedNeverInfected);
            for (var c = 0; c < ColourCounts.Length; c++)
            {
                AddInto(ColourCounts[c], other.ColourCounts[c]);
            }
            for (var p = 0; p < Parts.Count; p++)
            {
                AddInto(Parts[p].Values, other.Parts[p].Values);
            }
        }

        private static void AddInto(int[] sum, int[] values)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += values[i];
            }
        }
    }

    /// <summary>The colour columns are those between <c>dead</c> and <c>quarantined_home</c> (DailyMetrics.Columns order).</summary>
    private static ImmutableArray<string> Colours(DataField[] fields, string path)
    {
        var names = fields.Select(f => f.Name).ToList();
        var first = names.IndexOf("dead") + 1;
        var last = names.IndexOf("quarantined_home");
        if (first <= 0 || last < first)
        {
            throw new OutputReadException($"{path}: does not have the daily.parquet columns (dead ... quarantined_home)");
        }
        return [.. names.Skip(first).Take(last - first)];
    }

    /// <summary>Sums for one variant; Welford's update for the infected curve, whose spread the bands need.</summary>
    private sealed class Accumulator
    {
        private readonly int _days;
        private readonly double[] _infectedMean;
        private readonly double[] _infectedM2;
        private readonly double[] _home;
        private readonly double[] _central;
        private readonly double[][] _colourShares;
        private readonly double[] _falsePositiveSum;
        private readonly int[] _falsePositiveCount;
        private readonly Dictionary<string, double> _partSums = new(StringComparer.Ordinal);
        private readonly string[] _parts;
        private readonly List<(string Region, double[] Sum, int Runs)> _imported = [];
        private int _runs;

        /// <summary>Adds one region's row group of travel_imported_infections (before the regions are summed).</summary>
        public void AddImported(string region, int[] day, int[] values)
        {
            var index = _imported.FindIndex(r => r.Region == region);
            if (index < 0)
            {
                _imported.Add((region, new double[_days], 0));
                index = _imported.Count - 1;
            }
            var (name, sum, runs) = _imported[index];
            for (var row = 0; row < day.Length; row++)
            {
                if (day[row] >= 0 && day[row] < _days)
                {
                    sum[day[row]] += values[row];
                }
            }
            _imported[index] = (name, sum, runs + 1);
        }

        public Accumulator(int days, int colours, string[] parts)
        {
            _parts = parts;
            foreach (var part in parts)
            {
                _partSums[part] = 0;
            }
            _days = days;
            _infectedMean = new double[days];
            _infectedM2 = new double[days];
            _home = new double[days];
            _central = new double[days];
            _colourShares = [.. Enumerable.Range(0, colours).Select(_ => new double[days])];
            _falsePositiveSum = new double[days];
            _falsePositiveCount = new int[days];
        }

        public void AddRun(int[] day, int[] exposed, int[] infectious, int[] home, int[] central, int[] flagged, int[] flaggedNeverInfected, int[][] colourCounts)
        {
            _runs++;
            for (var row = 0; row < day.Length; row++)
            {
                var d = day[row];
                if (d < 0 || d >= _days)
                {
                    throw new OutputReadException($"daily.parquet: day {d} is outside the variant's {_days} days");
                }
                double infected = exposed[row] + infectious[row];
                var delta = infected - _infectedMean[d];
                _infectedMean[d] += delta / _runs;
                _infectedM2[d] += delta * (infected - _infectedMean[d]);
                _home[d] += home[row];
                _central[d] += central[row];
                long holders = 0;
                foreach (var counts in colourCounts)
                {
                    holders += counts[row];
                }
                for (var c = 0; c < colourCounts.Length; c++)
                {
                    // A day with nobody alive has no shares; count it as zero rather than dividing by zero.
                    _colourShares[c][d] += holders == 0 ? 0 : (double)colourCounts[c][row] / holders;
                }
                if (flagged[row] > 0)
                {
                    _falsePositiveSum[d] += (double)flaggedNeverInfected[row] / flagged[row];
                    _falsePositiveCount[d]++;
                }
            }
        }

        /// <summary>Adds one run's value of an optional column: its total, or its peak for a peak column.</summary>
        public void AddPart(string name, int[] values)
        {
            _partSums[name] += PeakColumns.Contains(name) ? (values.Length == 0 ? 0 : values.Max()) : values.Sum(v => (long)v);
        }

        public VariantDailySeries ToSeries(string variant, int variantIndex, ImmutableArray<string> colours)
        {
            var low = new double[_days];
            var high = new double[_days];
            var t = _runs >= 2 ? StudentT.InvCDF(0, 1, _runs - 1, 0.975) : double.NaN;
            for (var d = 0; d < _days; d++)
            {
                var halfWidth = _runs >= 2 ? t * Math.Sqrt(_infectedM2[d] / (_runs - 1)) / Math.Sqrt(_runs) : double.NaN;
                low[d] = _infectedMean[d] - halfWidth;
                high[d] = _infectedMean[d] + halfWidth;
            }
            return new VariantDailySeries
            {
                Variant = variant,
                VariantIndex = variantIndex,
                Days = _days,
                Replicates = _runs,
                Colours = colours,
                InfectedMean = _infectedMean,
                InfectedLow = low,
                InfectedHigh = high,
                QuarantinedHomeMean = Mean(_home),
                QuarantinedCentralMean = Mean(_central),
                ColourShareMean = [.. _colourShares.Select(Mean)],
                FalsePositiveShareMean = [.. _falsePositiveSum.Select((sum, d) => _falsePositiveCount[d] == 0 ? double.NaN : sum / _falsePositiveCount[d])],
                PartTotals = _partSums.ToImmutableDictionary(p => p.Key, p => _runs == 0 ? double.NaN : p.Value / _runs, StringComparer.Ordinal),
                PartColumns = [.. _parts],
                ImportedByRegion = [.. _imported.Select(r => (r.Region, r.Sum.Select(s => r.Runs == 0 ? double.NaN : s / r.Runs).ToArray()))],
            };
        }

        private double[] Mean(double[] sums) => [.. sums.Select(s => _runs == 0 ? double.NaN : s / _runs)];
    }
}
