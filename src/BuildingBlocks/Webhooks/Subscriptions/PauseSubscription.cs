using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Webhooks.Subscriptions;

public static class PauseSubscriptionEndpoint
{
    [WolverinePost(SubscribeEndpoint.Prefix + "/{id}/pause", Name = "PauseWebhookSubscription")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Pause a subscription: nothing is sent; what happens meanwhile is kept and sent, in order, on resumption")]
    public static (IResult, Events) Post(
        [WriteAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        user.Partner().Owns(subscription)
            ? WebhookSubscription.Decide.Pause(subscription, clock.GetUtcNow()).Respond(request, response, subscription.Version)
            : (Results.NotFound(), []);
}

public static class ResumeSubscriptionEndpoint
{
    [WolverinePost(SubscribeEndpoint.Prefix + "/{id}/resumption", Name = "ResumeWebhookSubscription")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Resume a paused subscription, or one the platform disabled once your endpoint is fixed: what was kept is sent in order")]
    public static (IResult, Events) Post(
        [WriteAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        user.Partner().Owns(subscription)
            ? WebhookSubscription.Decide.Resume(subscription, clock.GetUtcNow()).Respond(request, response, subscription.Version)
            : (Results.NotFound(), []);
}

public static class DeleteSubscriptionEndpoint
{
    [WolverineDelete(SubscribeEndpoint.Prefix + "/{id}", Name = "DeleteWebhookSubscription")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Delete a subscription: nothing more is sent to it")]
    public static (IResult, Events) Delete(
        [WriteAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpRequest request, HttpResponse response, TimeProvider clock) =>
        user.Partner().Owns(subscription)
            ? WebhookSubscription.Decide.Delete(subscription, clock.GetUtcNow()).Respond(request, response, subscription.Version)
            : (Results.NotFound(), []);
}
