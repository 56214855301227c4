using System.Diagnostics.Metrics;
using System.Globalization;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using Wolverine.Postgresql.Transport;
using Wolverine.Runtime;

namespace StudentBase.Operations;

/// <summary>When a queue, the outbox or a projection counts as behind (<c>Operations:Health</c>).</summary>
public sealed class HealthThresholds
{
    public const string Section = "Operations:Health";

    /// <summary>How often the figures are read from PostgreSQL.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A queue whose oldest message has waited longer than this is behind (its consumer is down or slow).</summary>
    public TimeSpan QueueAgeDegraded { get; set; } = TimeSpan.FromSeconds(30);

    public int QueueDepthDegraded { get; set; } = 1000;

    public int InboxWaitingDegraded { get; set; } = 1000;

    public int OutboxBacklogDegraded { get; set; } = 1000;

    /// <summary>Events a projection may trail the high-water mark by before it is behind.</summary>
    public long ProjectionLagDegraded { get; set; } = 1000;

    /// <summary>A projection that trails and has not moved for this long means the async daemon has stalled.</summary>
    public TimeSpan ProjectionStalledAfter { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed record QueueFigures(string Queue, long Depth, TimeSpan OldestMessageAge);

public sealed record ProjectionFigures(string Projection, long Lag, DateTimeOffset LastMoved);

/// <summary>The figures of one sample: the queues this service sends to or listens to, its inbox, outbox and projections.</summary>
public sealed record MessagingFigures(
    DateTimeOffset SampledAt, IReadOnlyList<QueueFigures> Queues, long InboxWaiting, long OutboxBacklog, long HighWaterMark,
    IReadOnlyList<ProjectionFigures> Projections);

/// <summary>
/// Reads queue depth and the age of the oldest message per queue, the inbox and outbox backlog and each async
/// projection's distance to the high-water mark, publishes them as metrics (meter <c>StudentBase.Operations</c>)
/// and keeps the last sample for the health check.
/// </summary>
public sealed partial class MessagingMonitor(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    IWolverineRuntime runtime,
    IOptions<HealthThresholds> thresholds,
    IMeterFactory meters,
    TimeProvider clock,
    ILogger<MessagingMonitor> logger) : BackgroundService
{
    public const string MeterName = "StudentBase.Operations";

    private readonly Dictionary<string, (long SequenceId, DateTimeOffset Since)> _projectionProgress = [];

    public MessagingFigures? Latest { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RegisterGauges(meters.Create(MeterName));
        using var timer = new PeriodicTimer(thresholds.Value.SampleInterval, clock);
        do
        {
            try
            {
                Latest = await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                Latest = null;
                SamplingFailed(logger, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<MessagingFigures> SampleAsync(CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var queues = new List<QueueFigures>();
        foreach (var queue in WatchedQueues())
        {
            await using var command = dataSource.CreateCommand(
                $"select count(*), coalesce(extract(epoch from (now() at time zone 'utc') - min(timestamp)), 0) " +
                $"from {Queues.TransportSchema}.wolverine_queue_{queue}");
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            await reader.ReadAsync(cancellation);
            queues.Add(new QueueFigures(queue, reader.GetInt64(0), TimeSpan.FromSeconds(Math.Max(0, Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)))));
        }

        var inboxWaiting = await CountAsync($"select count(*) from {schema}.wolverine_incoming_envelopes where status = 'Incoming'", cancellation);
        var outboxBacklog = await CountAsync($"select count(*) from {schema}.wolverine_outgoing_envelopes", cancellation);
        var (highWaterMark, projections) = await ProjectionsAsync(schema, cancellation);
        return new MessagingFigures(clock.GetUtcNow(), queues, inboxWaiting, outboxBacklog, highWaterMark, projections);
    }

    private IEnumerable<string> WatchedQueues() => runtime.Options.Transports.AllEndpoints()
        .OfType<PostgresqlQueue>()
        .Select(queue => queue.Name)
        .Distinct()
        .Order();

    private async Task<(long HighWaterMark, IReadOnlyList<ProjectionFigures> Projections)> ProjectionsAsync(string schema, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select name, last_seq_id from {schema}.mt_event_progression");
        var progress = new Dictionary<string, long>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                progress[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return (0, []);
        }

        var highWaterMark = progress.GetValueOrDefault("HighWaterMark");
        var now = clock.GetUtcNow();
        var projections = new List<ProjectionFigures>();
        foreach (var (name, sequenceId) in progress.Where(entry => entry.Key.Contains(':', StringComparison.Ordinal)))
        {
            if (!_projectionProgress.TryGetValue(name, out var known) || known.SequenceId != sequenceId)
            {
                _projectionProgress[name] = known = (sequenceId, now);
            }

            projections.Add(new ProjectionFigures(name, Math.Max(0, highWaterMark - sequenceId), known.Since));
        }

        return (highWaterMark, projections);
    }

    private async Task<long> CountAsync(string sql, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
    }

    private void RegisterGauges(Meter meter)
    {
        meter.CreateObservableGauge("studentbase.queue.depth", () => QueueMeasurements(queue => queue.Depth), "{message}",
            "Messages waiting in a PostgreSQL queue");
        meter.CreateObservableGauge("studentbase.queue.oldest_message_age", () => QueueMeasurements(queue => queue.OldestMessageAge.TotalSeconds), "s",
            "How long the oldest message of a queue has waited");
        meter.CreateObservableGauge("studentbase.inbox.waiting", () => Single(figures => figures.InboxWaiting), "{message}",
            "Messages received by the service's durable inbox and not yet handled");
        meter.CreateObservableGauge("studentbase.outbox.backlog", () => Single(figures => figures.OutboxBacklog), "{message}",
            "Messages committed to the service's outbox and not yet sent");
        meter.CreateObservableGauge("studentbase.projection.lag", ProjectionLags, "{event}",
            "Events an async projection trails the high-water mark by");
    }

    private IEnumerable<Measurement<T>> QueueMeasurements<T>(Func<QueueFigures, T> figure) where T : struct =>
        Latest?.Queues.Select(queue => new Measurement<T>(figure(queue), new KeyValuePair<string, object?>("queue", queue.Queue))) ?? [];

    private IEnumerable<Measurement<long>> Single(Func<MessagingFigures, long> figure) =>
        Latest is { } figures ? [new Measurement<long>(figure(figures))] : [];

    private IEnumerable<Measurement<long>> ProjectionLags() =>
        Latest?.Projections.Select(projection => new Measurement<long>(projection.Lag,
            new KeyValuePair<string, object?>("projection", projection.Projection))) ?? [];

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Could not read the messaging figures: {Reason}")]
    private static partial void SamplingFailed(ILogger logger, string reason);
}

/// <summary>
/// Degraded when a queue, the inbox, the outbox or a projection is behind its threshold; unhealthy when a projection
/// trails and has stopped moving (the async daemon has stalled). The description says which, with the figures.
/// </summary>
public sealed class MessagingHealthCheck(
    MessagingMonitor monitor, IOptions<HealthThresholds> options, TimeProvider clock, IWolverineRuntime runtime, IProjectionCoordinator projections)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = monitor.Latest is { } figures
            ? Judge(figures, options.Value, clock.GetUtcNow())
            : HealthCheckResult.Degraded("No messaging figures yet.");
        // Which way this service's messages travel, for an operator comparing replicas or deployments.
        // ... and which async projections this node runs: one node at a time holds the daemon's lock.
        var data = new Dictionary<string, object>
        {
            ["transport"] = runtime.Options.UsesRabbitMq() ? Messaging.RabbitMq : Messaging.PostgreSql,
            ["projectionsRunningHere"] = projections.DaemonForMainDatabase().CurrentAgents()
                .Select(agent => agent.Name.Identity)
                .Order(StringComparer.Ordinal)
                .ToArray(),
        };
        return Task.FromResult(new HealthCheckResult(health.Status, health.Description, health.Exception, data));
    }

    public static HealthCheckResult Judge(MessagingFigures figures, HealthThresholds thresholds, DateTimeOffset now)
    {
        var stalled = figures.Projections
            .Where(projection => projection.Lag > 0 && now - projection.LastMoved > thresholds.ProjectionStalledAfter)
            .Select(projection => $"{projection.Projection} has not moved for {(now - projection.LastMoved).TotalSeconds:0} s, {projection.Lag} events behind")
            .ToList();
        if (stalled.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"The async daemon has stalled: {string.Join("; ", stalled)}.");
        }

        var behind = figures.Queues
            .Where(queue => queue.Depth > thresholds.QueueDepthDegraded || queue.OldestMessageAge > thresholds.QueueAgeDegraded)
            .Select(queue => $"{queue.Queue}: {queue.Depth} messages, the oldest waiting {queue.OldestMessageAge.TotalSeconds:0} s")
            .Concat(figures.InboxWaiting > thresholds.InboxWaitingDegraded ? [$"inbox: {figures.InboxWaiting} messages waiting"] : [])
            .Concat(figures.OutboxBacklog > thresholds.OutboxBacklogDegraded ? [$"outbox: {figures.OutboxBacklog} messages unsent"] : [])
            .Concat(figures.Projections.Where(projection => projection.Lag > thresholds.ProjectionLagDegraded)
                .Select(projection => $"{projection.Projection}: {projection.Lag} events behind"))
            .ToList();

        return behind.Count > 0
            ? HealthCheckResult.Degraded($"Behind: {string.Join("; ", behind)}.")
            : HealthCheckResult.Healthy($"Queues, inbox, outbox and projections keep up (sampled {figures.SampledAt:O}).");
    }
}
