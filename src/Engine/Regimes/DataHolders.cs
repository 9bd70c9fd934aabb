using System.Collections.Immutable;

namespace Hcsim.Engine.Regimes;

/// <summary>The two places a kind of record can be held, as the <c>data</c> section names them.</summary>
public static class DataHolders
{
    public const string Central = "central";
    public const string Device = "device";

    public static readonly ImmutableArray<string> Names = [Central, Device];
}
