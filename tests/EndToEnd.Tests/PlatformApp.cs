using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests;

/// <summary>
/// The real app host (Aspire.Hosting.Testing) on the local PostgreSQL binaries, with its own data directory
/// and port, every service exporting its traces to <see cref="OtlpTraceReceiver"/>.
/// </summary>
public sealed class PlatformApp : IAsyncDisposable
{
    public static readonly string[] Services = ["internships", "events", "subsidies"];

    private readonly DistributedApplication _app;

    private PlatformApp(DistributedApplication app) => _app = app;

    /// <summary>The transports the platform's messages can travel by (Messaging:Transport).</summary>
    public const string PostgreSqlQueues = "PostgreSQL";

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);
    public const string RabbitMq = "RabbitMQ";

    public static async Task<PlatformApp> StartAsync(
        PlatformStorage storage, string otlpEndpoint, CancellationToken cancellation, IReadOnlyDictionary<string, string>? environment = null,
        string transport = PostgreSqlQueues, int replicas = 1)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "Postgres:Mode=Local",
                $"Postgres:DataDirectory={storage.DataDirectory}",
                $"Postgres:Port={storage.Port}",
                $"Messaging:Transport={transport}",
                $"RabbitMq:DataDirectory={storage.BrokerDataDirectory}",
                $"RabbitMq:Port={storage.BrokerPort}",
                $"Platform:Replicas={replicas}",
            ],
            cancellation);

        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(service)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "200");
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                builder.CreateResourceBuilder(service).WithEnvironment(name, value);
            }
        }

        var app = await builder.BuildAsync(cancellation);
        var platform = new PlatformApp(app);
        try
        {
            // Bounded, so a service that never becomes healthy fails the test instead of holding up the suite.
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            patience.CancelAfter(StartPatience);
            await app.StartAsync(patience.Token);
            foreach (var service in Services)
            {
                try
                {
                    await app.ResourceNotifications.WaitForResourceHealthyAsync(service, patience.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    throw new TimeoutException($"'{service}' was not healthy {StartPatience.TotalMinutes:0} minutes after the app host started.");
                }
            }
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }

        return platform;
    }

    public HttpClient CreateClient(string service) => _app.CreateHttpClient(service);

    /// <summary>Stops one service's process, as an operator would from the dashboard.</summary>
    public Task StopServiceAsync(string service, CancellationToken cancellation) =>
        RunCommandAsync(service, KnownResourceCommands.StopCommand, cancellation);

    /// <summary>Starts a stopped service again and waits until it is healthy.</summary>
    public async Task StartServiceAsync(string service, CancellationToken cancellation)
    {
        await RunCommandAsync(service, KnownResourceCommands.StartCommand, cancellation);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellation);
    }

    private async Task RunCommandAsync(string service, string command, CancellationToken cancellation)
    {
        var resource = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == service);
        var result = await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellation);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {service} failed: {result.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A data directory and port for the app host's PostgreSQL, kept across restarts and deleted at the end.</summary>
public sealed class PlatformStorage : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"studentbase-e2e-{Guid.NewGuid():N}", "postgres");

    public int Port { get; } = FreeLoopbackPort();

    /// <summary>Where a local RabbitMQ keeps its data, when the platform runs on the broker.</summary>
    public string BrokerDataDirectory => Path.Combine(Path.GetDirectoryName(DataDirectory)!, "rabbitmq");

    /// <summary>The broker's AMQP port (it also takes the next two, for Erlang's distribution and port mapper).</summary>
    public int BrokerPort { get; } = FreeLoopbackPort();

    /// <summary>The platform's database on the app host's local PostgreSQL, for a test to look at what was stored.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=platform";

    public void Dispose()
    {
        var root = Path.GetDirectoryName(DataDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
