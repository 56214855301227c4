using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudentBase.Contracts;
using StudentBase.Http;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Marten.Subscriptions;
using Wolverine.Runtime;
using Wolverine.Runtime.Serialization;
using Wolverine.Util;

namespace StudentBase.EventSourcing;

/// <summary>What the other services learn from one committed event: the integration messages it becomes, read with the store.</summary>
public delegate ValueTask<IReadOnlyList<object>> IntegrationMessages<TEvent>(IEvent<TEvent> committed, IQuerySession store, CancellationToken cancellation)
    where TEvent : notnull;

/// <summary>
/// Tells the other services what happened after the command's answer, not on its way: Marten's async daemon reads the
/// committed events in pages (woken by PostgreSQL when events are appended, or polling) and turns each into its integration messages:
/// those its module maps it to (<see cref="IntegrationRelayRegistration.RelayToOtherServices{TEvent}"/>) and those its
/// decision published with it (<see cref="PublishedMessages"/>).
/// On PostgreSQL queues, a page's messages are written into the receiving services' inbox queues in the same transaction as
/// the relay's progress: one commit for many messages, none lost or written twice on a crash. On a broker they go through
/// Wolverine's durable outbox. Each message carries the flow (trace and correlation), the cause and the partner of the
/// command that committed its event.
/// </summary>
public sealed partial class IntegrationRelay : BatchSubscription
{
    public const string Name = "integration-relay";

    public const string SourceName = "StudentBase.Relay";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly IReadOnlyDictionary<Type, Relay> _relays;
    private readonly IWolverineRuntime _runtime;

    private readonly ILogger<IntegrationRelay> _logger;

    public IntegrationRelay(IEnumerable<Relay> relays, IWolverineRuntime runtime, ILogger<IntegrationRelay> logger) : base(Name)
    {
        _logger = logger;
        _relays = relays.ToDictionary(relay => relay.EventType);
        _runtime = runtime;
        // Every event, from the first: any decision's first event may carry messages, and a relay that starts "from the
        // present" would skip what was committed before a crash that came ahead of its first recorded progress. (Reading
        // only some event types was measured slower: with Marten's type filter, students reached the other services in
        // 1.7 s at 50 registrations a second instead of 0.25 s.) A deployment that published inline before sends its
        // history once more; the receivers change nothing for a message they have applied.
    }

    public override async Task ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>();
        foreach (var committed in page.Events)
        {
            var messages = await MessagesOfAsync(committed, operations, cancellationToken);
            if (messages.Count == 0)
            {
                continue;
            }

            using var span = StartSpan(committed);
            if (bus is IMessageContext context)
            {
                context.UserName = committed.UserName;
            }

            foreach (var message in messages)
            {
                if (_runtime.Options.UsesRabbitMq())
                {
                    await bus.PublishAsync(message, DeliveryFor(committed));
                }
                else
                {
                    written.UnionWith(WriteToInboxes(operations, message, committed));
                }
            }
        }

