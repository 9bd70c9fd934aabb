using System.Collections.Immutable;
using Hcsim.Engine.Random;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Hcsim.Engine.Calibration;

/// <summary>
/// The arithmetic of ABC-SMC (Toni et al. 2009, with the kernel of Beaumont et al. 2009): proposals, tolerances and
/// importance weights. Generation 0 draws from the priors; generation t picks a particle of t - 1 by weight and moves it
/// with a Gaussian kernel whose covariance is twice the weighted covariance of generation t - 1, redrawing moves that
/// leave the priors' support. An accepted particle's weight is its prior density over the kernel mixture
/// sum_j w_j K(theta | theta_j), normalised. Every draw is a pure function of (seed, generation, candidate index, draw)
/// (stream Calibration), so a candidate's values do not depend on threads, timing or resuming.
/// </summary>
public sealed class AbcSmc
{
    /// <summary>Moves tried before a candidate gives up leaving the support and takes its particle's values unmoved.</summary>
    private const int MaxMoves = 1000;

    private readonly ImmutableArray<Prior> _priors;
    private readonly ulong _seed;

    public AbcSmc(IEnumerable<Prior> priors, ulong seed)
    {
        _priors = [.. priors];
        _seed = seed;
    }

    public ImmutableArray<Prior> Priors => _priors;

    /// <summary>Candidate <paramref name="index"/> of generation <paramref name="generation"/>.</summary>
    /// <param name="previous">The last complete generation (null for generation 0).</param>
    public ImmutableArray<double> Propose(int generation, int index, CalibrationGeneration? previous, Kernel? kernel)
    {
        var draw = 0;
        if (previous is null || kernel is null)
        {
            return [.. _priors.Select(p => p.Sample(Unit(generation, index, draw++)))];
        }
        var population = previous.Population.ToArray();
        var pick = Unit(generation, index, draw++);
        var chosen = population[^1];
        var cumulative = 0.0;
        foreach (var particle in population)
        {
            cumulative += particle.Weight;
            if (pick < cumulative)
            {
                chosen = particle;
                break;
            }
        }
        for (var attempt = 0; attempt < MaxMoves; attempt++)
        {
            var z = new double[_priors.Length];
            for (var k = 0; k < z.Length; k++)
            {
                z[k] = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Unit(generation, index, draw++));
            }
            var moved = kernel.Move(chosen.Values, z);
            if (PriorDensity(moved) > 0)
            {
                return moved;
            }
        }
        return chosen.Values;
    }

    /// <summary>The product of the priors' densities (0 outside the support).</summary>
    public double PriorDensity(IReadOnlyList<double> values)
    {
        var density = 1.0;
        for (var k = 0; k < _priors.Length; k++)
        {
            density *= _priors[k].Density(values[k]);
        }
        return density;
    }

    /// <summary>The perturbation kernel for proposals from <paramref name="population"/>'s generation.</summary>
    public static Kernel KernelOf(CalibrationGeneration population) => Kernel.Of(population);

    /// <summary>The tolerance of the generation after <paramref name="previous"/>: the quantile of its population's distances.</summary>
    public static double NextTolerance(CalibrationGeneration previous, double quantile)
    {
        var distances = previous.Population.Select(c => c.Distance).ToArray();
        return Statistics.QuantileCustom(distances, quantile, QuantileDefinition.R7);
    }

    /// <summary>
    /// A generation from its evaluated candidates: the first <paramref name="particles"/> within the tolerance (in index
    /// order) are accepted, and weighted.
    /// </summary>
    public CalibrationGeneration Accept(int generation, double tolerance, IReadOnlyList<CalibrationCandidate> candidates, int particles,
        CalibrationGeneration? previous, Kernel? kernel)
    {
        var accepted = new List<int>();
        for (var i = 0; i < candidates.Count && accepted.Count < particles; i++)
        {
            if (double.IsFinite(candidates[i].Distance) && candidates[i].Distance <= tolerance)
            {
                accepted.Add(i);
            }
        }
        var raw = new double[accepted.Count];
        for (var k = 0; k < accepted.Count; k++)
        {
            var values = candidates[accepted[k]].Values;
            raw[k] = previous is null || kernel is null ? 1 : PriorDensity(values) / kernel.MixtureDensity(values, previous);
        }
        var sum = raw.Sum();
        var weighted = candidates.ToArray();
        for (var k = 0; k < accepted.Count; k++)
        {
            weighted[accepted[k]] = weighted[accepted[k]] with { Accepted = true, Weight = sum > 0 ? raw[k] / sum : 1.0 / accepted.Count };
        }
        return new CalibrationGeneration
        {
            Index = generation,
            Tolerance = tolerance,
            Candidates = [.. weighted],
            Complete = accepted.Count >= particles,
        };
    }

    /// <summary>A uniform number in (0, 1) for one draw of one candidate.</summary>
    private double Unit(int generation, int index, int draw) =>
        CounterRng.Uniform(_seed, RngStream.Calibration, generation, index, draw) + 0.5 / (1UL << 53);

    /// <summary>The Gaussian perturbation kernel: covariance twice the weighted covariance of a population.</summary>
    public sealed class Kernel
    {
        private readonly Matrix<double> _cholesky;
        private readonly Matrix<double> _inverse;
        private readonly double _normaliser;

        private Kernel(Matrix<double> covariance)
        {
            _cholesky = covariance.Cholesky().Factor;
            _inverse = covariance.Inverse();
            _normaliser = 1 / Math.Sqrt(Math.Pow(2 * Math.PI, covariance.RowCount) * covariance.Determinant());
        }

        public static Kernel Of(CalibrationGeneration generation)
        {
            var population = generation.Population.ToArray();
            var dimension = population[0].Values.Length;
            var mean = new double[dimension];
            foreach (var particle in population)
            {
                for (var k = 0; k < dimension; k++)
                {
                    mean[k] += particle.Weight * particle.Values[k];
                }
            }
            var covariance = Matrix<double>.Build.Dense(dimension, dimension);
            foreach (var particle in population)
            {
                for (var a = 0; a < dimension; a++)
                {
                    for (var b = 0; b < dimension; b++)
                    {
                        covariance[a, b] += 2 * particle.Weight * (particle.Values[a] - mean[a]) * (particle.Values[b] - mean[b]);
                    }
                }
            }
            // A population collapsed on one value (or on a line) still moves: a small floor on the diagonal, relative to
            // the values' scale, keeps the covariance positive definite.
            for (var k = 0; k < dimension; k++)
            {
                var scale = Math.Max(Math.Abs(mean[k]), 1e-12);
                covariance[k, k] += 1e-10 * scale * scale;
            }
            return new Kernel(covariance);
        }

        /// <summary>The values moved by the kernel with standard normal draws <paramref name="z"/>.</summary>
        public ImmutableArray<double> Move(ImmutableArray<double> values, double[] z)
        {
            var step = _cholesky * Vector<double>.Build.DenseOfArray(z);
            return [.. values.Select((v, k) => v + step[k])];
        }

        /// <summary>sum_j w_j K(values | particle j) over <paramref name="previous"/>'s population.</summary>
        public double MixtureDensity(ImmutableArray<double> values, CalibrationGeneration previous)
        {
            var sum = 0.0;
            foreach (var particle in previous.Population)
            {
                var d = Vector<double>.Build.DenseOfArray([.. values.Select((v, k) => v - particle.Values[k])]);
                sum += particle.Weight * _normaliser * Math.Exp(-0.5 * (d * (_inverse * d)));
            }
            return sum;
        }
    }
}
