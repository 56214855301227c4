namespace StudentBase.Webhooks.Delivery;

/// <summary>How deliveries are sent and retried (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// After the first attempt fails, the waits before each retry (the Standard Webhooks example schedule, cut where it has
    /// covered more than 24 hours: 31.6 hours). When the last retry fails the subscription is disabled.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14),
    ];

    /// <summary>Overrides <see cref="DefaultRetryDelays"/> (e.g. seconds in tests).</summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> Schedule => RetryDelays is { Length: > 0 } delays ? delays : DefaultRetryDelays;

    /// <summary>How long one attempt waits for the receiver's answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the sender looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries in flight at once from one replica (slow receivers take a slot each, never the service's own work).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 16;

    /// <summary>
    /// Deliveries in flight at once to one subscription from one replica: a dead receiver with many subjects waits out its
    /// timeouts in these few slots while the other partners' deliveries go on.
    /// </summary>
    public int MaxConcurrentDeliveriesPerSubscription { get; set; } = 4;
}
