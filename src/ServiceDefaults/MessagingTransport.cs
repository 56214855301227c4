using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.RabbitMQ;

namespace StudentBase.ServiceDefaults;

/// <summary>
/// Where integration messages travel between the services: Wolverine's PostgreSQL queues by default (nothing but the
/// database), or a RabbitMQ broker when <c>Messaging:Transport</c> is <c>RabbitMQ</c> (connection string <c>rabbitmq</c>,
/// set by the app host). Either way the outbox and the inbox are durable in the service's own schema.
/// </summary>
public static class MessagingTransport
{
    public const string Setting = "Messaging:Transport";
    public const string PostgreSql = "PostgreSQL";
    public const string RabbitMq = "RabbitMQ";
    public const string BrokerConnectionName = "rabbitmq";

    private static readonly ConditionalWeakTable<WolverineOptions, string> OnRabbitMq = [];

    /// <summary>Whether this service's messages travel through the broker.</summary>
    public static bool UsesRabbitMq(this WolverineOptions messaging) => OnRabbitMq.TryGetValue(messaging, out _);

    internal static void UseConfiguredTransport(this WolverineOptions messaging, IConfiguration configuration)
    {
        var transport = configuration[Setting];
        if (string.IsNullOrEmpty(transport) || string.Equals(transport, PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!string.Equals(transport, RabbitMq, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Setting} is '{transport}'; it is {PostgreSql} (the default) or {RabbitMq}.");
        }

        var broker = configuration.GetConnectionString(BrokerConnectionName)
            ?? throw new InvalidOperationException(
                $"{Setting} is {RabbitMq} but the connection string '{BrokerConnectionName}' is not configured " +
                "(the app host sets it; set ConnectionStrings__rabbitmq to run a service alone).");
        messaging.UseRabbitMq(new Uri(broker)).AutoProvision();
        OnRabbitMq.AddOrUpdate(messaging, RabbitMq);
    }
}
