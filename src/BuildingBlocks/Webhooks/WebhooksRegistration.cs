using Marten;
using OpenTelemetry.Trace;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudentBase.Http;
using StudentBase.Webhooks.Delivery;
using StudentBase.Webhooks.Subscriptions;
using Wolverine;
using Wolverine.Marten;

namespace StudentBase.Webhooks;

public static class WebhooksRegistration
{
    /// <summary>
    /// Partner webhooks: subscriptions per partner, the notification relay into the durable outbox, and the sender. Modules say
    /// what their events tell partners with <see cref="PartnerNotifications.NotifyPartners{TEvent}"/>.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.DescribeApiTag(WebhookAccess.Tag,
            "Signed webhooks (Standard Webhooks) instead of polling: subscribe an endpoint to the notifications you act on, rotate its " +
            "signing secret, pause or resume it, read its delivery log and ask for redelivery.");
        builder.Services.AddSingleton(provider => new NotificationCatalogue([.. provider.GetServices<NotificationType>().DistinctBy(known => known.Type).OrderBy(known => known.Type)]));
        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.ConfigureWolverine(wolverine => wolverine.Discovery.IncludeAssembly(typeof(WebhooksRegistration).Assembly));
        builder.Services.ConfigureMarten(marten =>
        {
            marten.Projections.Snapshot<WebhookSubscription>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
            WebhookOutbox.Define(marten);
        });
        builder.Services.AddSingleton<NotificationRelay>();
        builder.Services.SubscribeToEventsWithServices<NotificationRelay>(ServiceLifetime.Singleton);
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; without it the service defaults' retries would apply.
        builder.Services.TryAddSingleton<WebhookHostResolver>();
        builder.Services.AddSingleton<WebhookConnections>();
        builder.Services.AddHttpClient(WebhookSender.Client)
            // A receiver answers for itself: no redirects followed, no retries beyond the schedule's, no circuit shared with the
            // service's own calls; and it is reached only at an address a delivery may reach.
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = services.GetRequiredService<WebhookConnections>().ConnectAsync,
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddHostedService<WebhookSender>();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(WebhookSender.SourceName));
        return builder;
    }
}
