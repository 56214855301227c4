using StudentBase.Contracts;
using StudentBase.Partners;

namespace StudentBase.Webhooks.Subscriptions;

internal static class WebhookAccess
{
    public const string Tag = "Webhooks";

    /// <summary>Every role some notification may reach; each manages its own subscriptions.</summary>
    public static readonly PartnerRole[] Subscribers =
    [
        PartnerRole.BaseAdministrator, PartnerRole.University, PartnerRole.Company, PartnerRole.Applicant, PartnerRole.ExitEntryOfficer,
        PartnerRole.Finance, PartnerRole.SubsidyReviewer, PartnerRole.WorkPermitOfficer,
    ];

    /// <summary>A partner sees and changes only its own subscriptions; another's is not found.</summary>
    public static bool Owns(this Partner partner, WebhookSubscription subscription) =>
        subscription.State != WebhookSubscriptionState.Deleted && subscription.PartnerId == partner.PartnerId;
}

/// <summary>The roles that may call the webhook endpoints: <see cref="WebhookAccess.Subscribers"/>.</summary>
internal sealed class AllowSubscribersAttribute() : AllowAttribute(WebhookAccess.Subscribers);
