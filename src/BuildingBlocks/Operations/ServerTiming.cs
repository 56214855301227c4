using System.Diagnostics;
using System.Globalization;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StudentBase.Operations;

/// <summary>
/// Where one request's time went, in stages: admission (body limit, authentication, rate limit, authorisation), the work
/// before the commit (validation, the queries it makes, loading the record, deciding), of that the database reads, the
/// commit (inline projections, the batch and the durable commit), and the answer after it. With
/// <c>Operations:ServerTiming</c> on, each answer carries them in a W3C <c>Server-Timing</c> header (milliseconds), which
/// browsers' developer tools and the platform benchmark read; off by default, when none of this runs.
/// </summary>
public sealed class RequestStages
{
    public const string Setting = "Operations:ServerTiming";
    private static readonly AsyncLocal<RequestStages?> InFlight = new();

    private readonly long _started = Stopwatch.GetTimestamp();
    private long _admitted;
    private long _committing;
    private long _committed;
    private long _reads;

    /// <summary>The request being served on this flow, when timing is on.</summary>
    public static RequestStages? Current => InFlight.Value;

    public static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue<bool>(Setting);

    public void Admitted() => _admitted = Stopwatch.GetTimestamp();

    public void Committing()
    {
        if (_committing == 0)
        {
            _committing = Stopwatch.GetTimestamp();
        }
    }

    public void Committed() => _committed = Stopwatch.GetTimestamp();

    public void Read(TimeSpan duration)
    {
        if (_committing == 0)
        {
            Interlocked.Add(ref _reads, duration.Ticks);
        }
    }

    /// <summary>The header's value, measured up to <paramref name="answering"/>.</summary>
    public string Describe(long answering)
    {
        var admitted = _admitted == 0 ? answering : _admitted;
        var beforeCommit = _committing == 0 ? answering : _committing;
        var committed = _committed == 0 ? beforeCommit : _committed;
        return string.Join(", ",
            Stage("admission", _started, admitted),
            Stage("handler", admitted, beforeCommit),
            $"reads;dur={TimeSpan.FromTicks(_reads).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}",
            Stage("commit", beforeCommit, committed),
            Stage("answer", committed, answering),
            Stage("total", _started, answering));
    }

    internal static RequestStages Begin() => InFlight.Value = new RequestStages();

    private static string Stage(string name, long from, long to) =>
        $"{name};dur={Stopwatch.GetElapsedTime(from, Math.Max(from, to)).TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}";
}

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
