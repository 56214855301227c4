using System.Diagnostics;
using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.OpenTelemetry;
using JasperFx.Resources;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StudentBase.Contracts;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace StudentBase.EventSourcing;

public static class EventSourcingExtensions
{
    /// <summary>The connection string every service reads: one PostgreSQL database, one schema per service.</summary>
    public const string ConnectionName = "platform";

    /// <summary>
    /// Marten as the event store in the service's own schema, Wolverine for HTTP endpoints, command handling and messaging
    /// (see <see cref="Messaging"/>), with the durable outbox on every sender and the durable inbox on every listener.
    /// Modules add their own documents, projections and routes with <c>services.ConfigureMarten</c> and
    /// <c>services.ConfigureWolverine</c>.
    /// </summary>
    public static WebApplicationBuilder AddEventSourcing(this WebApplicationBuilder builder, string schemaName, Assembly applicationAssembly)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"The connection string '{ConnectionName}' is not configured. Start the system with " +
                "'dotnet run --project src/AppHost', or set ConnectionStrings__platform.");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        // Queue polling and other background commands would otherwise each start a trace of their own.
        dataSourceBuilder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null));
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);
        // Registered before Marten's and Wolverine's own start-up work, so it runs first.
        builder.Services.AddHostedService(_ => new StartupLock(dataSource, LockIdFor($"{schemaName}:startup")));

        builder.Services.AddMarten(options =>
            {
                options.Connection(dataSource);
                options.DatabaseSchemaName = schemaName;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                // The services share one database: each elects the node for its own daemon.
                options.Projections.DaemonLockId = LockIdFor(schemaName);
            })
            .BuildSessionsWith<SessionsJoiningTheFlow>()
            .ApplyAllDatabaseChangesOnStartup()
            // Async projections run on one replica at a time (an advisory lock elects it); another takes over when it dies.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine(integration => integration.TransportSchemaName = Queues.TransportSchema);

        // The handlers' and endpoints' code is generated ahead (src/*/Internal/Generated, 'codegen write'), so no
        // compiler is loaded at run time (some 180 MiB less resident under the command benchmark; see README, Performance).
        builder.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
        });

        builder.Host.UseWolverine(options =>
        {
            options.UseConfiguredTransport(builder.Configuration);
            options.ApplicationAssembly = applicationAssembly;
            options.ServiceName = applicationAssembly.GetName().Name!;
            options.EnableRelayOfUserName = true;
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();
            options.Policies.UseDurableInboxOnAllListeners();
            options.Policies.UseDurableLocalQueues();
            // A handler that lost an optimistic-concurrency race, or found the document or stream it meant to create already
            // there, decides again on the fresh state.
            options.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
                .Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
            options.RetryMessagesAboutUnknownSubjects(builder.Configuration);
            options.Services.AddResourceSetupOnStartup();
            options.Policies.AddMiddleware(typeof(Provenance.OfMessages), _ => true);
        });

        HandlerSpans.Listen();
        builder.Services.AddWolverineHttp();
        builder.Services.TryAddSingleton<IActorSource, NoActors>();
        builder.Services.AddHostedService<HandlerWarmUp>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgresql");
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Wolverine", "Marten", "Npgsql", IntegrationRelay.SourceName))
            .WithMetrics(metrics => metrics.AddMeter("Wolverine*", "Marten", "Npgsql"));

        return builder;
    }

    /// <summary>An advisory lock id of the service's own, the same on every node and in every run (FNV-1a of its name).</summary>
    public static int LockIdFor(string name) =>
        (int)(name.Aggregate(2166136261u, (hash, character) => (hash ^ character) * 16777619u) & 0x3FFFFFFF);
}
