namespace Hcsim.Engine.Scenarios.Schema;

/// <summary>What a scenario setting holds, as the file writes it.</summary>
public enum SettingKind : byte
{
    /// <summary>A mapping of fixed keys (a config record).</summary>
    Group,
    /// <summary>A list whose items all follow one element setting.</summary>
    List,
    /// <summary>A mapping of names chosen by the author (<c>tests.NAME</c>, <c>policy.params.NAME</c>) to one element setting.</summary>
    Map,
    /// <summary>A whole number (<c>1e6</c> and <c>2.0</c> are accepted too).</summary>
    Integer,
    /// <summary>A finite number.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A scalar read as text.</summary>
    Text,
    /// <summary>A number, or the name of a policy parameter holding it.</summary>
    NumberOrParameter,
    /// <summary>A mapping of setting paths to values (a variant's <c>set</c>).</summary>
    Overrides,
    /// <summary>A mapping of setting paths to lists of values (<c>sweep</c>).</summary>
    Sweep,
}
