using Hcsim.Engine.Agents;

namespace Hcsim.Engine.Regions;

/// <summary>
/// What a visitor shows the destination on arrival, read by its arrival rules: the colour held at home ("" without a
/// code or when the origin has no codes), whether a code is held, and the test history (days as in
/// <see cref="AgentState"/>, <see cref="AgentState.Never"/> when none). A value carried in the visit message, so an
/// arrival allocates nothing.
/// </summary>
public readonly record struct TravellerRecord(string Colour, bool HasCode, TestOutcome LastTest, ushort LastTestDay, ushort NegativeDay, ushort SampleDay, bool TestPending);
