using Microsoft.Extensions.Configuration;

namespace StudentBase.AppHost;

public static class PlatformServices
{
    /// <summary>How many processes of each service run (<c>Platform:Replicas</c>, default 1); the app host balances between them.</summary>
    public const string ReplicasSetting = "Platform:Replicas";

    /// <summary>A service of the platform: its database, its health endpoint, and a short telemetry export timeout.</summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<IResourceWithConnectionString>? broker)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithBroker(broker)
            .WithReplicas(builder.Configuration.GetValue(ReplicasSetting, 1))
            .WithReference(database, PlatformDatabase.DatabaseName)
            .WaitFor(database)
            .WithHttpHealthCheck("/health")
            // Without it, shutdown waits ~10 s on an OTLP endpoint that has already gone.
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");

    /// <summary>Messaging through the broker, when there is one (else the database's queues).</summary>
    private static IResourceBuilder<ProjectResource> WithBroker(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString>? broker) =>
        broker is null
            ? service
            : service.WithReference(broker).WaitFor(broker).WithEnvironment("Messaging__Transport", PlatformBroker.RabbitMq);

    /// <summary>Lets a service reach the others by name (http://events, ...), without waiting for them.</summary>
    public static IResourceBuilder<ProjectResource> WithPeers(this IResourceBuilder<ProjectResource> service, params IResourceBuilder<ProjectResource>[] peers)
    {
        foreach (var peer in peers)
        {
            service.WithReference(peer);
        }

        return service;
    }
}
