using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.PersonalData;

namespace StudentBase.Webhooks.Subscriptions;

/// <summary>A partner subscribed an endpoint of its own to notifications of the named types, as the role and scope of its key.</summary>
public sealed record WebhookSubscribed(
    Guid SubscriptionId, string PartnerId, PartnerRole Role, Guid? ScopeId, string Endpoint, IReadOnlyList<string> Types, [Secret] string Secret,
    DateTimeOffset SubscribedAt);

public sealed record WebhookSubscriptionChanged(Guid SubscriptionId, string Endpoint, IReadOnlyList<string> Types, DateTimeOffset ChangedAt);

public sealed record WebhookSubscriptionPaused(Guid SubscriptionId, DateTimeOffset PausedAt);

public sealed record WebhookSubscriptionResumed(Guid SubscriptionId, DateTimeOffset ResumedAt);

/// <summary>Deliveries kept failing for the whole retry window (or the endpoint answered 410 Gone): nothing more is sent until the partner resumes it.</summary>
public sealed record WebhookSubscriptionDisabled(Guid SubscriptionId, string Reason, DateTimeOffset DisabledAt);

/// <summary>A new signing secret; the previous one also signs every delivery until <paramref name="PreviousValidUntil"/>.</summary>
public sealed record WebhookSecretRotated(Guid SubscriptionId, [Secret] string Secret, DateTimeOffset PreviousValidUntil, DateTimeOffset RotatedAt);

public sealed record WebhookSubscriptionDeleted(Guid SubscriptionId, DateTimeOffset DeletedAt);

public enum WebhookSubscriptionState
{
    Active = 1,
    Paused = 2,
    Disabled = 3,
    Deleted = 4,
}

public class WebhookSubscription
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string PartnerId { get; set; } = "";
    public PartnerRole Role { get; set; }
    public Guid? ScopeId { get; set; }
    public string Endpoint { get; set; } = "";
    public List<string> Types { get; set; } = [];
    public WebhookSubscriptionState State { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset SubscribedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }

    [Secret]
    public string Secret { get; set; } = "";

    [Secret]
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretValidUntil { get; set; }

    public static WebhookSubscription Create(WebhookSubscribed subscribed) => new()
    {
        Id = subscribed.SubscriptionId,
        PartnerId = subscribed.PartnerId,
        Role = subscribed.Role,
        ScopeId = subscribed.ScopeId,
        Endpoint = subscribed.Endpoint,
        Types = [.. subscribed.Types],
        Secret = subscribed.Secret,
        State = WebhookSubscriptionState.Active,
        SubscribedAt = subscribed.SubscribedAt,
    };

    public void Apply(WebhookSubscriptionChanged changed)
    {
        Endpoint = changed.Endpoint;
        Types = [.. changed.Types];
    }

    public void Apply(WebhookSubscriptionPaused _) => State = WebhookSubscriptionState.Paused;

    public void Apply(WebhookSubscriptionResumed _)
    {
        State = WebhookSubscriptionState.Active;
        DisabledReason = null;
        DisabledAt = null;
    }

    public void Apply(WebhookSubscriptionDisabled disabled)
    {
        State = WebhookSubscriptionState.Disabled;
        DisabledReason = disabled.Reason;
        DisabledAt = disabled.DisabledAt;
    }

    public void Apply(WebhookSecretRotated rotated)
    {
        PreviousSecret = Secret;
        PreviousSecretValidUntil = rotated.PreviousValidUntil;
        Secret = rotated.Secret;
    }

    public void Apply(WebhookSubscriptionDeleted _) => State = WebhookSubscriptionState.Deleted;

    /// <summary>The secrets that sign a delivery at this moment, the current one first.</summary>
    public IReadOnlyList<string> SecretsAt(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretValidUntil > now ? [Secret, previous] : [Secret];

    public bool Wants(PartnerNotification notification, DateTimeOffset occurredAt) =>
        State is not WebhookSubscriptionState.Deleted
        && occurredAt >= SubscribedAt
        && Types.Contains(notification.Type)
        && notification.Audience.Reaches(Role, ScopeId);

    /// <summary>The rules of a subscription's life: each decision is its event, or a refusal naming the rule.</summary>
    public static class Decide
    {
        public static Decision Change(WebhookSubscription subscription, string endpoint, IReadOnlyList<string> types, DateTimeOffset now) =>
            subscription.Endpoint == endpoint && subscription.Types.SequenceEqual(types)
                ? Decision.Nothing
                : Decision.Of(new WebhookSubscriptionChanged(subscription.Id, endpoint, types, now));

        public static Decision Pause(WebhookSubscription subscription, DateTimeOffset now) => subscription.State switch
        {
            WebhookSubscriptionState.Active => Decision.Of(new WebhookSubscriptionPaused(subscription.Id, now)),
            WebhookSubscriptionState.Paused => Decision.Nothing,
            _ => new Refusal("only-an-active-subscription-is-paused", $"Only an active subscription can be paused; this one is {subscription.State}.",
                $"只有有效的订阅才能暂停；该订阅当前状态为 {subscription.State}。"),
        };

        /// <summary>Resuming also re-enables a subscription the platform disabled, once the partner has fixed its endpoint.</summary>
        public static Decision Resume(WebhookSubscription subscription, DateTimeOffset now) => subscription.State switch
        {
            WebhookSubscriptionState.Paused or WebhookSubscriptionState.Disabled => Decision.Of(new WebhookSubscriptionResumed(subscription.Id, now)),
            _ => Decision.Nothing,
        };

        public static Decision Disable(WebhookSubscription subscription, string reason, DateTimeOffset now) =>
            subscription.State is WebhookSubscriptionState.Active
                ? Decision.Of(new WebhookSubscriptionDisabled(subscription.Id, reason, now))
                : Decision.Nothing;

        public static Decision RotateSecret(WebhookSubscription subscription, string secret, TimeSpan grace, DateTimeOffset now) =>
            Decision.Of(new WebhookSecretRotated(subscription.Id, secret, now + grace, now));

        public static Decision Delete(WebhookSubscription subscription, DateTimeOffset now) =>
            Decision.Of(new WebhookSubscriptionDeleted(subscription.Id, now));
    }
}
