using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace StudentBase.Webhooks.Delivery;

/// <summary>
/// The service's durable webhook outbox, beside its events: one row per notification and subscription (written in the same
/// transaction as the notification relay's progress, so none is lost or written twice), and one row per delivery attempt.
/// </summary>
internal static class WebhookOutbox
{
    public const string Deliveries = "webhook_deliveries";
    public const string Attempts = "webhook_delivery_attempts";

    public static class States
    {
        public const string Pending = "pending";
        public const string Delivered = "delivered";
    }

    public static void Define(StoreOptions options)
    {
        var schema = options.DatabaseSchemaName;
        var deliveries = new Table(new PostgresqlObjectName(schema, Deliveries, SchemaUtils.IdentifierUsage.General));
        deliveries.AddColumn("id", "bigserial").AsPrimaryKey();
        deliveries.AddColumn<Guid>("subscription_id").NotNull();
        deliveries.AddColumn<Guid>("notification_id").NotNull();
        deliveries.AddColumn<Guid>("subject_id").NotNull();
        deliveries.AddColumn<string>("type").NotNull();
        deliveries.AddColumn<string>("body").NotNull();
        deliveries.AddColumn("occurred_at", "timestamp with time zone").NotNull();
        deliveries.AddColumn("state", "text").NotNull().DefaultValueByString(States.Pending);
        deliveries.AddColumn("failures", "integer").NotNull().DefaultValueByExpression("0");
        deliveries.AddColumn("next_attempt_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        deliveries.AddColumn("delivered_at", "timestamp with time zone");
        // The W3C traceparent of the flow whose event made the notification (empty when there was none): each attempt's span
        // continues it, and the receiver gets it.
        deliveries.AddColumn("flow", "text").NotNull().DefaultValueByString("");
        deliveries.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_notification") { Columns = ["subscription_id", "notification_id"], IsUnique = true });
        deliveries.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_due") { Columns = ["next_attempt_at"], Predicate = $"state = '{States.Pending}'" });
        deliveries.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_subject") { Columns = ["subscription_id", "subject_id", "id"], Predicate = $"state = '{States.Pending}'" });
        deliveries.Indexes.Add(new IndexDefinition($"ix_{Deliveries}_occurred") { Columns = ["subscription_id", "occurred_at"] });
        options.Storage.ExtendedSchemaObjects.Add(deliveries);

        var attempts = new Table(new PostgresqlObjectName(schema, Attempts, SchemaUtils.IdentifierUsage.General));
        attempts.AddColumn("delivery_id", "bigint").AsPrimaryKey();
        attempts.AddColumn("attempt", "integer").AsPrimaryKey();
        attempts.AddColumn("attempted_at", "timestamp with time zone").NotNull();
        attempts.AddColumn("status", "integer");
        attempts.AddColumn("latency_ms", "double precision").NotNull();
        attempts.AddColumn<string>("error");
        options.Storage.ExtendedSchemaObjects.Add(attempts);
    }
}
