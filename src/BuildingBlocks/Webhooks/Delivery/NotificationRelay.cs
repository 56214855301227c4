using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using StudentBase.EventSourcing;
using Microsoft.Extensions.Logging;
using StudentBase.Webhooks.Subscriptions;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace StudentBase.Webhooks.Delivery;

/// <summary>
/// Turns committed events into partner notifications after the command's answer: Marten's async daemon reads the events in
/// pages, and each notification becomes one outbox row per subscription that wants it and may see it, in the same
/// transaction as the relay's progress. The sender (<see cref="WebhookSender"/>) delivers them.
/// </summary>
internal sealed partial class NotificationRelay(IEnumerable<NotificationSource> sources, ILogger<NotificationRelay> logger)
    : BatchSubscription(Name)
{
    public const string Name = "partner-notifications";

    private readonly ILookup<Type, NotificationSource> _sources = sources.ToLookup(source => source.EventType);

    public override async Task ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        List<WebhookSubscription>? subscriptions = null;
        var table = $"{operations.DocumentStore.Options.DatabaseSchemaName}.{WebhookOutbox.Deliveries}";
        foreach (var committed in page.Events)
        {
            foreach (var source in _sources[committed.EventType])
            foreach (var notification in await source.NotificationsOf(committed, operations, cancellationToken))
            {
                subscriptions ??= [.. await operations.Query<WebhookSubscription>()
                    .Where(subscription => subscription.State != WebhookSubscriptionState.Deleted)
                    .ToListAsync(cancellationToken)];
                var body = Body(notification, committed);
                var flow = Flows.ContextOf(committed) is { } context ? $"00-{context.TraceId}-{context.SpanId}-01" : "";
                var recipients = 0;
                foreach (var subscription in subscriptions.Where(subscription => subscription.Wants(notification, committed.Timestamp)))
                {
                    operations.QueueSqlCommand('^',
                        $"insert into {table} (subscription_id, notification_id, subject_id, type, body, occurred_at, flow) values (^, ^, ^, ^, ^, ^, ^) " +
                        "on conflict (subscription_id, notification_id) do nothing",
                        subscription.Id, IdOf(committed, notification), notification.SubjectId, notification.Type, body, committed.Timestamp, flow);
                    recipients++;
                }

                Queued(logger, notification.Type, committed.Sequence, recipients);
            }
        }
    }

    /// <summary>
    /// The notification's id (its <c>webhook-id</c>, the same on every retry and redelivery): derived from the event and the type,
    /// since one event may make several notifications (a signed agreement also awaits the permit endorsement; a cancelled
    /// activity cancels each of its registrations).
    /// </summary>
    internal static Guid IdOf(IEvent committed, PartnerNotification notification)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{committed.Id:N}/{notification.Type}/{notification.SubjectId:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The payload, as the Standard Webhooks specification shapes it: the type, when it happened, and the thin data.</summary>
    internal static string Body(PartnerNotification notification, IEvent committed)
    {
        var data = new JsonObject { ["id"] = notification.SubjectId, ["url"] = notification.Url };
        foreach (var (name, id) in notification.Ids)
        {
            data[name] = id;
        }

        var payload = new JsonObject
        {
            ["type"] = notification.Type,
            ["timestamp"] = committed.Timestamp.UtcDateTime.ToString("O"),
            ["data"] = data,
        };
        return payload.ToJsonString(JsonSerializerOptions.Web);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Notification {Type} of event {Sequence} queued for {Recipients} subscriptions")]
    private static partial void Queued(ILogger logger, string type, long sequence, int recipients);
}
