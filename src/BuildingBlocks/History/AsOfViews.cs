using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.Operations;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace StudentBase.History;

/// <summary>An aggregate of the service that analysts can see as it was: its name in URLs and how to fold its stream.</summary>
public sealed record HistoricalAggregate(
    string Kind,
    Type Type,
    Func<IQuerySession, Guid, long, DateTimeOffset?, CancellationToken, Task<object?>> StateAsync,
    Action<IDocumentSession, Guid> Delete);

public sealed record AggregateAsOf(string Kind, Guid Id, long Version, DateTimeOffset? At, JsonNode? State);

/// <summary>The kinds of record the service can show as they were (their names in URLs).</summary>
public sealed record AggregateKinds(IEnumerable<string> Kinds);

public sealed record AggregateTimelineEntry(HistoricalEvent Event, JsonNode? State);

public sealed record AggregateTimeline(string Kind, Guid Id, IReadOnlyList<AggregateTimelineEntry> Entries);

public static class AsOfViewEndpoints
{
    /// <summary>The most events a timeline shows (each with the state after it).</summary>
    public const int MaximumTimeline = 500;

    /// <summary>
    /// Lets analysts see <typeparamref name="T"/> as it was, at <c>/api/history/aggregates/{kind}/{id}</c>, and its read
    /// model be rebuilt from the history (<c>/api/history/rebuilds</c>).
    /// </summary>
    public static IServiceCollection AddHistoryOf<T>(this IServiceCollection services, string kind) where T : class =>
        services.AddSingleton(new HistoricalAggregate(kind, typeof(T),
            async (session, id, version, at, cancellation) =>
                await session.Events.AggregateStreamAsync<T>(id, version: version, timestamp: at, token: cancellation),
            (session, id) => session.Delete<T>(id)));

    [WolverineGet($"{HistoryEndpoints.Prefix}/aggregates")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("The kinds of record this service can show as they were")]
    [ProducesResponseType<AggregateKinds>(StatusCodes.Status200OK)]
    public static IResult GetKinds(IEnumerable<HistoricalAggregate> known) => Results.Ok(new AggregateKinds(known.Select(aggregate => aggregate.Kind)));

    [WolverineGet($"{HistoryEndpoints.Prefix}/aggregates/{{kind}}/{{id}}")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("One record as it was at a moment (?at=) or after a version (?version=); now when neither is given")]
    [ProducesResponseType<AggregateAsOf>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetAsOf(string kind, Guid id, DateTimeOffset? at, long? version, IEnumerable<HistoricalAggregate> known,
        IQuerySession session, HttpRequest request, CancellationToken cancellation)
    {
        at = request.Moment(nameof(at));
        if (known.FirstOrDefault(aggregate => aggregate.Kind == kind) is not { } aggregate)
        {
            return NotFound($"This service keeps no '{kind}'.", $"本服务不保存 '{kind}'。");
        }

        if (version is < 1)
        {
            return Results.Problem(Problems.Create(Problems.Validation, "'version' counts from 1.", "'version' 从 1 开始计数。"));
        }

        var state = await aggregate.StateAsync(session, id, version ?? 0, at, cancellation);
        if (state is null)
        {
            return at is null
                ? NotFound($"No {kind} {id}.", $"没有 {kind} {id}。")
                : NotFound($"No {kind} {id} at {at:O}.", $"在 {at:O} 时没有 {kind} {id}。");
        }

        var events = await session.Events.FetchStreamAsync(id, version ?? 0, at, token: cancellation);
        return Results.Ok(new AggregateAsOf(kind, id, events.Count == 0 ? 0 : events[^1].Version, at, Masked(session, state)));
    }

    [WolverineGet($"{HistoryEndpoints.Prefix}/aggregates/{{kind}}/{{id}}/timeline")]
    [Allow(PartnerRole.Analyst)]
    [Tags("History")]
    [EndpointSummary("A record's every event with the state after it (the first 500)")]
    [ProducesResponseType<AggregateTimeline>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetTimeline(string kind, Guid id, IEnumerable<HistoricalAggregate> known, IQuerySession session,
        CancellationToken cancellation)
    {
        if (known.FirstOrDefault(aggregate => aggregate.Kind == kind) is not { } aggregate)
        {
            return NotFound($"This service keeps no '{kind}'.", $"本服务不保存 '{kind}'。");
        }

        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        if (events.Count == 0)
        {
            return NotFound($"No {kind} {id}.", $"没有 {kind} {id}。");
        }

        var entries = new List<AggregateTimelineEntry>();
        foreach (var @event in events.Take(MaximumTimeline))
        {
            var state = await aggregate.StateAsync(session, id, @event.Version, null, cancellation);
            entries.Add(new AggregateTimelineEntry(Describe(session, @event), Masked(session, state)));
        }

        return Results.Ok(new AggregateTimeline(kind, id, entries));
    }

    private static HistoricalEvent Describe(IQuerySession session, IEvent @event) => new(
        @event.Sequence, @event.Id, @event.StreamId, @event.Version, @event.EventTypeName, @event.Timestamp,
        Masked(session, @event.Data), @event.CorrelationId, @event.CausationId,
        @event.GetHeader(ActorHeaders.PartnerId)?.ToString(), @event.GetHeader(ActorHeaders.PartnerRole)?.ToString(),
        @event.GetHeader(Provenance.Headers.Command)?.ToString());

    /// <summary>The value with its personal data masked, in the API's names and enum names.</summary>
    private static JsonNode? Masked(IQuerySession session, object? value) =>
        value is null
            ? null
            : ApiShape.Of(PersonalDataMasking.Mask(JsonNode.Parse(session.DocumentStore.Options.Serializer().ToJson(value)), value.GetType()),
                value.GetType());

    private static IResult NotFound(string english, string chinese) => Results.Problem(Problems.Create(Problems.NotFound, english, chinese));
}
