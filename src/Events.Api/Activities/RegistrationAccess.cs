using Events.Students;
using Marten;
using StudentBase.Contracts;
using StudentBase.Partners;

namespace Events.Activities;

public static class RegistrationAccess
{
    /// <summary>Whether the partner acts for the registration's participant: the student themselves, their university, or the base.</summary>
    public static async Task<bool> ActsForAsync(this Partner partner, Registration registration, IQuerySession session, CancellationToken cancellation) =>
        partner.Role switch
        {
            PartnerRole.BaseAdministrator => true,
            PartnerRole.Applicant => partner.ScopeId == registration.StudentId,
            PartnerRole.University => (await session.LoadAsync<Student>(registration.StudentId, cancellation))?.UniversityId is { } university
                                      && partner.ActsForUniversity(university),
            _ => false,
        };
}
