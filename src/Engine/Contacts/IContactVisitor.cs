namespace Hcsim.Engine.Contacts;

/// <summary>Receives the contacts of one agent; a struct implementation lets the JIT inline the calls in the hot loop.</summary>
public interface IContactVisitor
{
    /// <summary>
    /// Whether a contact with <paramref name="other"/> matters to this visitor at all; asked before the contact is drawn,
    /// so transmission skips the draws for people who cannot be infected. Must not change what <see cref="Visit"/> sees.
    /// </summary>
    bool Wants(int other);

    void Visit(int other, ContactLayer layer);
}
