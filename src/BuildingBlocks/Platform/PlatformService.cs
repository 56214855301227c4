using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudentBase.EventSourcing;
using StudentBase.History;
using StudentBase.Http;
using StudentBase.Operations;
using StudentBase.Partners;
using StudentBase.PersonalData;
using StudentBase.Webhooks;
using Wolverine.Http;
using Wolverine.Runtime;

namespace StudentBase.Platform;

/// <summary>
/// One service of the platform, composed from the building blocks: the HTTP contract, event sourcing and messaging, partner
/// access, operations and history. The request pipeline is assembled here, and only here.
/// </summary>
public static class PlatformService
{
    /// <param name="name">The service's name as the app host knows it; also its database schema.</param>
    /// <param name="applicationAssembly">Where its endpoints, handlers and modules are.</param>
    public static WebApplicationBuilder AddPlatformService(this WebApplicationBuilder builder, string name, Assembly applicationAssembly)
    {
        builder.Logging.RedactPersonalData();
        builder.AddHttpContract();
        builder.AddEventSourcing(name, applicationAssembly);
        builder.AddPartners();
        builder.AddOperations(name);
        builder.AddHistory();
        builder.AddWebhooks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The request pipeline, in order, and the service's endpoints (health is Aspire's, mapped by the service defaults).</summary>
    public static WebApplication MapPlatformService(this WebApplication app)
    {
        var applicationAssembly = app.Services.GetRequiredService<IWolverineRuntime>().Options.ApplicationAssembly;
        app.UsePartnerLanguages();
        app.UseServerTiming();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseServerTimingAdmission();
        app.UseMiddleware<EmptyIdMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseMiddleware<PersonalDataInAnswers>();
        app.UseMiddleware<MalformedBodyMiddleware>();

        app.MapHttpContract();
        app.MapWolverineEndpoints(http =>
        {
            http.RejectUnparseableQueryValues = true;
            // Resolves every endpoint at startup rather than on its first request.
            http.WarmUpRoutes = RouteWarmup.Eager;
            // The service's own commands; the operators' and analysts' endpoints store no events.
            http.AddMiddleware(typeof(Provenance.OfRequests),
                chain => !chain.HttpMethods.SequenceEqual(["GET"]) && chain.Method.HandlerType.Assembly == applicationAssembly);
            http.AddPolicy<EndpointConventions>();
        });
        return app;
    }
}
