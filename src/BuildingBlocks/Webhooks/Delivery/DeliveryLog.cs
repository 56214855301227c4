using System.Globalization;
using System.Security.Claims;
using System.Text;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.Webhooks.Subscriptions;
using Wolverine.Http;

namespace StudentBase.Webhooks.Delivery;

/// <summary>One attempt to deliver a notification: what the endpoint answered (or why there was no answer) and how long it took.</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset AttemptedAt, int? Status, double LatencyMs, string? Error);

/// <param name="State">Pending (not yet delivered: waiting for its turn, its next retry, or the subscription's resumption) or Delivered.</param>
public sealed record NotificationDelivery(
    Guid NotificationId, string Type, Guid SubjectId, DateTimeOffset OccurredAt, string State, DateTimeOffset? DeliveredAt,
    DateTimeOffset? NextAttemptAt, IReadOnlyList<DeliveryAttempt> Attempts)
{
    public static NotificationDelivery Example { get; } = new(
        Guid.Parse("0196f0c4-aaaa-8000-8000-000000000001"), "internship.started", Guid.Parse("0196f0c4-1111-7000-8000-000000000001"),
        new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)), "Delivered", new DateTimeOffset(2026, 7, 1, 9, 0, 6, TimeSpan.FromHours(8)), null,
        [
            new DeliveryAttempt(1, new DateTimeOffset(2026, 7, 1, 9, 0, 1, TimeSpan.FromHours(8)), 503, 41.7, null),
            new DeliveryAttempt(2, new DateTimeOffset(2026, 7, 1, 9, 0, 6, TimeSpan.FromHours(8)), 204, 12.3, null),
        ]);
}

public sealed record DeliveryLogPage(IReadOnlyList<NotificationDelivery> Items, string? NextCursor);

/// <summary>Send again one notification (<paramref name="NotificationId"/>), or every one that happened in [<paramref name="From"/>, <paramref name="To"/>).</summary>
public sealed record Redeliver(Guid? NotificationId, DateTimeOffset? From, DateTimeOffset? To)
{
    public static Redeliver Example { get; } = new(null, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.FromHours(8)),
        new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.FromHours(8)));

    public sealed class Validator : AbstractValidator<Redeliver>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x).Must(x => (x.NotificationId is not null) != (x.From is not null || x.To is not null))
                .WithName("notificationId").WithMessage("Name either a notificationId, or a time range (from and to).", "请给出 notificationId，或时间范围（from 和 to），二者择一。");
            When(x => x.NotificationId is null, () =>
            {
                RuleFor(x => x.From).NotNull();
                RuleFor(x => x.To).NotNull().GreaterThan(x => x.From).WithMessage("'to' must be after 'from'.", "'to' 必须晚于 'from'。");
            });
        }
    }
}

/// <summary>How many notifications were queued again; they are sent in order, each subject's after any still pending before it.</summary>
public sealed record Redelivery(int Queued);

