namespace StudentBase.Contracts;

/// <summary>
/// The PostgreSQL queues that carry integration messages. Each consuming service owns one inbox queue;
/// a publisher routes each message type to the inbox of every service that consumes it.
/// </summary>
public static class Queues
{
    /// <summary>The schema that holds every queue table, shared by all services.</summary>
    public const string TransportSchema = "wolverine_queues";

    public const string InternshipsInbox = "internships_inbox";
    public const string EventsInbox = "events_inbox";
    public const string SubsidiesInbox = "subsidies_inbox";
}
