using Hcsim.Engine.Agents;
using Hcsim.Engine.Contacts;
using Hcsim.Engine.Random;

namespace Hcsim.Engine.Regimes;

/// <summary>
/// A run's data regime, read from its <see cref="DataRegimeConfig"/>: which records are held on devices, and the draws of
/// the decentralised design. Every draw is a pure function of (seed, stream, day, ids), so a tracer running in parallel
/// chunks and every variant of a replicate see the same consents, app users and logged contacts.
/// </summary>
public sealed class DataRegime
{
    public DataRegime(DataRegimeConfig config)
    {
        CheckinsOnDevices = config.Checkins == DataHolders.Device;
        ScansOnDevices = config.Scans == DataHolders.Device;
        ContactsOnDevices = config.Contacts == DataHolders.Device;
        UploadProbability = config.UploadProbability;
        AppUptake = config.AppUptake;
        DetectionProbability = config.DetectionProbability;
        NotificationCompliance = config.NotificationCompliance;
    }

    public bool CheckinsOnDevices { get; }
    public bool ScansOnDevices { get; }
    public bool ContactsOnDevices { get; }
    public double UploadProbability { get; }
    public double AppUptake { get; }
    public double DetectionProbability { get; }
    public double NotificationCompliance { get; }

    /// <summary>
    /// Whether <paramref name="person"/>, when a case, uploads their records (stream KeyUpload, drawn once per person: one
    /// consent for keys and venues, kept at every later positive result, so retests do not raise the share that uploads).
    /// </summary>
    public bool Uploads(ulong seed, int person) =>
        CounterRng.Uniform(seed, RngStream.KeyUpload, 0, person) < UploadProbability;

    /// <summary>Whether <paramref name="person"/> runs the proximity-logging app: holds a code and took the app up (stream AppUptake, drawn once per person).</summary>
    public bool RunsApp(ulong seed, CodeHolders codes, int person) =>
        codes.Has(person) && (AppUptake >= 1 || CounterRng.Uniform(seed, RngStream.AppUptake, 0, person) < AppUptake);

    /// <summary>Whether a contact of <paramref name="a"/> and <paramref name="b"/> on <paramref name="contactDay"/> in <paramref name="layer"/> was logged on both phones (stream ProximityDetection; the same draw from either side).</summary>
    public bool Logged(ulong seed, int contactDay, ContactLayer layer, int a, int b) =>
        CounterRng.Uniform(seed, RngStream.ProximityDetection, contactDay * ContactLayers.Count + (int)layer, Math.Min(a, b), Math.Max(a, b)) < DetectionProbability;

    /// <summary>Whether <paramref name="person"/>, notified on <paramref name="day"/>, heeds it (stream NotificationCompliance).</summary>
    public bool Heeds(ulong seed, int day, int person) =>
        CounterRng.Uniform(seed, RngStream.NotificationCompliance, day, person) < NotificationCompliance;
}
