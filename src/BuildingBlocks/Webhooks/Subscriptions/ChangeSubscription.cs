using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Webhooks.Subscriptions;

public static class ChangeSubscriptionEndpoint
{
    public static ProblemDetails Validate(Subscribe command, ClaimsPrincipal user, IHostEnvironment environment, NotificationCatalogue catalogue) =>
        new Subscribe.Validator(environment.IsDevelopment(), user.Partner(), catalogue.Items).Check(command);

    [WolverinePut(SubscribeEndpoint.Prefix + "/{id}", Name = "ChangeWebhookSubscription")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Change a subscription's endpoint or types (what is already queued goes to the new endpoint)")]
    public static (IResult, Events) Put(
        Subscribe command, [WriteAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock) =>
        user.Partner().Owns(subscription)
            ? WebhookSubscription.Decide.Change(subscription, command.Endpoint, [.. command.Types.Distinct()], clock.GetUtcNow())
                .Respond(request, response, subscription.Version)
            : (Results.NotFound(), []);
}
