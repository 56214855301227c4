using StudentBase.Partners;

namespace StudentBase.Webhooks.Subscriptions;

internal static class WebhookAccess
{
    public const string Tag = "Webhooks";

    /// <summary>A partner sees and changes only its own subscriptions; another's is not found.</summary>
    public static bool Owns(this Partner partner, WebhookSubscription subscription) =>
        subscription.State != WebhookSubscriptionState.Deleted && subscription.PartnerId == partner.PartnerId;
}
