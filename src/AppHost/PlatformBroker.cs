using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StudentBase.AppHost;

/// <summary>
/// The message broker, when messaging is configured onto one (<c>Messaging:Transport</c> = <c>RabbitMQ</c>; the default,
/// <c>PostgreSQL</c>, needs none): a RabbitMQ container where a container runtime answers, else the locally installed
/// <c>rabbitmq-server</c> run as an executable resource on <c>RabbitMq:Port</c> (default 56720) with its data in
/// <c>RabbitMq:DataDirectory</c> (default <c>.data/rabbitmq</c> at the repository root).
/// </summary>
public static class PlatformBroker
{
    public const string TransportSetting = "Messaging:Transport";
    public const string RabbitMq = "RabbitMQ";
    public const string ConnectionName = "rabbitmq";
    public const int DefaultLocalPort = 56720;
    private const string LocalServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>The broker, or null when messaging stays on the database's queues.</summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddPlatformBroker(this IDistributedApplicationBuilder builder)
    {
        var transport = builder.Configuration[TransportSetting];
        if (string.IsNullOrEmpty(transport) || string.Equals(transport, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(transport, RabbitMq, StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException($"{TransportSetting} is '{transport}'; it is PostgreSQL (the default) or {RabbitMq}.");
        }

        if (PlatformDatabase.ContainerRuntimeAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker"))
        {
            return builder.AddRabbitMQ(ConnectionName);
        }

        if (!File.Exists(LocalServer))
        {
            throw new DistributedApplicationException(
                $"{TransportSetting} is {RabbitMq} but neither a container runtime answers nor is RabbitMQ installed: " +
                "install one of them (e.g. 'apt-get install -y rabbitmq-server'), or leave messaging on PostgreSQL.");
        }

        var settings = builder.Configuration.GetSection("RabbitMq");
        var port = settings.GetValue("Port", DefaultLocalPort);
        var dataDirectory = settings["DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "rabbitmq"));
        var broker = new LocalRabbitMqResource(ConnectionName, "bash", Path.Combine(builder.AppHostDirectory, "rabbitmq"), port);
        var healthCheckKey = $"{broker.Name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new(healthCheckKey, _ => new PortAcceptsConnections(port), failureStatus: null, tags: null));
        return builder.AddResource(broker)
            .WithArgs("rabbitmq.sh", port.ToString(CultureInfo.InvariantCulture), dataDirectory)
            .WithHealthCheck(healthCheckKey);
    }
}

/// <summary>RabbitMQ run from Debian's rabbitmq-server as an executable resource, with the AMQP connection string of its default user.</summary>
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
}

/// <summary>Healthy once something accepts TCP connections on the loopback port (the broker opens AMQP when it has booted).</summary>
internal sealed class PortAcceptsConnections(int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy($"Nothing accepts connections on port {port} yet.", exception);
        }
    }
}
