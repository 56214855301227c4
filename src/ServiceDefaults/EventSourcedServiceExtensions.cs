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
using Npgsql;
using StudentBase.Contracts;
using StudentBase.ServiceDefaults.History;
using StudentBase.ServiceDefaults.Idempotency;
using StudentBase.ServiceDefaults.Operations;
using StudentBase.ServiceDefaults.Partners;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Postgresql;
using Wolverine.RabbitMQ;

namespace StudentBase.ServiceDefaults;

public static class EventSourcedServiceExtensions
{
    /// <summary>The connection string every service reads: one PostgreSQL database, one schema per service.</summary>
    public const string ConnectionName = "platform";

    /// <summary>How long a message about a subject not yet known here waits between later attempts (after quick retries).</summary>
    public const string UnknownSubjectWaitsSection = "Messaging:UnknownSubjectWaits";

    private static readonly TimeSpan[] DefaultUnknownSubjectWaits =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>
    /// Marten as the event store in the service's own schema, Wolverine for HTTP endpoints and messaging
    /// through PostgreSQL queues in the shared transport schema, with the durable outbox on every sender
    /// and the durable inbox on every listener.
    /// </summary>
    public static WebApplicationBuilder AddEventSourcedService(
        this WebApplicationBuilder builder,
        string schemaName,
        Assembly applicationAssembly,
        Action<StoreOptions>? configureMarten = null,
        Action<WolverineOptions>? configureMessaging = null)
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
                options.RecordActors();
                options.Schema.For<IdempotentRequest>().Identity(request => request.Id);
                // The services share one database: each elects the node for its own daemon.
                options.Projections.DaemonLockId = LockIdFor(schemaName);
                configureMarten?.Invoke(options);
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            // Async projections run on one replica at a time (an advisory lock elects it); another takes over when it dies.
            .AddAsyncDaemon(DaemonMode.HotCold)
            .IntegrateWithWolverine(integration => integration.TransportSchemaName = Queues.TransportSchema);

        var unknownSubjectWaits = builder.Configuration.GetSection(UnknownSubjectWaitsSection).Get<TimeSpan[]>() is { Length: > 0 } configured
            ? configured
            : DefaultUnknownSubjectWaits;

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
            // A handler that lost an optimistic-concurrency race decides again on the fresh state.
            options.OnException<JasperFx.ConcurrencyException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
            // Integration messages may overtake the one that introduces what they speak of: wait for it rather than drop them.
            // After the last wait it becomes a dead letter, for an operator to replay once the fault is fixed.
            options.OnException<NotYetKnownException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))
                .Then.ScheduleRetry(unknownSubjectWaits);
            options.Services.AddResourceSetupOnStartup();
            options.Policies.AddMiddleware(typeof(Provenance.OfMessages), _ => true);
            configureMessaging?.Invoke(options);
        });

        builder.Services.AddWolverineHttp();
        builder.AddPartnerAccess();
        builder.Services.AddSingleton<IConfigureMarten, OperationsMartenConfiguration>();
        builder.Services.AddHostedService<HandlerWarmUp>();
        builder.Services.AddSingleton<ExpiredRequestsPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiredRequestsPurge>());
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql")
            .AddCheck<MessagingHealthCheck>("messaging");
        builder.AddOperations(schemaName);
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection(HistoryOptions.Section));
        builder.Services.AddSingleton<HistoryFeed>();
        builder.Services.AddSingleton<ProjectionRebuilder>();

        return builder;
    }

    /// <summary>An advisory lock id of the service's own, the same on every node and in every run (FNV-1a of its name).</summary>
    public static int LockIdFor(string name) =>
        (int)(name.Aggregate(2166136261u, (hash, character) => (hash ^ character) * 16777619u) & 0x3FFFFFFF);

    /// <summary>Maps the service's Wolverine endpoints and the platform's default endpoints.</summary>
    public static WebApplication MapEventSourcedService(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseMiddleware<MalformedBodyMiddleware>();
        app.MapOperationsEndpoints();
        app.MapHistoryEndpoints();
        app.MapAsOfEndpoints();
        app.MapRebuildEndpoints();
        app.MapWolverineEndpoints(http =>
        {
            http.RejectUnparseableQueryValues = true;
            // Resolves every endpoint at startup rather than on its first request.
            http.WarmUpRoutes = RouteWarmup.Eager;
            http.AddMiddleware(typeof(Provenance.OfRequests), chain => !chain.HttpMethods.SequenceEqual(["GET"]));
        });
        return app;
    }
}

public static class InboxExtensions
{
    /// <summary>How often an idle inbox asks for new messages; the default (seconds) is too slow for partners.</summary>
    public static readonly TimeSpan InboxPollingInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Listens to the service's own inbox queue (in PostgreSQL, or on the broker) through the durable inbox.</summary>
    public static void ListenToInbox(this WolverineOptions messaging, string queueName)
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
}
