using Alba;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.Partners;
using Wolverine;
using Xunit;

namespace StudentBase.Testing;

/// <summary>
/// One service hosted in memory (Alba) against a fresh database on a real PostgreSQL server, shared by a
/// test assembly. Tests create their own data with unique ids, so they can run in parallel without resets.
/// </summary>
public abstract class ServiceFixture<TProgram> : IAsyncLifetime where TProgram : class
{
    private PostgresServer? _server;
    private IAlbaHost? _host;

    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Every log line the service wrote, to prove that personal data never reaches a log.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Every span recorded in the process, to prove that personal data never reaches a trace.</summary>
    public CapturedSpans Spans { get; } = new();

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    protected abstract string DatabasePrefix { get; }

    /// <summary>Settings a fixture needs beyond the common ones (e.g. short deadlines).</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    /// <summary>The PostgreSQL server the service runs on.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where the fixture's PostgreSQL comes from; a fixture that restarts it asks for a local cluster.</summary>
    protected virtual Task<PostgresServer> StartServerAsync() => PostgresServer.StartAsync();

    public async ValueTask InitializeAsync()
    {
        _server = await StartServerAsync();
        var connectionString = await _server.CreateDatabaseAsync(DatabasePrefix);

        _host = await AlbaHost.For<TProgram>(builder =>
        {
            builder.UseSetting($"ConnectionStrings:{EventSourcingExtensions.ConnectionName}", connectionString);
            builder.UseSetting($"{PartnerKeyStore.ConfigurationSection}:100:PartnerId", PartnerKeys.RateLimitedPartnerId);
            builder.UseSetting($"{PartnerKeyStore.ConfigurationSection}:100:Role", nameof(PartnerRole.Analyst));
            builder.UseSetting($"{PartnerKeyStore.ConfigurationSection}:100:Key", PartnerKeys.RateLimited);
            builder.UseSetting($"{IdentityProvider.Section}:Issuer", PartnerKeys.TokenIssuer);
            builder.UseSetting($"{IdentityProvider.Section}:Audience", PartnerKeys.TokenAudience);
            builder.UseSetting($"{IdentityProvider.Section}:SigningKey", PartnerKeys.TokenSigningKey);
            // Test batteries send thousands of requests a minute with the seeded keys; only the rate-limited partner is limited.
            builder.UseSetting($"{PartnerAccess.RateLimitSection}:PermitsPerMinute", "1000000");
            builder.UseSetting($"{PartnerAccess.RateLimitSection}:AnonymousPermitsPerMinute", "1000000");
            builder.UseSetting($"{PartnerAccess.RateLimitSection}:Partners:{PartnerKeys.RateLimitedPartnerId}",
                PartnerKeys.RateLimitedPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Configure(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
                services.MartenDaemonModeIsSolo();
                services.RunWolverineInSoloMode();
            });
        });
        // In solo mode the async daemon waits to be started.
        await _host.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().StartAllAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Spans.Dispose();

        GC.SuppressFinalize(this);
    }
}
