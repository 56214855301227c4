using Parquet;
using Parquet.Schema;

namespace StudentBase.History;

/// <summary>
/// Writes events as a Parquet file that DuckDB, pandas and Spark read directly, one row per event, in row groups so
/// that memory stays bounded however long the history. The schema is documented in the README ("For analysts").
/// </summary>
public static class ParquetExport
{
    public const string ContentType = "application/vnd.apache.parquet";
    private const int RowGroupSize = 10_000;

    private static readonly DataField<long> Sequence = new("sequence");
    private static readonly DataField<string> Id = new("id", false);
    private static readonly DataField<string> StreamId = new("stream_id", false);
    private static readonly DataField<long> Version = new("version");
    private static readonly DataField<string> Type = new("type", false);
    private static readonly DateTimeDataField Timestamp = new("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    private static readonly DataField<string> Data = new("data", true);
    private static readonly DataField<string> CorrelationId = new("correlation_id", true);
    private static readonly DataField<string> CausationId = new("causation_id", true);
    private static readonly DataField<string> Actor = new("actor", true);
    private static readonly DataField<string> ActorRole = new("actor_role", true);
    private static readonly DataField<string> Command = new("command", true);

    public static readonly ParquetSchema Schema = new(
        Sequence, Id, StreamId, Version, Type, Timestamp, Data, CorrelationId, CausationId, Actor, ActorRole, Command);

    /// <summary>
    /// Parquet.Net pools the buffers it compresses into; these keep less of them pooled between row groups than its
    /// defaults (16 and 64 MB), which the service's 300 MB budget cannot spare.
    /// </summary>
    private static readonly ParquetOptions Options = new()
    {
        MaximumSmallPoolFreeBytes = 8 << 20,
        MaximumLargePoolFreeBytes = 32 << 20,
    };

    /// <summary>Writes every event to <paramref name="output"/> (which must be seekable: a file) and returns how many.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<HistoricalEvent> events, Stream output, CancellationToken cancellation)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, output, Options, cancellationToken: cancellation);
        var rows = new List<Row>(RowGroupSize);
        long written = 0;
        await foreach (var @event in events.WithCancellation(cancellation))
        {
            // Only the row's text is kept until its group is written, not the event's parsed data.
            rows.Add(new Row(@event.Sequence, @event.Id.ToString(), @event.StreamId.ToString(), @event.Version, @event.Type,
                @event.Timestamp.UtcDateTime, @event.Data?.ToJsonString(), @event.CorrelationId, @event.CausationId, @event.Actor,
                @event.ActorRole, @event.Command));
            if (rows.Count == RowGroupSize)
            {
                await WriteRowGroupAsync(writer, rows, cancellation);
                written += rows.Count;
                rows.Clear();
            }
        }

        if (rows.Count > 0 || written == 0)
        {
            await WriteRowGroupAsync(writer, rows, cancellation);
            written += rows.Count;
        }

        return written;
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, List<Row> rows, CancellationToken cancellation)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(Sequence, rows.Select(row => row.Sequence).ToArray(), cancellationToken: cancellation);
        await group.WriteAsync(Id, rows.Select(row => row.Id).ToList());
        await group.WriteAsync(StreamId, rows.Select(row => row.StreamId).ToList());
        await group.WriteAsync<long>(Version, rows.Select(row => row.Version).ToArray(), cancellationToken: cancellation);
        await group.WriteAsync(Type, rows.Select(row => row.Type).ToList());
        await group.WriteAsync<DateTime>(Timestamp, rows.Select(row => row.Timestamp).ToArray(), cancellationToken: cancellation);
        await group.WriteAsync(Data, rows.Select(row => row.Data).ToList()!);
        await group.WriteAsync(CorrelationId, rows.Select(row => row.CorrelationId).ToList()!);
        await group.WriteAsync(CausationId, rows.Select(row => row.CausationId).ToList()!);
        await group.WriteAsync(Actor, rows.Select(row => row.Actor).ToList()!);
        await group.WriteAsync(ActorRole, rows.Select(row => row.ActorRole).ToList()!);
        await group.WriteAsync(Command, rows.Select(row => row.Command).ToList()!);
    }

    private sealed record Row(
        long Sequence, string Id, string StreamId, long Version, string Type, DateTime Timestamp, string? Data,
        string? CorrelationId, string? CausationId, string? Actor, string? ActorRole, string? Command);
}
