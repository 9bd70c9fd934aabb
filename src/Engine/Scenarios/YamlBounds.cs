using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hcsim.Engine.Scenarios;

/// <summary>
/// Limits on the shape of scenario YAML, checked on the parser's event stream before any node tree is built. A scenario
/// file is untrusted text: without these, a few hundred bytes of nested aliases ("billion laughs") make the binder walk
/// billions of nodes, and deep nesting ([[[[...]]]]) can exhaust the stack, which no handler can catch.
/// </summary>
/// <remarks>
/// The limits are far above any real scenario (the default scenario has about 300 nodes, 5 levels deep, 4 KB).
/// </remarks>
internal static class YamlBounds
{
    /// <summary>Characters in one scenario text (about 1 MB of ASCII).</summary>
    public const int MaxChars = 1_000_000;

    /// <summary>Nesting of mappings and lists.</summary>
    public const int MaxDepth = 32;

    /// <summary>Nodes after every alias is expanded in place: what the binder would walk.</summary>
    public const long MaxExpandedNodes = 200_000;

    /// <summary>
    /// Null if the YAML stays within the limits, else the position and message of the first excess. A syntax error
    /// throws <see cref="YamlException"/> exactly as a full parse would, so the caller reports both the same way.
    /// </summary>
    /// <param name="parser">A fresh parser over <paramref name="text"/>, so the caller can see where it stopped.</param>
    public static (Mark Where, string Message)? Check(string text, Parser parser)
    {
        if (text.Length > MaxChars)
        {
            return (Mark.Empty, string.Create(CultureInfo.InvariantCulture,
                $"the scenario text is more than the limit of {MaxChars:N0} characters; a scenario is a short settings file"));
        }
        // Expanded size of each anchored node, and the running size of each open mapping or list.
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(long Size, string? Anchor)>();
        long total = 0;
        while (parser.MoveNext())
        {
            long completed;
            string? anchor;
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    var start = (NodeEvent)parser.Current;
                    if (open.Count >= MaxDepth)
                    {
                        return (start.Start, string.Create(CultureInfo.InvariantCulture,
                            $"mappings and lists are nested more than {MaxDepth} levels deep"));
                    }
                    open.Push((1, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    continue;
                case MappingEnd or SequenceEnd:
                    (completed, anchor) = open.Pop();
                    break;
                case Scalar scalar:
                    (completed, anchor) = (1, scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value);
                    break;
                case AnchorAlias alias when open.Any(o => o.Anchor == alias.Value.Value):
                    // YamlDotNet builds such a node as a cycle, and walking it would never end.
                    return (alias.Start, $"the alias *{alias.Value.Value} is inside the node it refers to (&{alias.Value.Value}), which would make the value endless");
                case AnchorAlias alias:
                    // An unknown alias is a syntax error the full parse reports; count it as one node here.
                    (completed, anchor) = (anchors.GetValueOrDefault(alias.Value.Value, 1), null);
                    break;
                default:
                    continue;
            }
            if (anchor is not null)
            {
                anchors[anchor] = completed;
            }
            if (open.Count > 0)
            {
                var (size, openAnchor) = open.Pop();
                open.Push((Math.Min(size + completed, MaxExpandedNodes + 1), openAnchor));
            }
            else
            {
                total = Math.Min(total + completed, MaxExpandedNodes + 1);
            }
            if (total > MaxExpandedNodes || (open.Count > 0 && open.Peek().Size > MaxExpandedNodes))
            {
                return (parser.Current!.Start, string.Create(CultureInfo.InvariantCulture,
                    $"the scenario expands to more than {MaxExpandedNodes} values once its aliases (*name) are replaced by what they refer to; write the values out or use fewer nested aliases"));
            }
        }
        return null;
    }
}
