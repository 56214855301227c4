using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace StudentBase.Http;

/// <summary>
/// The HTTP contract every service keeps with partners: RFC 9457 problem details for every error, JSON that refuses what it
/// does not know, bounded bodies, and an OpenAPI document with a browsable reference.
/// </summary>
public static class HttpContract
{
    public static WebApplicationBuilder AddHttpContract(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Classify);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

        builder.Services.AddOpenApi(options =>
        {
            ProblemContract.Describe(options);
            ExampleSchemaTransformer.Describe(options);
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

        return builder;
    }

    /// <summary>The OpenAPI document, its reference page, and a description of each kind of problem.</summary>
    public static WebApplication MapHttpContract(this WebApplication app)
    {
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
