using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Webhooks.Subscriptions;

/// <param name="State">Active; Paused by you; Disabled by the platform after failing deliveries for the whole retry window
/// (see <paramref name="DisabledReason"/>): resume it once your endpoint is fixed.</param>
/// <param name="PreviousSecretValidUntil">After a rotation: until when deliveries are also signed with the previous secret.</param>
public sealed record WebhookSubscriptionDetails(
    Guid Id,
    string Endpoint,
    IReadOnlyList<string> Types,
    WebhookSubscriptionState State,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset SubscribedAt,
    DateTimeOffset? PreviousSecretValidUntil,
    int Version)
{
    public static WebhookSubscriptionDetails Example { get; } = new(
        Guid.Parse("0196f0c4-9999-7000-8000-000000000001"), "https://sis.xmu.edu.cn/hooks/student-base", ["internship.started"],
        WebhookSubscriptionState.Active, null, null, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), null, 1);

    internal static WebhookSubscriptionDetails Of(WebhookSubscription subscription) => new(
        subscription.Id, subscription.Endpoint, subscription.Types, subscription.State, subscription.DisabledReason, subscription.DisabledAt,
        subscription.SubscribedAt, subscription.PreviousSecretValidUntil, subscription.Version);
}

public sealed record WebhookSubscriptionList(IReadOnlyList<WebhookSubscriptionDetails> Items);

public static class ReadSubscriptionsEndpoints
{
    [WolverineGet(SubscribeEndpoint.Prefix + "/{id}", Name = "GetWebhookSubscription")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [AnswersETag]
    [EndpointSummary("One of your subscriptions: its endpoint, types and state (Disabled says why)")]
    public static WebhookSubscriptionDetails? Get([ReadAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpResponse response)
    {
        if (!user.Partner().Owns(subscription))
        {
            return null;
        }

        response.SetETag(subscription.Version);
        return WebhookSubscriptionDetails.Of(subscription);
    }

    [WolverineGet(SubscribeEndpoint.Prefix, Name = "ListWebhookSubscriptions")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Your subscriptions (a partner holds at most a few), oldest first")]
    public static async Task<WebhookSubscriptionList> List(ClaimsPrincipal user, IQuerySession session, CancellationToken cancellation)
    {
        var partnerId = user.Partner().PartnerId;
        var subscriptions = await session.Query<WebhookSubscription>()
            .Where(subscription => subscription.PartnerId == partnerId && subscription.State != WebhookSubscriptionState.Deleted)
            .OrderBy(subscription => subscription.SubscribedAt)
            .ToListAsync(cancellation);
        return new WebhookSubscriptionList([.. subscriptions.Select(WebhookSubscriptionDetails.Of)]);
    }

    [WolverineGet("/api/webhook-notification-types", Name = "ListNotificationTypes")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("The notifications this service sends, and which roles may receive each")]
    [ProducesResponseType<NotificationCatalogue>(StatusCodes.Status200OK)]
    public static IResult Types(NotificationCatalogue catalogue) => Results.Ok(catalogue);
}
