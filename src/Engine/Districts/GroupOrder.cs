using Hcsim.Engine.Rules;

namespace Hcsim.Engine.Districts;

/// <summary>A group action asked for by a matched rule: <see cref="Action"/> of rule <see cref="Rule"/>, for the group of <see cref="Agent"/>.</summary>
public readonly record struct GroupOrder(int Agent, int Rule, CompiledAction Action);
