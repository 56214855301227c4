using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace StudentBase.ServiceDefaults.Operations;

/// <summary>The service's name as the app host and service discovery know it (its schema's name).</summary>
public sealed record OperationsOptions(string ServiceName);

public static class OperationsRegistration
{
    /// <summary>Event lineage across the services, the messaging monitor and its metrics.</summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder, string serviceName)
    {
        HandlerSpans.Listen();
        builder.Services.AddSingleton(new OperationsOptions(serviceName));
        builder.Services.AddSingleton<PeerServices>();
        builder.Services.AddSingleton<EventLineage>();
        builder.Services.AddHttpClient(PeerServices.Client);
        builder.Services.Configure<HealthThresholds>(builder.Configuration.GetSection(HealthThresholds.Section));
        builder.Services.AddSingleton<MessagingMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MessagingMonitor>());
        return builder;
    }
}
