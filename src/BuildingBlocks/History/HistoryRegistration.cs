using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Http;
using Wolverine;

namespace StudentBase.History;

public static class HistoryRegistration
{
    /// <summary>The analysts' history and its endpoints: the feed, as-of views, rebuilds and exports (<c>History</c> settings).</summary>
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HistoryOptions>(builder.Configuration.GetSection(HistoryOptions.Section));
        builder.Services.DescribeApiTag("History", "For analysts: the service's events in order, as pages, NDJSON or Parquet; a person's journey across services; a record as it was at a moment; rebuilding a read model from the history. Personal data is masked for roles that may not see it.");
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
