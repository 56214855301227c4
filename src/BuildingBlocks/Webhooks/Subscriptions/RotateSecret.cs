using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.Webhooks.Subscriptions;

/// <param name="GraceHours">How long the previous secret keeps signing too (1 to 168 hours; 24 when not given).</param>
public sealed record RotateSecret(int? GraceHours)
{
    public static RotateSecret Example { get; } = new(24);

    public sealed class Validator : AbstractValidator<RotateSecret>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.GraceHours).InclusiveBetween(1, 168);
    }
}

/// <summary>The new secret, shown once; deliveries carry a signature with each secret still valid, the new one first.</summary>
public sealed record RotatedSecret([Secret] string Secret, DateTimeOffset PreviousValidUntil);

public static class RotateSecretEndpoint
{
    public static ProblemDetails Validate(RotateSecret command) => RotateSecret.Validator.Instance.Check(command);

    [WolverinePost(SubscribeEndpoint.Prefix + "/{id}/secret-rotation", Name = "RotateWebhookSecret")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [ProducesResponseType<RotatedSecret>(StatusCodes.Status200OK)]
    [EndpointSummary("Rotate the signing secret: the new one is answered once; the previous one keeps signing for the grace period")]
    public static (IResult, Events) Post(
        RotateSecret command, [WriteAggregate] WebhookSubscription subscription, ClaimsPrincipal user, HttpRequest request, HttpResponse response,
        TimeProvider clock)
    {
        if (!user.Partner().Owns(subscription))
        {
            return (Results.NotFound(), []);
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        var grace = TimeSpan.FromHours(command.GraceHours ?? 24);
        var (result, events) = WebhookSubscription.Decide.RotateSecret(subscription, secret, grace, now).Respond(request, response, subscription.Version);
        return events.Count == 0 ? (result, events) : (Results.Ok(new RotatedSecret(secret, now + grace)), events);
    }
}
