using Hcsim.Engine.Contacts;

namespace Hcsim.Engine.Rules;

/// <summary>Tracing reached <see cref="Target"/> as a contact of <see cref="Source"/>.</summary>
public readonly record struct TracedEvent(int Target, int Source, ContactLayer Layer, int DaysAgo, int Depth);
