using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.Webhooks;

namespace Internships.Internships;

/// <summary>The moments of an internship its parties act on, told to subscribed partners (the base always receives them).</summary>
public static class Notifications
{
    private static readonly PartnerRole[] Parties = [PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant];

    public static IServiceCollection NotifyPartnersOfInternships(this IServiceCollection services) => services
        .Notify<InternshipIntended>("internship.intention_recorded", "A student's intention to intern at a placement was recorded; the university decides consent.")
        .Notify<UniversityConsented>("internship.consent_given", "The student's university consented; the agreement can be drafted.")
        .Notify<IntentionLapsed>("internship.intention_lapsed", "The university did not decide in time; the intention lapsed.")
        .Notify<AgreementDrafted>("internship.agreement_awaiting_signatures", "The agreement's terms were drafted; the student, the company and the university sign it.")
        .Notify<AgreementSigned>("internship.agreement_signed", "All three parties signed the agreement.")
        .Notify<AgreementSigned>("internship.permit_endorsement_awaited",
            "The agreement is signed: the exit-entry administration endorses the residence permit for the internship's place and period.",
            PartnerRole.ExitEntryOfficer)
        .Notify<PermitEndorsed>("internship.permit_endorsed", "The residence permit was endorsed for the internship's place and period.",
            PartnerRole.ExitEntryOfficer)
        .Notify<InternshipStarted>("internship.started", "The internship started.")
        .Notify<FinalEvaluationOverdue>("internship.evaluation_overdue", "The company supervisor's final evaluation is overdue.")
        .Notify<InternshipCompleted>("internship.completed", "The internship was completed and its certificate recorded.")
        .Notify<InternshipTerminated>("internship.terminated", "The internship was terminated early, with the reason.");

    private static IServiceCollection Notify<TEvent>(this IServiceCollection services, string type, string description, params PartnerRole[] roles)
        where TEvent : notnull =>
        services.NotifyPartners<TEvent>(new NotificationType(type, description, [.. Parties, .. roles]),
            (committed, store, cancellation) => AboutAsync(type, committed, store, roles, cancellation));

    private static async ValueTask<PartnerNotification?> AboutAsync(
        string type, IEvent committed, IQuerySession store, PartnerRole[] roles, CancellationToken cancellation) =>
        await store.LoadAsync<Internship>(committed.StreamId, cancellation) is { } internship
            ? new PartnerNotification(type, internship.Id, $"/api/internships/{internship.Id}",
                new NotificationAudience(internship.UniversityId, internship.BranchStationId, internship.StudentId, roles),
                new Dictionary<string, Guid>
                {
                    ["internshipId"] = internship.Id,
                    ["studentId"] = internship.StudentId,
                    ["universityId"] = internship.UniversityId,
                    ["branchStationId"] = internship.BranchStationId,
                    ["placementId"] = internship.PlacementId,
                })
            : null;
}
