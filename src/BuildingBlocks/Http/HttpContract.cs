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
        builder.Services.AddPartnerLanguages();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);

        builder.Services.AddOpenApi(options =>
        {
            ProblemContract.Describe(options);
            ExampleSchemaTransformer.Describe(options);
            UploadContract.Describe(options);
            ApiTags.Describe(options);
        });
        builder.Services.DescribeApiTag("Problems", "What each kind of error means: the 'type' of a problem details answer, described.");
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
        // The contract is read freely: fetching it never counts against a partner's rate limit.
        app.MapOpenApi().AllowAnonymous().DisableRateLimiting();
        app.MapScalarApiReference(options => options.WithTitle($"{app.Environment.ApplicationName} API reference"))
            .AllowAnonymous().DisableRateLimiting();
        app.MapGet("/", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();
        app.MapGet($"{Problems.TypePrefix}{{name}}", (string name) =>
                Problems.All.FirstOrDefault(kind => kind.Name == name) is { } kind
                    ? Results.Ok(new ProblemTypeDescription(kind.Type, kind.Status, kind.LocalTitle, kind.LocalDescription))
                    : Results.NotFound())
            .WithName("DescribeProblem")
            .WithTags("Problems")
            .WithSummary("Describes one kind of error (the 'type' of a problem details answer), in English or Simplified Chinese by Accept-Language")
            .Produces<ProblemTypeDescription>()
            .Produces(StatusCodes.Status404NotFound)
            .AllowAnonymous()
            .DisableRateLimiting()
            // Public: no key is needed (an empty security requirement says so).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Security = [];
                return Task.CompletedTask;
            });

        return app;
    }
}

/// <summary>What <c>GET /problems/{name}</c> answers: one kind of error, as partners branch on it.</summary>
/// <param name="Type">The value of a problem answer's <c>type</c>.</param>
public sealed record ProblemTypeDescription(string Type, int Status, string Title, string Description);