public static class DeliveryLogEndpoint
{
    [WolverineGet(SubscribeEndpoint.Prefix + "/{id}/deliveries", Name = "ListWebhookDeliveries")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("The subscription's delivery log, newest first: each notification, its state and every attempt (status, latency)")]
    [ProducesResponseType<DeliveryLogPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(
        Guid id, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit, ClaimsPrincipal user, IQuerySession session,
        NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > Paging.MaxLimit)
        {
            errors["limit"] = [Paging.LimitMessage];
        }

        if (cursor is not null && Before(cursor) is null)
        {
            errors["cursor"] = [Paging.CursorMessage];
        }

        if (errors.Count > 0)
        {
            return Results.Problem(Validation.Problem(errors));
        }

        if (await session.LoadAsync<WebhookSubscription>(id, cancellation) is not { } subscription || !user.Partner().Owns(subscription))
        {
            return Results.NotFound();
        }

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var size = limit ?? Paging.DefaultLimit;
        await using var command = dataSource.CreateCommand($"""
            select d.id, d.notification_id, d.type, d.subject_id, d.occurred_at, d.state, d.delivered_at,
                   case when d.state = '{WebhookOutbox.States.Pending}' then d.next_attempt_at end,
                   coalesce(json_agg(json_build_array(a.attempt, a.attempted_at, a.status, a.latency_ms, a.error) order by a.attempt)
                            filter (where a.attempt is not null), '[]')::text
            from {schema}.{WebhookOutbox.Deliveries} d
            left join {schema}.{WebhookOutbox.Attempts} a on a.delivery_id = d.id
            where d.subscription_id = $1 and d.id < $2 and d.occurred_at >= $3 and d.occurred_at < $4
            group by d.id
            order by d.id desc
            limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor is null ? long.MaxValue : Before(cursor)!.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = from ?? DateTimeOffset.MinValue.AddYears(1) });
        command.Parameters.Add(new NpgsqlParameter { Value = to ?? DateTimeOffset.MaxValue.AddYears(-1) });
        command.Parameters.Add(new NpgsqlParameter { Value = size + 1 });

        var rows = new List<(long Id, NotificationDelivery Delivery)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var state = reader.GetString(5) == WebhookOutbox.States.Delivered ? "Delivered" : "Pending";
                rows.Add((reader.GetInt64(0), new NotificationDelivery(reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3),
                    reader.GetFieldValue<DateTimeOffset>(4), state,
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                    AttemptsFrom(reader.GetString(8)))));
            }
        }

        var next = rows.Count > size ? Cursor(rows[size - 1].Id) : null;
        return Results.Ok(new DeliveryLogPage([.. rows.Take(size).Select(row => row.Delivery)], next));
    }

    private static IReadOnlyList<DeliveryAttempt> AttemptsFrom(string json) =>
        [.. System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(attempt => new DeliveryAttempt(
            attempt[0].GetInt32(), attempt[1].GetDateTimeOffset(), attempt[2].ValueKind == System.Text.Json.JsonValueKind.Null ? null : attempt[2].GetInt32(),
            attempt[3].GetDouble(), attempt[4].ValueKind == System.Text.Json.JsonValueKind.Null ? null : attempt[4].GetString()))];

    private static string Cursor(long before) => Convert.ToBase64String(Encoding.UTF8.GetBytes(before.ToString(CultureInfo.InvariantCulture)));

    private static long? Before(string cursor)
    {
        var bytes = new byte[cursor.Length];
        return Convert.TryFromBase64String(cursor, bytes, out var written)
               && long.TryParse(Encoding.UTF8.GetString(bytes, 0, written), NumberStyles.None, CultureInfo.InvariantCulture, out var before)
            ? before
            : null;
    }
}

public static class RedeliverEndpoint
{
    public static ProblemDetails Validate(Redeliver command) => Redeliver.Validator.Instance.Check(command);

    [WolverinePost(SubscribeEndpoint.Prefix + "/{id}/redeliveries", Name = "RedeliverWebhookNotifications")]
    [AllowSubscribers]
    [Tags(WebhookAccess.Tag)]
    [EndpointSummary("Send one notification again, or every one of a time range, whether delivered or not (the same webhook-id as before)")]
    [ProducesResponseType<Redelivery>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> PostRedelivery(
        Guid id, Redeliver command, ClaimsPrincipal user, IDocumentSession session, CancellationToken cancellation)
    {
        if (await session.LoadAsync<WebhookSubscription>(id, cancellation) is not { } subscription || !user.Partner().Owns(subscription))
        {
            return Results.NotFound();
        }

        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.{WebhookOutbox.Deliveries}";
        var (filter, values) = command.NotificationId is { } notification
            ? ("notification_id = ?", new object[] { id, notification })
            : ("occurred_at >= ? and occurred_at < ?", new object[] { id, command.From!.Value, command.To!.Value });
        var queued = (await session.QueryAsync<int>($"select count(*)::int from {table} where subscription_id = ? and {filter}", cancellation, values))
            .Single();
        if (queued == 0 && command.NotificationId is not null)
        {
            return Results.Problem(Problems.Create(Problems.NotFound, $"No notification {command.NotificationId} was queued for this subscription.",
                $"该订阅没有排队的通知 {command.NotificationId}。"));
        }

        session.QueueSqlCommand(
            $"update {table} set state = '{WebhookOutbox.States.Pending}', failures = 0, next_attempt_at = now() where subscription_id = ? and {filter}",
            values);
        return Results.Accepted($"{SubscribeEndpoint.Prefix}/{id}/deliveries", new Redelivery(queued));
    }
}
