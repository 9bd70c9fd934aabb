namespace Hcsim.Engine.Scenarios;

/// <summary>
/// One contact layer. <see cref="ContactsPerDay"/> is the mean number of distinct people met per day in the layer
/// (not used for households, where everyone meets everyone daily: the schema gives the household layer only <c>beta</c>). <see cref="Beta"/> is the probability that one
/// contact-day between an infectious and a susceptible person transmits, before infectiousness and susceptibility factors.
/// </summary>
public sealed record LayerConfig
{
    public double ContactsPerDay { get; init; }
    public double Beta { get; init; }
}
