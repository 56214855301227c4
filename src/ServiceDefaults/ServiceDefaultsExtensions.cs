using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using StudentBase.ServiceDefaults.OpenApi;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace StudentBase.ServiceDefaults;

/// <summary>
/// What every service of the platform shares: telemetry, health, service discovery, resilience,
/// RFC 9457 errors and an OpenAPI document with a browsable reference.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthEndpoint = "/health";
    public const string AliveEndpoint = "/alive";
    private const string LivenessTag = "live";

    public const string DevelopmentPartnersFile = "partners.Development.json";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (builder.Environment.IsDevelopment())
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, DevelopmentPartnersFile), optional: true);
        }

        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LivenessTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Classify);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

        builder.Services.AddOpenApi(options =>
        {
            PartnerContractTransformers.Describe(options);
            ExampleSchemaTransformer.Describe(options);
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);

        return builder;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources.Meters))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetrySources.ActivitySources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpoint)
                        && !context.Request.Path.StartsWithSegments(AliveEndpoint))
                .AddHttpClientInstrumentation());

        // Aspire (and any OpenTelemetry backend) sets the endpoint; without one nothing is exported.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<EmptyIdMiddleware>();

        app.MapHealthChecks(HealthEndpoint, new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(AliveEndpoint, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LivenessTag),
        }).AllowAnonymous();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle($"{app.Environment.ApplicationName} API reference"))
            .AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription().AllowAnonymous();
        app.MapGet($"{Problems.TypePrefix}{{name}}", (string name) =>
                Problems.All.FirstOrDefault(kind => kind.Name == name) is { } kind
                    ? Results.Ok(new { type = kind.Type, status = kind.Status, title = kind.Title, description = kind.Description })
                    : Results.NotFound())
            .WithTags("Problems")
            .WithSummary("Describes one kind of error (the 'type' of a problem details answer)")
            .AllowAnonymous();

        return app;
    }
}

/// <summary>The activity sources and meters every service exports.</summary>
public static class TelemetrySources
{
    public static readonly string[] ActivitySources = ["Wolverine", "Marten", "Npgsql"];
    public static readonly string[] Meters = ["Wolverine*", "Marten", "Npgsql", Operations.MessagingMonitor.MeterName];
}
