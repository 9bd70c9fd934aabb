using System.Collections.Immutable;

namespace Hcsim.Engine.Regions;

/// <summary>
/// What a destination requires of travellers from an origin (one entry of <c>travel.borders</c>; a pair without an
/// entry requires nothing). Checked at departure (before boarding) for <c>green</c>, <c>green_pcr</c> and
/// <c>refuse</c>, at arrival for <c>test_on_arrival</c> and <c>quarantine</c>.
/// </summary>
public sealed record BorderConfig
{
    public static readonly ImmutableArray<string> Requirements = ["none", "green", "green_pcr", "test_on_arrival", "quarantine", "refuse"];
    public static readonly ImmutableArray<string> TrustLevels = ["trust", "recheck", "ignore"];

    /// <summary>The origin region; empty = every other region.</summary>
    public string From { get; init; } = "";
    /// <summary>The destination region whose border this is.</summary>
    public string To { get; init; } = "";
    public string Require { get; init; } = "none";
    /// <summary>How the destination treats the origin's code: take it as shown, re-check the data behind it, or ignore it.</summary>
    public string Trust { get; init; } = "trust";
    /// <summary>green_pcr: the negative sample is taken this many days before departure.</summary>
    public int PcrWithinDays { get; init; } = 3;
    /// <summary>quarantine: days of central quarantine on arrival (no contacts at the destination).</summary>
    public int QuarantineDays { get; init; } = 14;
    /// <summary>The test kind (a name in the origin's <c>tests</c> for green_pcr, the destination's for test_on_arrival).</summary>
    public string Test { get; init; } = "pcr";
}