        // Wakes each receiving inbox's listener when the page commits (a notification is sent only then), as Wolverine's
        // own sender does, instead of leaving the rows for its next poll.
        foreach (var queue in written)
        {
            operations.QueueSqlCommand('^', $"select pg_notify('{QueueWakeupChannel}', ^)", queue);
        }
    }

    /// <summary>
    /// What the event tells the other services: the messages its module maps it to, and those its decision published with it
    /// (carried in its header); a message type no other service subscribes to goes nowhere.
    /// </summary>
    private async ValueTask<IReadOnlyList<object>> MessagesOfAsync(IEvent committed, IQuerySession store, CancellationToken cancellation)
    {
        var mapped = _relays.TryGetValue(committed.EventType, out var relay) ? await relay.MessagesOf(committed, store, cancellation) : [];
        var carried = new List<object>();
        foreach (var (typeName, message) in PublishedMessages.CarriedBy(committed))
        {
            if (Messaging.RoutedTypeNamed(_runtime.Options, typeName) is { } type)
            {
                carried.Add(PublishedMessages.Read(message, type));
            }
            else
            {
                NobodySubscribes(_logger, typeName, committed.Sequence);
            }
        }

        return carried.Count == 0 ? mapped : [.. mapped, .. carried];
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{MessageType} carried by event {Sequence} goes nowhere: no other service subscribes to it")]
    private static partial void NobodySubscribes(ILogger logger, string messageType, long sequence);

    /// <summary>The channel Wolverine's PostgreSQL queue listeners LISTEN on; the payload names the queue's table.</summary>
    private const string QueueWakeupChannel = "wolverine_queue_wakeup";

    /// <summary>Puts the message on each receiving service's PostgreSQL queue, in the page's transaction, and names the queue tables.</summary>
    private IEnumerable<string> WriteToInboxes(IDocumentOperations operations, object message, IEvent committed)
    {
        var serializer = _runtime.Options.DefaultSerializer;
        var messageType = message.GetType().ToMessageTypeName();
        foreach (var inbox in Messaging.InboxesOf(_runtime.Options, message.GetType()))
        {
            var envelope = new Envelope(message)
            {
                Id = Guid.CreateVersion7(),
                MessageType = messageType,
                ContentType = serializer.ContentType,
                Data = serializer.Write(new Envelope(message)),
                CorrelationId = committed.CorrelationId,
                ParentId = Activity.Current?.Id,
                UserName = committed.UserName,
                Source = _runtime.Options.ServiceName,
                SentAt = DateTimeOffset.UtcNow,
                Destination = new Uri($"postgresql://{inbox}/"),
            };
            foreach (var (header, value) in DeliveryFor(committed).Headers)
            {
                envelope.Headers[header] = value;
            }

            var table = $"{Queues.TransportSchema}.wolverine_queue_{inbox}";
            // The listener takes messages in timestamp order; the column's default (the transaction's start) is the same for a
            // whole page, so each row gets the moment it was written, and a subject's messages keep their order.
            operations.QueueSqlCommand('^', $"insert into {table} (id, body, message_type, timestamp) values (^, ^, ^, clock_timestamp() at time zone 'utc')",
                envelope.Id, EnvelopeSerializer.Serialize(envelope), messageType);
            yield return table;
        }
    }

    /// <summary>The send continues the command's trace: its span is the parent (the event's causation is the request's span).</summary>
    private static Activity? StartSpan(IEvent committed) =>
        Flows.ContextOf(committed) is { } flow ? Source.StartIn($"relay {committed.EventTypeName}", ActivityKind.Producer, flow) : null;

    private static DeliveryOptions DeliveryFor(IEvent committed)
    {
        var delivery = new DeliveryOptions { CorrelationId = committed.CorrelationId };
        if (committed.CausationId is { } causation)
        {
            delivery.WithHeader(Provenance.Headers.SentBy, causation);
        }

        foreach (var header in new[] { ActorHeaders.PartnerId, ActorHeaders.PartnerRole })
        {
            if (committed.Headers?.GetValueOrDefault(header)?.ToString() is { } value)
            {
                delivery.WithHeader(header, value);
            }
        }

        return delivery;
    }

    public sealed record Relay(Type EventType, Func<IEvent, IQuerySession, CancellationToken, ValueTask<IReadOnlyList<object>>> MessagesOf);
}

public static class IntegrationRelayRegistration
{
    /// <summary>Publishes what an event of <typeparamref name="TEvent"/> tells the other services, after its command's answer.</summary>
    /// <param name="wakeOnAppend">
    /// Whether partners expect it in the other services at once (students, keys): PostgreSQL then wakes the relay when events
    /// are appended. That costs every append of the service a notification, so what nobody waits for (a daily watch's
    /// input) leaves it false and the daemon's poll (within a second) carries it.
    /// </param>
    public static IServiceCollection RelayToOtherServices<TEvent>(
        this IServiceCollection services, IntegrationMessages<TEvent> messages, bool wakeOnAppend = true)
        where TEvent : notnull
    {
        services.AddSingleton(new IntegrationRelay.Relay(typeof(TEvent), (committed, store, cancellation) =>
            messages((IEvent<TEvent>)committed, store, cancellation)));
        if (wakeOnAppend)
        {
            services.ConfigureMarten(options => options.Events.UseListenNotifyForEventAppends = true);
        }

        return services.AddIntegrationRelay();
    }

    /// <summary>Sends the messages this service's decisions publish with their events (<see cref="PublishedMessages"/>).</summary>
    public static IServiceCollection RelayPublishedMessages(this IServiceCollection services) => services.AddIntegrationRelay();

    private static IServiceCollection AddIntegrationRelay(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(IntegrationRelay)))
        {
            return services;
        }

        services.AddSingleton<IntegrationRelay>();
        services.SubscribeToEventsWithServices<IntegrationRelay>(ServiceLifetime.Singleton);
        return services;
    }
}
