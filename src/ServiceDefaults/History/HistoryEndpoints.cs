using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using StudentBase.ServiceDefaults.Partners;

namespace StudentBase.ServiceDefaults.History;

public sealed record HistoryPage(IReadOnlyList<HistoricalEvent> Events, string Next);

/// <summary>
/// The analysts' API of every service: the whole event history in global order, page by page with an opaque cursor or
/// as one NDJSON stream, filtered by event type, stream and time; personal data masked.
/// </summary>
public static class HistoryEndpoints
{
    public const string Prefix = "/api/history";
    public const int DefaultPageSize = 100;
    public const int MaximumPageSize = 1000;
    private const string CursorPrefix = "seq:";

    public static void MapHistoryEndpoints(this WebApplication app)
    {
        var history = app.MapGroup(Prefix).WithTags("History").WithMetadata(new AllowAttribute(PartnerRole.Analyst));

        history.MapGet("/events", async (string? after, int? limit, string[]? type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
                HistoryFeed feed, CancellationToken cancellation) =>
            {
                if (Problem(after, limit, from, to) is { } problem)
                {
                    return problem;
                }

                var position = Position(after);
                var events = new List<HistoricalEvent>();
                await foreach (var @event in feed.ReadAsync(new HistoryFilter(type ?? [], stream, from, to), position, limit ?? DefaultPageSize, cancellation))
                {
                    events.Add(@event);
                }

                return Results.Ok(new HistoryPage(events, Cursor(events.Count > 0 ? events[^1].Sequence : position)));
            })
            .WithSummary("One page of the service's events in global order; pass 'next' as 'after' for the following page");

        history.MapGet("/events.ndjson", async (string? after, string[]? type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
                HistoryFeed feed, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, HttpResponse response, CancellationToken cancellation) =>
            {
                if (Problem(after, null, from, to) is { } problem)
                {
                    return problem;
                }

                response.ContentType = "application/x-ndjson";
                var newline = "\n"u8.ToArray();
                await foreach (var @event in feed.ReadAsync(new HistoryFilter(type ?? [], stream, from, to), Position(after), null, cancellation))
                {
                    await JsonSerializer.SerializeAsync(response.Body, @event, json.Value.SerializerOptions, cancellation);
                    await response.Body.WriteAsync(newline, cancellation);
                }

                return Results.Empty;
            })
            .WithSummary("Every matching event, one JSON object a line, streamed as it is read (for exports and replays)");

        history.MapGet("/events.parquet", async (string? after, string[]? type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
                HistoryFeed feed, HttpResponse response, CancellationToken cancellation) =>
            {
                if (Problem(after, null, from, to) is { } problem)
                {
                    return problem;
                }

                // Parquet's footer is written last and points back into the file, so the file is built on disk first.
                var file = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.parquet");
                await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                    FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await ParquetExport.WriteAsync(feed.ReadAsync(new HistoryFilter(type ?? [], stream, from, to), Position(after), null, cancellation),
                    output, cancellation);
                output.Position = 0;
                response.ContentType = ParquetExport.ContentType;
                response.Headers.ContentDisposition = "attachment; filename=\"history.parquet\"";
                response.ContentLength = output.Length;
                await output.CopyToAsync(response.Body, cancellation);
                return Results.Empty;
            })
            .WithSummary("Every matching event as one Parquet file (schema in the README), for DuckDB, pandas or Spark");
    }

    private static IResult? Problem(string? after, int? limit, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (after is not null && !TryPosition(after, out _))
        {
            return Results.Problem(Problems.Create(Problems.Validation, "'after' is not a cursor this feed gave out."));
        }

        if (limit is < 1 or > MaximumPageSize)
        {
            return Results.Problem(Problems.Create(Problems.Validation, $"'limit' is between 1 and {MaximumPageSize}."));
        }

        return from >= to ? Results.Problem(Problems.Create(Problems.Validation, "'from' is before 'to'.")) : null;
    }

    private static long Position(string? after) => after is not null && TryPosition(after, out var position) ? position : 0;

    private static bool TryPosition(string cursor, out long position)
    {
        position = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                   && long.TryParse(text[CursorPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out position);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Cursor(long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CursorPrefix + position.ToString(CultureInfo.InvariantCulture)));
}
