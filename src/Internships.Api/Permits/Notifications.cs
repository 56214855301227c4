using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using Internships.Permits.Watching;
using StudentBase.Webhooks;

namespace Internships.Permits;

/// <summary>
/// The moments of a permit case the person's side and the deciding authority act on, told to subscribed partners: the
/// person, their university and the company hosting them; the authority when a case is forwarded to it, and of its decision.
/// </summary>
public static class Notifications
{
    private static readonly PartnerRole[] Parties = [PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant];

    public static IServiceCollection NotifyPartnersOfPermitCases(this IServiceCollection services) => services
        .Notify<PermitCaseReturned>("permit_case.returned", "The base returned the case for completion, naming the documents missing or rejected.",
            toAuthority: false)
        .Notify<PermitCaseForwarded>("permit_case.forwarded", "The base forwarded the complete case to the authority that decides it.", toAuthority: true)
        .Notify<PermitApproved>("permit_case.approved", "The authority granted the permit; the case names its validity.", toAuthority: true)
        .Notify<PermitRefused>("permit_case.refused", "The authority refused the permit, with its reasons.", toAuthority: true)
        .NotifyPartners<PermitExpiring>(
            new NotificationType("permit.expiring",
                "The person's residence permit ends before the internship they are in or about to start, or while a subsidy application of theirs is in progress.",
                [.. Parties, PartnerRole.ExitEntryOfficer]),
            (committed, store, cancellation) => ExpiringAsync("permit.expiring", committed.Data.PersonId, committed.Data.InternshipId,
                committed.Data.SubsidyApplicationId, store, cancellation))
        .NotifyPartners<PermitExpired>(
            new NotificationType("permit.expired",
                "The person's residence permit lapsed while they still needed it: an internship not yet over, or a subsidy application in progress.",
                [.. Parties, PartnerRole.ExitEntryOfficer]),
            (committed, store, cancellation) => ExpiringAsync("permit.expired", committed.Data.PersonId, committed.Data.InternshipId,
                committed.Data.SubsidyApplicationId, store, cancellation));

    /// <summary>Told to the person, their university, the exit-entry administration and the company hosting the internship that needs it.</summary>
    private static async ValueTask<PartnerNotification?> ExpiringAsync(
        string type, Guid personId, Guid? internshipId, Guid? subsidyApplicationId, IQuerySession store, CancellationToken cancellation)
    {
        var ids = new Dictionary<string, Guid> { ["personId"] = personId };
        Guid? host = null;
        Guid universityId;
        if (internshipId is { } id)
        {
            if (await store.LoadAsync<Internships.Internship>(id, cancellation) is not { } internship)
            {
                return null;
            }

            ids["internshipId"] = internship.Id;
            ids["branchStationId"] = internship.BranchStationId;
            host = internship.BranchStationId;
            universityId = internship.UniversityId;
        }
        else if (await store.LoadAsync<Students.Student>(personId, cancellation) is { } person)
        {
            universityId = person.UniversityId;
        }
        else
        {
            return null;
        }

        ids["universityId"] = universityId;
        if (subsidyApplicationId is { } application)
        {
            ids["subsidyApplicationId"] = application;
        }

        return new PartnerNotification(type, personId, $"/api/students/{personId}",
            new NotificationAudience(universityId, host, personId, PartnerRole.ExitEntryOfficer), ids);
    }

    private static IServiceCollection Notify<TEvent>(this IServiceCollection services, string type, string description, bool toAuthority)
        where TEvent : notnull =>
        services.NotifyPartners<TEvent>(
            new NotificationType(type, description, toAuthority ? [.. Parties, .. PermitAccess.Authorities] : Parties),
            (committed, store, cancellation) => AboutAsync(type, committed, store, toAuthority, cancellation));

    private static async ValueTask<PartnerNotification?> AboutAsync(
        string type, IEvent committed, IQuerySession store, bool toAuthority, CancellationToken cancellation)
    {
        if (await store.LoadAsync<PermitCase>(committed.StreamId, cancellation) is not { } permitCase)
        {
            return null;
        }

        var ids = new Dictionary<string, Guid>
        {
            ["caseId"] = permitCase.Id,
            ["personId"] = permitCase.PersonId,
            ["universityId"] = permitCase.UniversityId,
        };
        if (permitCase.HostBranchStationId is { } host)
        {
            ids["branchStationId"] = host;
        }

        PartnerRole[] roles = toAuthority ? [PermitTypes.RoleOf(permitCase.Authority)] : [];
        return new PartnerNotification(type, permitCase.Id, $"/api/permit-cases/{permitCase.Id}",
            new NotificationAudience(permitCase.UniversityId, permitCase.HostBranchStationId, permitCase.PersonId, roles), ids);
    }
}
