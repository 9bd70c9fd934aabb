using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;

namespace Hcsim.Engine.Metrics;

/// <summary>
/// One transmission: who infected whom, on which day, in which layer, and the infector's code and confinement at the
/// time (for questions such as "how many transmissions happened while the infector held a green code").
/// </summary>
public readonly record struct TransmissionRecord(
    int Day, int Infector, int Infectee, ContactLayer Layer, byte InfectorColour, ConfinementKind InfectorConfinement);
