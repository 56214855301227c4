using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace StudentBase.History;

public static class HistoryRegistration
{
    /// <summary>The analysts' history and its endpoints: the feed, as-of views, rebuilds and exports (<c>History</c> settings).</summary>
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection(HistoryOptions.Section));
        builder.Services.AddSingleton<HistoryFeed>();
        builder.Services.AddSingleton<ProjectionRebuilder>();
        builder.Services.ConfigureWolverine(wolverine => wolverine.Discovery.IncludeAssembly(typeof(HistoryEndpoints).Assembly));
        return builder;
    }

    /// <summary>
    /// A person's journey also holds the events of what is theirs (a registration, an application), which name only its own
    /// id: the events that name the person name it under <paramref name="key"/>.
    /// </summary>
    public static IServiceCollection AddJourneyKey(this IServiceCollection services, string key) =>
        services.Configure<HistoryOptions>(history => history.JourneyKeys = [.. history.JourneyKeys, key]);
}
