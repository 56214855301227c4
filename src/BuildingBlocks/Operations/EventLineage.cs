using System.Data.Common;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Partners;

namespace StudentBase.Operations;

/// <summary>Where an event came from, without its data: what ops needs to follow a flow, and no personal data.</summary>
public sealed record EventProvenance(
    string Service,
    Guid Id,
    Guid StreamId,
    long Version,
    long Sequence,
    string Type,
    DateTimeOffset Timestamp,
    string? CorrelationId,
    string? CausationId,
    string? Command,
    string? SentBy,
    string? PartnerId,
    string? PartnerRole);

/// <summary>Events found across the services, and the services that could not be asked.</summary>
public sealed record EventsAcrossServices(IReadOnlyList<EventProvenance> Events, IReadOnlyList<string> UnreachableServices);

public sealed record EventConsequences(EventProvenance Event, IReadOnlyList<EventProvenance> Consequences, IReadOnlyList<string> UnreachableServices);

/// <summary>Reads the provenance of this service's stored events, and asks the other services for theirs.</summary>
public sealed class EventLineage(NpgsqlDataSource dataSource, IDocumentStore store, PeerServices peers, OperationsOptions options)
{
    /// <summary>How many events one query returns at most.</summary>
    public const int MaximumEvents = 1000;

    /// <summary>How many hops of messages a chain of consequences is followed.</summary>
    private const int MaximumDepth = 10;

    private string Schema => store.Options.Events.DatabaseSchemaName;

    public async Task<EventProvenance?> FindAsync(Guid eventId, CancellationToken cancellation) =>
        (await QueryAsync("id = $1", [eventId], cancellation)).SingleOrDefault();

    /// <summary>This service's events of one flow, caused by one request or message, or sent by one unit of work.</summary>
    public Task<IReadOnlyList<EventProvenance>> QueryAsync(EventFilter filter, CancellationToken cancellation) => filter switch
    {
        { CorrelationId: { } correlationId } => QueryAsync("correlation_id = $1", [correlationId], cancellation),
        { CausationIds.Length: > 0 } => QueryAsync("causation_id = any($1)", [filter.CausationIds], cancellation),
        _ => QueryAsync("headers ->> 'sent-by' = any($1)", [filter.SentBy], cancellation),
    };

    /// <summary>The events of a filter in this service and every other, in the order they were stored.</summary>
    public async Task<EventsAcrossServices> AcrossServicesAsync(EventFilter filter, HttpRequest request, CancellationToken cancellation)
    {
        var local = await QueryAsync(filter, cancellation);
        var remote = await peers.AskAllAsync<EventsOfOneService>($"{OperationsEndpoints.Prefix}/events?{Query(filter)}", request, cancellation);
        var events = local.Concat(remote.SelectMany(answer => answer.Answer?.Events ?? []))
            .OrderBy(@event => @event.Timestamp).ThenBy(@event => @event.Service).ThenBy(@event => @event.Sequence)
            .ToList();
        return new EventsAcrossServices(events, [.. remote.Where(answer => answer.Answer is null).Select(answer => answer.Peer)]);
    }

    /// <summary>
    /// The events an event caused in every service: those stored by the messages its request or message sent,
    /// then by the messages those sent in turn.
    /// </summary>
    public async Task<EventConsequences> ConsequencesAsync(EventProvenance cause, HttpRequest request, CancellationToken cancellation)
    {
        var consequences = new List<EventProvenance>();
        var unreachable = new HashSet<string>();
        var followed = new HashSet<string>();
        var units = cause.CausationId is null ? [] : new[] { cause.CausationId };
        for (var depth = 0; depth < MaximumDepth && units.Length > 0; depth++)
        {
            followed.UnionWith(units);
            var found = await AcrossServicesAsync(EventFilter.SentByUnits(units), request, cancellation);
            unreachable.UnionWith(found.UnreachableServices);
            consequences.AddRange(found.Events);
            units = [.. found.Events.Select(@event => @event.CausationId).OfType<string>().Distinct().Where(unit => !followed.Contains(unit))];
        }

        return new EventConsequences(cause, consequences, [.. unreachable]);
    }

    private static string Query(EventFilter filter) => filter.CorrelationId is { } correlationId
        ? $"correlationId={Uri.EscapeDataString(correlationId)}"
        : string.Join('&', filter.CausationIds.Select(id => $"causationId={Uri.EscapeDataString(id)}")
            .Concat(filter.SentBy.Select(id => $"sentBy={Uri.EscapeDataString(id)}")));

    private async Task<IReadOnlyList<EventProvenance>> QueryAsync(string condition, object[] parameters, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select id, stream_id, version, seq_id, type, timestamp, correlation_id, causation_id,
                    headers ->> '{Provenance.Headers.Command}', headers ->> '{Provenance.Headers.SentBy}',
                    headers ->> '{ActorHeaders.PartnerId}', headers ->> '{ActorHeaders.PartnerRole}'
             from {Schema}.mt_events where {condition} order by seq_id limit {MaximumEvents}
             """);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var events = new List<EventProvenance>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            events.Add(new EventProvenance(options.ServiceName, reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                Text(reader, 9), Text(reader, 10), Text(reader, 11)));
        }

        return events;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private sealed record EventsOfOneService(IReadOnlyList<EventProvenance> Events);
}

/// <summary>Which events to list: one flow (correlation id), the causes (causation ids), or the senders (sent-by).</summary>
public sealed record EventFilter(string? CorrelationId, string[] CausationIds, string[] SentBy)
{
    public static EventFilter OfFlow(string correlationId) => new(correlationId, [], []);

    public static EventFilter SentByUnits(string[] units) => new(null, [], units);

    public bool IsEmpty => CorrelationId is null && CausationIds.Length == 0 && SentBy.Length == 0;
}
