using YamlDotNet.RepresentationModel;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// The source location of each YAML node. Nodes parsed from the scenario file carry their own marks; nodes that came
/// from a command-line override, or that were created or copied while applying overrides, are assigned a location here,
/// so an error in an overridden value points at the override rather than at a meaningless mark.
/// </summary>
internal sealed class NodeLocations
{
    // YamlNode overrides Equals structurally (two scalars "3" are equal), so identity is what tells nodes apart.
    private readonly Dictionary<YamlNode, SourceLocation> _assigned = new(ReferenceEqualityComparer.Instance);

    public NodeLocations(string file) => File = file;

    public string File { get; }

    /// <summary>Where the node's content starts: after the opening quote of a quoted scalar, so that a column inside a
    /// rule expression can be added to it.</summary>
    public SourceLocation Of(YamlNode node) =>
        _assigned.TryGetValue(node, out var location)
            ? location
            : new SourceLocation(File, (int)node.Start.Line, (int)node.Start.Column + (IsQuoted(node) ? 1 : 0));

    private static bool IsQuoted(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted };

    public void Assign(YamlNode node, SourceLocation location) => _assigned[node] = location;

    public void AssignTree(YamlNode root, SourceLocation location)
    {
        foreach (var node in root.AllNodes)
        {
            _assigned[node] = location;
        }
    }
}
