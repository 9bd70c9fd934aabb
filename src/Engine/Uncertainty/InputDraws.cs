using System.Collections.Immutable;
using Hcsim.Engine.Scenarios;

namespace Hcsim.Engine.Uncertainty;

/// <summary>
/// The values every replicate draws for the scenario's uncertain inputs: a Latin hypercube over the replicates (seeded
/// by the scenario seed), mapped through each input's quantile function. Replicate r uses row r in every variant, so
/// variants stay paired; whole-number settings hold the draw rounded half away from zero, as the run uses it.
/// </summary>
public sealed class InputDraws
{
    private readonly ImmutableArray<ImmutableArray<string>> _segments;
    private readonly double[][] _values;

    private InputDraws(ImmutableArray<UncertainInputConfig> inputs, double[][] values)
    {
        Inputs = inputs;
        _segments = [.. inputs.Select(i => i.Path.Split('.').ToImmutableArray())];
        _values = values;
    }

    /// <summary>The inputs in declared order, each with its (default-filled) name.</summary>
    public ImmutableArray<UncertainInputConfig> Inputs { get; }

    public int Replicates => _values.Length;

    /// <summary>Whether some input is a policy setting: then each run compiles its own policy.</summary>
    public bool ChangesPolicy => Inputs.Any(i => i.Path.StartsWith("policy.", StringComparison.Ordinal));

    /// <summary>Draws every replicate's values (the inputs must be validated: known distributions with their parameters).</summary>
    public static InputDraws Draw(ImmutableArray<UncertainInputConfig> inputs, ulong seed, int replicates)
    {
        var points = LatinHypercube.Sample(seed, inputs.Length, replicates);
        var values = new double[replicates][];
        for (var r = 0; r < replicates; r++)
        {
            values[r] = new double[inputs.Length];
            for (var k = 0; k < inputs.Length; k++)
            {
                var value = InputDistribution.Quantile(inputs[k], points[r][k]);
                var setting = SettingWriter.SettingAt(inputs[k].Path.Split('.'));
                values[r][k] = setting.Kind == Scenarios.Schema.SettingKind.Integer ? Math.Round(value, MidpointRounding.AwayFromZero) : value;
            }
        }
        return new InputDraws(inputs, values);
    }

    /// <summary>The value replicate <paramref name="replicate"/> uses for input <paramref name="input"/>.</summary>
    public double Value(int replicate, int input) => _values[replicate][input];

    /// <summary><paramref name="model"/> with replicate <paramref name="replicate"/>'s drawn values set.</summary>
    public ModelConfig Apply(ModelConfig model, int replicate)
    {
        for (var k = 0; k < Inputs.Length; k++)
        {
            model = SettingWriter.With(model, _segments[k], _values[replicate][k]);
        }
        return model;
    }
}
