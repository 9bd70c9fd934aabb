using Hcsim.Engine.Agents;

namespace Hcsim.Engine.Testing;

/// <summary>
/// The testing part's own per-person columns behind the facts <c>last_sample_age</c> and <c>last_negative_age</c>: the day
/// of the last sample taken and the day the last negative result arrived (<see cref="AgentState.Never"/> when none).
/// A run allocates them (4 bytes a person) only when a rule reads one of those facts, so other runs pay nothing.
/// </summary>
public sealed class TestHistory
{
    /// <summary>The facts served from these columns.</summary>
    public static readonly string[] Facts = ["last_negative_age", "last_sample_age"];

    public TestHistory(int size)
    {
        SampleDay = new ushort[size];
        NegativeDay = new ushort[size];
        Array.Fill(SampleDay, AgentState.Never);
        Array.Fill(NegativeDay, AgentState.Never);
    }

    /// <summary>Day the person's last sample was taken.</summary>
    public ushort[] SampleDay { get; }
    /// <summary>Day the person's last negative result arrived.</summary>
    public ushort[] NegativeDay { get; }

    /// <summary>Days since <paramref name="since"/> as a fact: <see cref="Rules.RuleFacts.NoTestAge"/> when never.</summary>
    public static int Age(ushort since, int day) => since == AgentState.Never ? Rules.RuleFacts.NoTestAge : day - since;
}
