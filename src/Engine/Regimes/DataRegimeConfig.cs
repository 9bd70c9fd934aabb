namespace Hcsim.Engine.Regimes;

/// <summary>
/// The <c>data</c> section: where each kind of record the policy gathers is held, <c>central</c> (the authority's
/// database, today's behaviour) or <c>device</c> (the person's phone, consulted only to notify), and the behaviour of
/// the decentralised design. Absent (null in <see cref="Scenarios.ModelConfig"/>) means everything central and no
/// regime columns. Test samples are always central: the authority's lab takes them.
/// </summary>
public sealed record DataRegimeConfig
{
    /// <summary>Daily check-ins: <c>central</c> or <c>device</c>.</summary>
    public string Checkins { get; init; } = DataHolders.Central;
    /// <summary>Venue scans (where a person was): <c>central</c> or <c>device</c>; on devices, trace_venues matches on the phones.</summary>
    public string Scans { get; init; } = DataHolders.Central;
    /// <summary>Contact records: <c>central</c> or <c>device</c>; on devices, trace becomes exposure notification.</summary>
    public string Contacts { get; init; } = DataHolders.Central;
    /// <summary>A confirmed case whose phone holds their records consents to upload them (keys and visited venue-slots), drawn once per person.</summary>
    public double UploadProbability { get; init; } = DataRegimeDefaults.UploadProbability;
    /// <summary>Share of code holders who run the proximity-logging app (drawn once per person).</summary>
    public double AppUptake { get; init; } = DataRegimeDefaults.AppUptake;
    /// <summary>A contact between two app users is logged on both phones, per contact-day.</summary>
    public double DetectionProbability { get; init; } = DataRegimeDefaults.DetectionProbability;
    /// <summary>A notified person heeds the notification (the fact <c>notification_heeded</c>), per person and notification day.</summary>
    public double NotificationCompliance { get; init; } = DataRegimeDefaults.NotificationCompliance;
}
