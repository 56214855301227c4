using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;
using Wolverine.Postgresql.Transport;
using Wolverine.RabbitMQ;

namespace StudentBase.EventSourcing;

/// <summary>
/// How integration messages travel between the services, all in one place: the transport (Wolverine's PostgreSQL queues by
/// default, nothing but the database; or a RabbitMQ broker when <c>Messaging:Transport</c> is <c>RabbitMQ</c>, connection
/// string <c>rabbitmq</c>, set by the app host), the routes a service publishes on, the inbox it listens to, and how long a
/// message about something not yet known waits. Either way the outbox and the inbox are durable in the service's own schema.
/// </summary>
public static class Messaging
{
    public const string TransportSetting = "Messaging:Transport";
    public const string PostgreSql = "PostgreSQL";
    public const string RabbitMq = "RabbitMQ";
    public const string BrokerConnectionName = "rabbitmq";

    /// <summary>How long a message about a subject not yet known here waits between later attempts (after quick retries).</summary>
    public const string UnknownSubjectWaitsSection = "Messaging:UnknownSubjectWaits";

    /// <summary>How often an idle inbox asks for new messages when no notification woke it; the default (seconds) is too slow for partners.</summary>
    public static readonly TimeSpan InboxPollingInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan[] DefaultUnknownSubjectWaits =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    private static readonly ConditionalWeakTable<WolverineOptions, string> OnRabbitMq = [];

    private static readonly ConditionalWeakTable<WolverineOptions, Dictionary<Type, string[]>> Routes = [];

    /// <summary>The inbox queues a message of this type is published to.</summary>
    public static IReadOnlyList<string> InboxesOf(WolverineOptions messaging, Type messageType) =>
        Routes.TryGetValue(messaging, out var routes) && routes.TryGetValue(messageType, out var inboxes) ? inboxes : [];

    /// <summary>The message type of this full name that this service publishes to another's inbox, if it does.</summary>
    public static Type? RoutedTypeNamed(WolverineOptions messaging, string fullName) =>
        Routes.TryGetValue(messaging, out var routes) ? routes.Keys.FirstOrDefault(type => type.FullName == fullName) : null;

    /// <summary>Whether this service's messages travel through the broker.</summary>
    public static bool UsesRabbitMq(this WolverineOptions messaging) => OnRabbitMq.TryGetValue(messaging, out _);

    /// <summary>Routes a message to each consumer's inbox queue, stamped with the unit of work that sent it and its partner.</summary>
    public static void PublishToInboxes<T>(this WolverineOptions messaging, params string[] inboxes)
    {
        Routes.GetOrCreateValue(messaging)[typeof(T)] = inboxes;
        foreach (var inbox in inboxes)
        {
            if (messaging.UsesRabbitMq())
            {
                messaging.PublishMessage<T>().ToRabbitQueue(inbox).CustomizeOutgoing(Provenance.Stamp);
            }
            else
            {
                messaging.PublishMessage<T>().ToPostgresqlQueue(inbox).CustomizeOutgoing(Provenance.Stamp);
            }
        }
    }

    /// <summary>Listens to the service's own inbox queue (in PostgreSQL, or on the broker) through the durable inbox.</summary>
    public static WebApplicationBuilder ListenToInbox(this WebApplicationBuilder builder, string queueName)
    {
        builder.Services.ConfigureWolverine(messaging => messaging.ListenToInbox(queueName));
        return builder;
    }

    private static void ListenToInbox(this WolverineOptions messaging, string queueName)
    {
        if (messaging.UsesRabbitMq())
        {
            messaging.ListenToRabbitQueue(queueName).PreFetchCount(500).UseDurableInbox();
            return;
        }

        messaging.ListenToPostgresqlQueue(queueName)
            .PollingInterval(InboxPollingInterval)
            .MaximumMessagesToReceive(500)
            .UseDurableInbox();
    }

    internal static void UseConfiguredTransport(this WolverineOptions messaging, IConfiguration configuration)
    {
        var transport = configuration[TransportSetting];
        if (string.IsNullOrEmpty(transport) || string.Equals(transport, PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            // A sender notifies the queue's listeners (LISTEN/NOTIFY), so an idle inbox wakes at once; polling stays as the fallback.
            messaging.Transports.GetOrCreate<PostgresqlTransport>().EnableQueueNotifications = true;
            return;
        }

        if (!string.Equals(transport, RabbitMq, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{TransportSetting} is '{transport}'; it is {PostgreSql} (the default) or {RabbitMq}.");
        }

        var broker = configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException(
                $"{TransportSetting} is {RabbitMq} but the connection string '{BrokerConnectionName}' is not configured " +
                "(the app host sets it; set ConnectionStrings__rabbitmq to run a service alone).");
        messaging.UseRabbitMq(new Uri(broker)).AutoProvision();
        OnRabbitMq.AddOrUpdate(messaging, RabbitMq);
    }

    /// <summary>
    /// Integration messages may overtake the one that introduces what they speak of: wait for it rather than drop them.
    /// After the last wait it becomes a dead letter, for an operator to replay once the fault is fixed.
    /// </summary>
    internal static void RetryMessagesAboutUnknownSubjects(this WolverineOptions messaging, IConfiguration configuration)
    {
        var waits = configuration.GetSection(UnknownSubjectWaitsSection).Get<TimeSpan[]>() is { Length: > 0 } configured
            ? configured
            : DefaultUnknownSubjectWaits;
        messaging.OnException<NotYetKnownException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))
            .Then.ScheduleRetry(waits);
    }
}
