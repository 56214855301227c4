using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.Webhooks;

namespace Subsidies.Applications;

/// <summary>The moments of a subsidy application its applicant and the base's finance act on, told to subscribed partners.</summary>
public static class Notifications
{
    public static IServiceCollection NotifyPartnersOfApplications(this IServiceCollection services) => services
        .Notify<EligibilityAssessed>("subsidy_application.assessed", "The submitted application's eligibility was assessed under the policy in force.")
        .Notify<ApplicationReturned>("subsidy_application.returned", "The base returned the application for changes, with reasons.")
        .Notify<ApplicationApproved>("subsidy_application.approved", "The grant was approved with its instalment plan.")
        .Notify<ApplicationRejected>("subsidy_application.rejected", "The application was rejected, with reasons.")
        .Notify<InstalmentReleased>("subsidy_instalment.released", "An instalment was released (paid).")
        .Notify<PaymentsWithheld>("subsidy_payments.withheld", "Payments are withheld: no instalment is released until they resume.");

    private static IServiceCollection Notify<TEvent>(this IServiceCollection services, string type, string description) where TEvent : notnull =>
        services.NotifyPartners<TEvent>(new NotificationType(type, description, [PartnerRole.Applicant, PartnerRole.Finance]),
            (committed, store, cancellation) => AboutAsync(type, committed, store, cancellation));

    private static async ValueTask<PartnerNotification?> AboutAsync(string type, IEvent committed, IQuerySession store, CancellationToken cancellation) =>
        await store.LoadAsync<SubsidyApplication>(committed.StreamId, cancellation) is { } application
            ? new PartnerNotification(type, application.Id, $"/api/subsidy-applications/{application.Id}",
                new NotificationAudience(StudentId: application.ApplicantId, Roles: [PartnerRole.Finance]),
                new Dictionary<string, Guid> { ["applicationId"] = application.Id, ["applicantId"] = application.ApplicantId })
            : null;
}
