using Marten;

namespace StudentBase.PersonalData;

/// <summary>
/// A store beside the event store that keeps a person's data sealed with their key (documents, files). The person's erasure
/// destroys the key, which already leaves the content unreadable; the store then forgets the content too, in the erasure's
/// unit of work where it can join it. Register every implementation as this interface so that the erasure reaches it.
/// </summary>
public interface IHoldPersonalData
{
    Task ForgetAsync(IDocumentSession session, Guid subjectId, CancellationToken cancellation);
}
