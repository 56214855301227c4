using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Operations;
using StudentBase.Partners;
using Wolverine.Http;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace StudentBase.History;

public sealed record HistoryPage(IReadOnlyList<HistoricalEvent> Events, string Next);

public sealed record JourneyEntry(string Service, HistoricalEvent Event);

/// <summary>One person's events in every service, in time order, and the services that could not be asked.</summary>
public sealed record Journey(Guid PersonId, IReadOnlyList<JourneyEntry> Entries, IReadOnlyList<string> UnreachableServices);

/// <summary>
/// The analysts' API of every service: the whole event history in global order, page by page with an opaque cursor or
/// as one NDJSON stream, filtered by event type, stream and time; personal data masked.
/// </summary>
public static class HistoryEndpoints
{
    public const string Prefix = "/api/history";
    public const int DefaultPageSize = 100;
    public const int MaximumPageSize = 1000;
    public const string NdjsonContentType = NdjsonLines.ContentType;
    private const string CursorPrefix = "seq:";

    [WolverineGet($"{Prefix}/events")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("One page of the service's events in global order; pass 'next' as 'after' for the following page")]
    [ProducesResponseType<HistoryPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetEvents(string? after, int? limit, string[] type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
        Guid? mentions, HistoryFeed feed, HttpRequest request, CancellationToken cancellation)
    {
        (from, to) = (request.Moment(nameof(from)), request.Moment(nameof(to)));
        if (Problem(after, limit, from, to) is { } problem)
        {
            return problem;
        }

        var position = Position(after);
        var events = new List<HistoricalEvent>();
        await foreach (var @event in feed.ReadAsync(new HistoryFilter(type, stream, from, to, mentions), position, limit ?? DefaultPageSize, cancellation))
        {
            events.Add(@event);
        }

        return Results.Ok(new HistoryPage(events, Cursor(events.Count > 0 ? events[^1].Sequence : position)));
    }

    [WolverineGet($"{Prefix}/journeys/{{personId}}")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("One person's journey: their events in every service in time order (up to 1000 a service)")]
    [ProducesResponseType<Journey>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetJourney(Guid personId, string? scope, HistoryFeed feed, PeerServices peers, OperationsOptions service,
        IOptions<HistoryOptions> options, HttpRequest request, CancellationToken cancellation) =>
        scope is not (null or "all" or "service")
            ? Results.Problem(Problems.Create(Problems.Validation,
                "'scope' is 'all' (every service, the default) or 'service' (this one).", "'scope' 为 'all'（所有服务，默认）或 'service'（仅本服务）。"))
            : Results.Ok(scope == "service"
                ? new Journey(personId, await LocalJourneyAsync(personId, feed, service, options.Value, cancellation), [])
                : await JourneyAsync(personId, feed, peers, service, options.Value, request, cancellation));

    [WolverineGet($"{Prefix}/journeys/{{personId}}.ndjson")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("The same journey, one entry a line, for export")]
    [ProducesResponseType<JourneyEntry>(StatusCodes.Status200OK, NdjsonContentType)]
    public static async Task<IResult> GetJourneyLines(Guid personId, HistoryFeed feed, PeerServices peers, OperationsOptions service,
        IOptions<HistoryOptions> options, IOptions<JsonOptions> json, HttpRequest request, HttpResponse response, CancellationToken cancellation)
    {
        var journey = await JourneyAsync(personId, feed, peers, service, options.Value, request, cancellation);
        await NdjsonLines.WriteAsync(response, journey.Entries.ToAsyncEnumerable(), json.Value.SerializerOptions, cancellation);
        return Results.Empty;
    }

    [WolverineGet($"{Prefix}/events.ndjson")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("Every matching event, one JSON object a line, streamed as it is read (for exports and replays)")]
    [ProducesResponseType<HistoricalEvent>(StatusCodes.Status200OK, NdjsonContentType)]
    public static async Task<IResult> GetEventLines(string? after, string[] type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
        HistoryFeed feed, IOptions<JsonOptions> json, HttpRequest request, HttpResponse response, CancellationToken cancellation)
    {
        (from, to) = (request.Moment(nameof(from)), request.Moment(nameof(to)));
        if (Problem(after, null, from, to) is { } problem)
        {
            return problem;
        }

        await NdjsonLines.WriteAsync(response, feed.ReadAsync(new HistoryFilter(type, stream, from, to), Position(after), null, cancellation),
            json.Value.SerializerOptions, cancellation);
        return Results.Empty;
    }

    [WolverineGet($"{Prefix}/events.parquet")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("Every matching event as one Parquet file (schema in the README), for DuckDB, pandas or Spark")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, ParquetExport.ContentType)]
    public static async Task<IResult> GetEventsAsParquet(string? after, string[] type, Guid? stream, DateTimeOffset? from, DateTimeOffset? to,
        HistoryFeed feed, HttpRequest request, HttpResponse response, CancellationToken cancellation)
    {
        (from, to) = (request.Moment(nameof(from)), request.Moment(nameof(to)));
        if (Problem(after, null, from, to) is { } problem)
        {
            return problem;
        }

        // Parquet's footer is written last and points back into the file, so the file is built on disk first.
        var file = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.parquet");
        await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await ParquetExport.WriteAsync(feed.ReadAsync(new HistoryFilter(type, stream, from, to), Position(after), null, cancellation),
            output, cancellation);
        output.Position = 0;
        response.ContentType = ParquetExport.ContentType;
        response.Headers.ContentDisposition = "attachment; filename=\"history.parquet\"";
        response.ContentLength = output.Length;
        await output.CopyToAsync(response.Body, cancellation);
        return Results.Empty;
    }

    private static async Task<Journey> JourneyAsync(Guid personId, HistoryFeed feed, PeerServices peers, OperationsOptions service,
        HistoryOptions options, HttpRequest request, CancellationToken cancellation)
    {
        var entries = (await LocalJourneyAsync(personId, feed, service, options, cancellation)).ToList();
        var remote = await peers.AskAllAsync<Journey>($"{Prefix}/journeys/{personId}?scope=service", request, cancellation);
        entries.AddRange(remote.SelectMany(answer => answer.Answer?.Entries ?? []));
        return new Journey(personId,
            [.. entries.OrderBy(entry => entry.Event.Timestamp).ThenBy(entry => entry.Service).ThenBy(entry => entry.Event.Sequence)],
            [.. remote.Where(answer => answer.Answer is null).Select(answer => answer.Peer)]);
    }

    /// <summary>This service's events that name the person, and those that name what is theirs (<see cref="HistoryOptions.JourneyKeys"/>).</summary>
    private static async Task<IReadOnlyList<JourneyEntry>> LocalJourneyAsync(
        Guid personId, HistoryFeed feed, OperationsOptions service, HistoryOptions options, CancellationToken cancellation)
    {
        var events = new Dictionary<Guid, HistoricalEvent>();
        var theirs = new HashSet<Guid>();
        await foreach (var @event in feed.ReadAsync(HistoryFilter.Everything with { Mentions = personId }, 0, MaximumPageSize, cancellation, settledOnly: false))
        {
            events[@event.Id] = @event;
            // The data is in the API's names (camelCase), whatever the key's spelling where it is declared.
            foreach (var key in options.JourneyKeys.Select(JsonNamingPolicy.CamelCase.ConvertName))
            {
                if (@event.Data?[key]?.GetValueKind() == JsonValueKind.String && Guid.TryParse(@event.Data[key]!.GetValue<string>(), out var id))
                {
                    theirs.Add(id);
                }
            }
        }

        foreach (var id in theirs)
        {
            await foreach (var @event in feed.ReadAsync(HistoryFilter.Everything with { Mentions = id }, 0, MaximumPageSize, cancellation, settledOnly: false))
            {
                events[@event.Id] = @event;
            }
        }

        return [.. events.Values.OrderBy(@event => @event.Sequence).Select(@event => new JourneyEntry(service.ServiceName, @event))];
    }

    private static IResult? Problem(string? after, int? limit, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (after is not null && !TryPosition(after, out _))
        {
            return Results.Problem(Problems.Create(Problems.Validation, "'after' is not a cursor this feed gave out.", "'after' 不是本事件流给出的游标。"));
        }

        if (limit is < 1 or > MaximumPageSize)
        {
            return Results.Problem(Problems.Create(Problems.Validation, $"'limit' is between 1 and {MaximumPageSize}.",
                $"'limit' 须在 1 到 {MaximumPageSize} 之间。"));
        }

        return from >= to ? Results.Problem(Problems.Create(Problems.Validation, "'from' is before 'to'.", "'from' 须早于 'to'。")) : null;
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
