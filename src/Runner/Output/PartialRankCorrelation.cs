using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Hcsim.Runner.Output;

/// <summary>
/// Partial rank correlation coefficients (PRCC; Marino et al. 2008, J Theor Biol 254:178, https://doi.org/10.1016/j.jtbi.2008.04.011):
/// inputs and output are replaced by their ranks (ties get the mean rank); for each input, the ranks of that input and
/// of the output are each regressed (least squares, with an intercept) on the ranks of all other inputs, and the PRCC
/// is the Pearson correlation of the two residuals: the monotone association of the input with the output once the
/// other inputs are accounted for, in [-1, 1].
/// </summary>
public static class PartialRankCorrelation
{
    /// <summary>One input's coefficient and its two-sided p-value (t-test with n - 2 - (k - 1) degrees of freedom).</summary>
    public readonly record struct Coefficient(double Prcc, double PValue);

    /// <summary>The PRCC of each input; NaN everywhere when the output is constant or there are too few runs (n must exceed k + 1).</summary>
    /// <param name="inputs"><c>inputs[run][input]</c>.</param>
    /// <param name="output">The output of each run.</param>
    public static Coefficient[] Compute(IReadOnlyList<double[]> inputs, IReadOnlyList<double> output)
    {
        var n = output.Count;
        var k = n == 0 ? 0 : inputs[0].Length;
        var result = Enumerable.Repeat(new Coefficient(double.NaN, double.NaN), k).ToArray();
        var degrees = n - 2 - (k - 1);
        if (k == 0 || degrees < 1 || output.Distinct().Count() < 2)
        {
            return result;
        }
        var ranks = new double[k][];
        for (var j = 0; j < k; j++)
        {
            ranks[j] = Statistics.Ranks(inputs.Select(row => row[j]));
        }
        var outputRanks = Statistics.Ranks(output);
        for (var j = 0; j < k; j++)
        {
            if (ranks[j].Distinct().Count() < 2)
            {
                continue;
            }
            // Design: intercept and the other inputs' ranks.
            var design = Matrix<double>.Build.Dense(n, k, (row, column) =>
                column == 0 ? 1.0 : ranks[column <= j ? column - 1 : column][row]);
            var inputResidual = Residual(design, ranks[j]);
            var outputResidual = Residual(design, outputRanks);
            var r = Correlation.Pearson(inputResidual, outputResidual);
            if (double.IsNaN(r))
            {
                continue;
            }
            r = Math.Clamp(r, -1, 1);
            var t = Math.Abs(r) >= 1 ? double.PositiveInfinity : r * Math.Sqrt(degrees / (1 - r * r));
            var p = double.IsInfinity(t) ? 0 : 2 * (1 - StudentT.CDF(0, 1, degrees, Math.Abs(t)));
            result[j] = new Coefficient(r, p);
        }
        return result;
    }

    private static double[] Residual(Matrix<double> design, double[] values)
    {
        var y = Vector<double>.Build.DenseOfArray(values);
        var fit = design.QR().Solve(y);
        return (y - design * fit).ToArray();
    }
}
