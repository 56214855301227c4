using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using StudentBase.Http;
using Wolverine;

namespace StudentBase.Operations;

/// <summary>The service's name as the app host and service discovery know it (its schema's name).</summary>
public sealed record OperationsOptions(string ServiceName);

public static class OperationsRegistration
{
    /// <summary>
    /// The operators' endpoints, event lineage across the services, the decision log, the messaging monitor, its health
    /// check and its metrics, and (when switched on) the requests' stages in Server-Timing.
    /// </summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton(new OperationsOptions(serviceName));
        builder.Services.DescribeApiTag("Operations", "For operators: one flow traced through every service, where an event came from and what it caused, and the messages a service gave up on (dead letters) with their replay.");
        builder.Services.ConfigureWolverine(wolverine => wolverine.Discovery.IncludeAssembly(typeof(OperationsEndpoints).Assembly));
        builder.Services.AddSingleton<IConfigureMarten, OperationsMartenConfiguration>();
        builder.Services.AddSingleton<IRefusalObserver, RefusalLog>();
        builder.Services.AddSingleton<PeerServices>();
        builder.Services.AddSingleton<EventLineage>();
        builder.Services.AddHttpClient(PeerServices.Client);
        builder.Services.Configure<HealthThresholds>(builder.Configuration.GetSection(HealthThresholds.Section));
        builder.Services.AddSingleton<MessagingMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MessagingMonitor>());
        builder.Services.AddHealthChecks().AddCheck<MessagingHealthCheck>("messaging");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(MessagingMonitor.MeterName));
        builder.Services.AddServerTiming(builder.Configuration.GetValue<bool>(RequestStages.Setting));
        return builder;
    }
}
