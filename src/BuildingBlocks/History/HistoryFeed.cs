using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Operations;
using StudentBase.Partners;
using StudentBase.PersonalData;

namespace StudentBase.History;

/// <summary>One stored event as analysts read it: where it sits in the history, what it said (personal data masked), and why.</summary>
public sealed record HistoricalEvent(
    long Sequence,
    Guid Id,
    Guid StreamId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    JsonNode? Data,
    string? CorrelationId,
    string? CausationId,
    string? Actor,
    string? ActorRole,
    string? Command);

/// <summary>
/// Which events to read: some types, one stream, a time range (from inclusive, to exclusive), and those that concern
/// one id (their stream, or an id their data names: how a person's journey is found in every service).
/// </summary>
public sealed record HistoryFilter(IReadOnlyList<string> Types, Guid? StreamId, DateTimeOffset? From, DateTimeOffset? To, Guid? Mentions = null)
{
    public static readonly HistoryFilter Everything = new([], null, null, null);
}

/// <summary>How long a hole in the global sequence may be an unfinished transaction (<c>History:GapTolerance</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    public TimeSpan GapTolerance { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The ids, named in the events that name a person, of things that are theirs (a registration, an application):
    /// the events naming those belong to the person's journey too (e.g. a check-in names the registration only).
    /// </summary>
    public string[] JourneyKeys { get; set; } = [];
}

/// <summary>
/// The service's events in global order, read as a stream from PostgreSQL (never the whole result in memory). It stops
/// before a hole in the sequence that may still be a transaction in flight, so a reader that resumes from the last
/// sequence it saw gets every event exactly once, even while new events are being written.
/// </summary>
public sealed class HistoryFeed(NpgsqlDataSource dataSource, IDocumentStore store, IOptions<HistoryOptions> options)
{
    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <param name="settledOnly">
    /// Whether to stop before a hole that may be a transaction in flight: what a reader resuming from a cursor needs;
    /// a one-off question (a person's journey) reads everything committed.
    /// </param>
    public async IAsyncEnumerable<HistoricalEvent> ReadAsync(
        HistoryFilter filter, long afterSequence, int? limit, [EnumeratorCancellation] CancellationToken cancellation, bool settledOnly = true)
    {
        var upTo = settledOnly ? await SafeSequenceAsync(cancellation) : long.MaxValue;
        var conditions = new List<string> { "seq_id > $1", "seq_id <= $2" };
        var parameters = new List<object> { afterSequence, upTo };
        if (filter.Types.Count > 0)
        {
            parameters.Add(filter.Types.ToArray());
            conditions.Add($"type = any(${parameters.Count})");
        }

        if (filter.StreamId is { } streamId)
        {
            parameters.Add(streamId);
            conditions.Add($"stream_id = ${parameters.Count}");
        }

        if (filter.Mentions is { } mentioned)
        {
            parameters.Add(mentioned);
            parameters.Add($"%{mentioned}%");
            conditions.Add($"(stream_id = ${parameters.Count - 1} or data::text like ${parameters.Count})");
        }

        if (filter.From is { } from)
        {
            parameters.Add(from);
            conditions.Add($"timestamp >= ${parameters.Count}");
        }

        if (filter.To is { } to)
        {
            parameters.Add(to);
            conditions.Add($"timestamp < ${parameters.Count}");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        // A cursor inside a transaction makes PostgreSQL hand the rows over in batches as they are read.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using var command = new NpgsqlCommand(
            $"""
             select seq_id, id, stream_id, version, type, timestamp, mt_dotnet_type, data::text, correlation_id, causation_id,
                    headers ->> '{ActorHeaders.PartnerId}', headers ->> '{ActorHeaders.PartnerRole}', headers ->> '{Provenance.Headers.Command}'
             from {Schema}.mt_events where {string.Join(" and ", conditions)} order by seq_id
             {(limit is { } most ? $"limit {most}" : "")}
             """, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            yield return new HistoricalEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), EventData(EventType(Text(reader, 6)), reader.GetString(7)),
                Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12));
        }
    }

    /// <summary>
    /// The highest sequence below which every event is either stored or will never be: the first hole among recent
    /// events may be a transaction still running, so the feed stops just before it; older holes are rolled back.
    /// </summary>
    private async Task<long> SafeSequenceAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             with settled as (
                 select coalesce(max(seq_id), 0) as last from {Schema}.mt_events where timestamp <= now() - $1::interval)
             select settled.last, recent.seq_id
             from settled left join lateral (
                 select seq_id from {Schema}.mt_events where seq_id > settled.last order by seq_id) recent on true
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.GapTolerance });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        long? safe = null;
        while (await reader.ReadAsync(cancellation))
        {
            safe ??= reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                break;
            }

            var next = reader.GetInt64(1);
            if (next != safe + 1)
            {
                break;
            }

            safe = next;
        }

        return safe ?? 0;
    }

    /// <summary>
    /// What the event said, its personal data masked as its type classifies it, in the API's names and enum names (read in
    /// column order: the type first).
    /// </summary>
    private static JsonNode? EventData(Type? type, string data) =>
        PersonalDataMasking.Mask(JsonNode.Parse(data), type) is { } masked ? ApiShape.Of(masked, type!) : null;

    /// <summary>The event's .NET type, as Marten stored it beside the event (assembly-qualified).</summary>
    private static Type? EventType(string? storedName) =>
        storedName is null ? null : EventTypes.GetOrAdd(storedName, name => Type.GetType(name, throwOnError: false));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type?> EventTypes = new();

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
