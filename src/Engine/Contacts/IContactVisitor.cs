namespace Hcsim.Engine.Contacts;

/// <summary>Receives the contacts of one agent; a struct implementation lets the JIT inline the call in the hot loop.</summary>
public interface IContactVisitor
{
    void Visit(int other, ContactLayer layer);
}
