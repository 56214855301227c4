using System.Diagnostics;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StudentBase.Http;

namespace StudentBase.Operations;

public static class ServerTiming
{
    /// <summary>Times the requests when <c>Operations:ServerTiming</c> is on: the commits through Marten, the reads through Npgsql.</summary>
    public static IServiceCollection AddServerTiming(this IServiceCollection services, bool enabled)
    {
        if (enabled)
        {
            services.ConfigureMarten(options => options.Listeners.Add(new CommitStages()));
            services.AddHostedService<DatabaseReads>();
        }

        return services;
    }

    /// <summary>First in the pipeline: starts the request's stages and writes them when the answer starts.</summary>
    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app) =>
        !RequestStages.IsEnabled(app.ApplicationServices) ? app : app.Use(async (context, next) =>
        {
            var stages = RequestStages.Begin();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = stages.Describe(Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>After authorisation: the request has been admitted.</summary>
    public static IApplicationBuilder UseServerTimingAdmission(this IApplicationBuilder app) =>
        !RequestStages.IsEnabled(app.ApplicationServices) ? app : app.Use((context, next) =>
        {
            RequestStages.Current?.Admitted();
            return next(context);
        });

    private sealed class CommitStages : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            RequestStages.Current?.Committing();
            return Task.CompletedTask;
        }

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            RequestStages.Current?.Committed();
            return Task.CompletedTask;
        }
    }

    /// <summary>Adds up the database commands a request runs before its commit (Npgsql's activities, created but not recorded).</summary>
    private sealed class DatabaseReads : IHostedService, IDisposable
    {
        private readonly ActivityListener _listener = new()
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = activity => RequestStages.Current?.Read(activity.Duration),
        };

        public Task StartAsync(CancellationToken cancellationToken)
        {
            ActivitySource.AddActivityListener(_listener);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _listener.Dispose();
    }
}
