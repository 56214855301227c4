using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StudentBase.EventSourcing;
using StudentBase.Webhooks.Subscriptions;

namespace StudentBase.Webhooks.Delivery;

/// <summary>
/// Delivers the outbox's notifications to the active subscriptions' endpoints, signed per Standard Webhooks, at least once
/// and in order per subject (a subject's next notification waits until the one before is delivered), retried on the
/// schedule of <see cref="WebhookOptions"/>. A claimed delivery is leased, so replicas share the work and a crash only
/// sends it again. Runs beside the service's own work, never in its requests.
/// </summary>
internal sealed partial class WebhookSender(
    NpgsqlDataSource dataSource,
    IDocumentStore store,
    IHttpClientFactory clients,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string Client = "webhooks";

    public const string SourceName = "StudentBase.Webhooks";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly string _deliveries = $"{store.Options.DatabaseSchemaName}.{WebhookOutbox.Deliveries}";
    private readonly string _attempts = $"{store.Options.DatabaseSchemaName}.{WebhookOutbox.Attempts}";
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);
    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stopping);
            }
            catch (Exception failure) when (!stopping.IsCancellationRequested)
            {
                SendingFailed(logger, failure);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendDueAsync(CancellationToken stopping)
    {
        var free = _slots.CurrentCount;
        if (free == 0)
        {
            return;
        }

        await using var session = store.QuerySession();
        var active = (await session.Query<WebhookSubscription>()
                .Where(subscription => subscription.State == WebhookSubscriptionState.Active)
                .ToListAsync(stopping))
            .ToDictionary(subscription => subscription.Id);
        if (active.Count == 0)
        {
            return;
        }

        var allowances = active.Keys
            .Select(id => (Subscription: id, Allowance: options.Value.MaxConcurrentDeliveriesPerSubscription - _inFlight.GetValueOrDefault(id)))
            .Where(entry => entry.Allowance > 0)
            .ToList();
        if (allowances.Count == 0)
        {
            return;
        }

        foreach (var due in await ClaimAsync(allowances, free, stopping))
        {
            await _slots.WaitAsync(stopping);
            _inFlight.AddOrUpdate(due.SubscriptionId, 1, (_, count) => count + 1);
            _ = Task.Run(async () =>
            {
                try
                {
                    await DeliverAsync(due, active[due.SubscriptionId], stopping);
                }
                catch (Exception failure) when (!stopping.IsCancellationRequested)
                {
                    SendingFailed(logger, failure);
                }
                finally
                {
                    _inFlight.AddOrUpdate(due.SubscriptionId, 0, (_, count) => count - 1);
                    _slots.Release();
                }
            }, stopping);
        }
    }

    private sealed record Due(long Id, Guid SubscriptionId, Guid NotificationId, string Type, string Body, int Failures, string Flow);

    /// <summary>
    /// The next due delivery of each subject (an earlier one still pending holds the later back), at most each subscription's
    /// allowance of them and <paramref name="limit"/> in all, the oldest first; leased for one attempt.
    /// </summary>
    private async Task<IReadOnlyList<Due>> ClaimAsync(IReadOnlyList<(Guid Subscription, int Allowance)> allowances, int limit, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            with due as (
                select claimable.id from unnest($1::uuid[], $2::integer[]) as allowed(subscription_id, allowance)
                cross join lateral (
                    select d.id from {_deliveries} d
                    where d.subscription_id = allowed.subscription_id
                      and d.state = '{WebhookOutbox.States.Pending}' and d.next_attempt_at <= now()
                      and not exists (select 1 from {_deliveries} earlier
                                      where earlier.subscription_id = d.subscription_id and earlier.subject_id = d.subject_id
                                        and earlier.state = '{WebhookOutbox.States.Pending}' and earlier.id < d.id)
                    order by d.id
                    limit allowed.allowance
                    for update of d skip locked) claimable
                order by claimable.id
                limit $3)
            update {_deliveries} set next_attempt_at = now() + $4
            from due where {_deliveries}.id = due.id
            returning {_deliveries}.id, {_deliveries}.subscription_id, {_deliveries}.notification_id, {_deliveries}.type, {_deliveries}.body,
                {_deliveries}.failures, {_deliveries}.flow
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = allowances.Select(entry => entry.Subscription).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = allowances.Select(entry => entry.Allowance).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Timeout + TimeSpan.FromSeconds(30) });
        var claimed = new List<Due>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            claimed.Add(new Due(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetString(6)));
        }

        return [.. claimed.OrderBy(due => due.Id)];
    }

    private async Task DeliverAsync(Due due, WebhookSubscription subscription, CancellationToken stopping)
    {
        using var span = StartSpan(due);
        var now = clock.GetUtcNow();
        var messageId = due.NotificationId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Endpoint)
        {
            Content = new StringContent(due.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, messageId);
        request.Headers.Add(WebhookSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(subscription.SecretsAt(now), messageId, now, due.Body));

        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        var started = Stopwatch.GetTimestamp();
        using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            attempt.CancelAfter(options.Value.Timeout);
            try
            {
                using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
                status = (int)response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                error = $"No answer within {options.Value.Timeout.TotalSeconds:0} s.";
            }
            catch (HttpRequestException failure) when (failure.InnerException is InsideAddressRefusedException refused)
            {
                error = refused.Message;
            }
            catch (HttpRequestException failure)
            {
                error = failure.HttpRequestError.ToString();
            }
        }

        var latency = Stopwatch.GetElapsedTime(started);
        span?.SetTag("http.response.status_code", status);
        if (status is not (>= 200 and < 300))
        {
            span?.SetStatus(ActivityStatusCode.Error, error ?? $"HTTP {status}");
        }

        await RecordAsync(due, subscription, status, error, latency, retryAfter, stopping);
    }

    /// <summary>An attempt continues the flow whose event made the notification, so operators see the delivery in that trace.</summary>
    private static Activity? StartSpan(Due due)
    {
        // Whatever span this background loop happened to start under is not the notification's flow.
        Activity.Current = null;
        var name = $"webhook {due.Type}";
        var span = ActivityContext.TryParse(due.Flow, null, isRemote: true, out var flow)
            ? Source.StartIn(name, ActivityKind.Client, flow)
            : Source.StartActivity(name, ActivityKind.Client);
        span?.SetTag("webhook.subscription_id", due.SubscriptionId.ToString());
        span?.SetTag("webhook.notification_id", due.NotificationId.ToString());
        return span;
    }

    private async Task RecordAsync(Due due, WebhookSubscription subscription, int? status, string? error, TimeSpan latency, TimeSpan? retryAfter,
        CancellationToken cancellation)
    {
        var delivered = status is >= 200 and < 300;
        var schedule = options.Value.Schedule;
        var gone = status == 410;
        var failures = delivered ? 0 : due.Failures + 1;
        var givenUp = !delivered && (gone || failures > schedule.Count);
        if (givenUp)
        {
            // Disabled first, so no sender claims it again; the notification stays at the head of its subject's queue and is
            // the first sent when the partner resumes the subscription.
            var reason = gone
                ? $"The endpoint answered 410 Gone on {clock.GetUtcNow():u}."
                : $"Every attempt to deliver notification {due.NotificationId} failed for {Sum(schedule).TotalHours:0.#} hours (last: {(status is { } code ? $"HTTP {code}" : error)}).";
            await DisableAsync(subscription.Id, reason, cancellation);
            failures = 0;
        }

        var state = delivered ? WebhookOutbox.States.Delivered : WebhookOutbox.States.Pending;
        var wait = delivered || givenUp ? TimeSpan.Zero : Max(schedule[failures - 1], retryAfter ?? TimeSpan.Zero);

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            insert into {_attempts} (delivery_id, attempt, attempted_at, status, latency_ms, error)
            select $1, coalesce(max(attempt), 0) + 1, now(), $2, $3, $4 from {_attempts} where delivery_id = $1
            """)
        {
            Parameters = { new() { Value = due.Id }, new() { Value = (object?)status ?? DBNull.Value }, new() { Value = latency.TotalMilliseconds },
                new() { Value = (object?)error ?? DBNull.Value } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            update {_deliveries} set state = $2, failures = $3, next_attempt_at = now() + $4,
                delivered_at = case when $2 = '{WebhookOutbox.States.Delivered}' then now() else delivered_at end
            where id = $1
            """)
        {
            Parameters = { new() { Value = due.Id }, new() { Value = state }, new() { Value = failures }, new() { Value = wait } },
        });
        await batch.ExecuteNonQueryAsync(cancellation);
    }

    private async Task DisableAsync(Guid subscriptionId, string reason, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<WebhookSubscription>(subscriptionId, cancellation);
        if (stream.Aggregate is not { } subscription)
        {
            return;
        }

        var decision = WebhookSubscription.Decide.Disable(subscription, reason, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(cancellation);
        Disabled(logger, subscriptionId);
    }

    private static TimeSpan Max(TimeSpan one, TimeSpan other) => one > other ? one : other;

    private static TimeSpan Sum(IEnumerable<TimeSpan> delays) => delays.Aggregate(TimeSpan.Zero, (total, delay) => total + delay);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId} disabled: its deliveries kept failing")]
    private static partial void Disabled(ILogger logger, Guid subscriptionId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Sending webhooks failed")]
    private static partial void SendingFailed(ILogger logger, Exception failure);
}
