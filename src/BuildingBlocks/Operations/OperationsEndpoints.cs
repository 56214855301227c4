using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.EventSourcing;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace StudentBase.Operations;

/// <summary>What a dead letter was, why it failed, and (masked) what it said.</summary>
public sealed record DeadLetterSummary(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, string? Source,
    bool ReplayRequested);

public sealed record DeadLetterDetail(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, string? Source,
    bool ReplayRequested, int Attempts, string? CorrelationId, string? SentBy, string? PartnerId, JsonNode? Message);

/// <summary>This service's events that match a filter.</summary>
public sealed record EventList(IReadOnlyList<EventProvenance> Events);

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> DeadLetters, int TotalCount, int Page, int PageSize);

/// <summary>
/// The operators' API of every service: follow a flow and an event's consequences across the services, and list,
/// inspect, replay or discard the messages that kept failing.
/// </summary>
public static class OperationsEndpoints
{
    public const string Prefix = "/api/operations";
    private const int DeadLetterPageSize = 50;

    [WolverineGet($"{Prefix}/events/{{eventId}}")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("Where one event of this service came from: its flow (correlation), cause, command and partner")]
    [ProducesResponseType<EventProvenance>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetEvent(Guid eventId, EventLineage lineage, CancellationToken cancellation) =>
        await lineage.FindAsync(eventId, cancellation) is { } found ? Results.Ok(found) : NotFound($"No event {eventId} in this service.", $"本服务中没有事件 {eventId}。");

    [WolverineGet($"{Prefix}/events")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("This service's events of one flow, of one cause, or sent by one unit of work (at most 1000)")]
    [ProducesResponseType<EventList>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetEvents(string? correlationId, string[] causationId, string[] sentBy, EventLineage lineage,
        CancellationToken cancellation)
    {
        var filter = new EventFilter(correlationId, causationId, sentBy);
        if (correlationId is not null && !IsCorrelationId(correlationId))
        {
            return NotACorrelationId();
        }

        if (filter.IsEmpty)
        {
            return Results.Problem(Problems.Create(Problems.Validation,
                "Name a correlationId, one or more causationId, or one or more sentBy.", "请给出 correlationId，或一个或多个 causationId，或一个或多个 sentBy。"));
        }

        return Results.Ok(new EventList(await lineage.QueryAsync(filter, cancellation)));
    }

    [WolverineGet($"{Prefix}/events/{{eventId}}/consequences")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("The events one event caused in every service, through the messages sent with it and their own")]
    [ProducesResponseType<EventConsequences>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetConsequences(Guid eventId, EventLineage lineage, HttpRequest request, CancellationToken cancellation) =>
        await lineage.FindAsync(eventId, cancellation) is { } cause
            ? Results.Ok(await lineage.ConsequencesAsync(cause, request, cancellation))
            : NotFound($"No event {eventId} in this service.", $"本服务中没有事件 {eventId}。");

    [WolverineGet($"{Prefix}/flows/{{correlationId}}")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("Every event of one flow (a partner request's trace id) in every service, in the order stored")]
    [ProducesResponseType<EventsAcrossServices>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetFlow(string correlationId, EventLineage lineage, HttpRequest request, CancellationToken cancellation) =>
        IsCorrelationId(correlationId)
            ? Results.Ok(await lineage.AcrossServicesAsync(EventFilter.OfFlow(correlationId), request, cancellation))
            : NotACorrelationId();

    [WolverineGet($"{Prefix}/dead-letters")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("The messages this service gave up on, newest first, with the exception that stopped them")]
    [ProducesResponseType<DeadLetterPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetDeadLetters(string? messageType, string? exceptionType, int? page, IWolverineRuntime runtime,
        CancellationToken cancellation)
    {
        var query = new DeadLetterEnvelopeQuery
        {
            MessageType = messageType,
            ExceptionType = exceptionType,
            PageNumber = Math.Max(page ?? 0, 0),
            PageSize = DeadLetterPageSize,
        };
        var results = await runtime.Storage.DeadLetters.QueryAsync(query, cancellation);
        return Results.Ok(new DeadLetterPage(
            [.. results.Envelopes.Select(letter => new DeadLetterSummary(letter.Id, letter.MessageType, letter.ExceptionType,
                letter.ExceptionMessage, letter.SentAt, letter.Source, letter.Replayable))],
            results.TotalCount, query.PageNumber, DeadLetterPageSize));
    }

    [WolverineGet($"{Prefix}/dead-letters/{{id}}")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("One dead letter: the exception, its flow and sender, and the message with personal data masked")]
    [ProducesResponseType<DeadLetterDetail>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetDeadLetter(Guid id, IWolverineRuntime runtime) =>
        await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is { } letter
            ? Results.Ok(new DeadLetterDetail(letter.Id, letter.MessageType, letter.ExceptionType, letter.ExceptionMessage,
                letter.SentAt, letter.Source, letter.Replayable, letter.Envelope.Attempts, letter.Envelope.CorrelationId,
                letter.Envelope.Headers.GetValueOrDefault(Provenance.Headers.SentBy),
                letter.Envelope.Headers.GetValueOrDefault(ActorHeaders.PartnerId), MaskedBody(letter.Envelope.Data, MessageType(runtime, letter.MessageType))))
            : NotFound($"No dead letter {id}.", $"没有死信 {id}。");

    [WolverinePost($"{Prefix}/dead-letters/{{id}}/replay")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("Delivers a dead letter again, once, after its fault is fixed (asking twice still delivers it once)")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public static async Task<IResult> ReplayDeadLetter(Guid id, IWolverineRuntime runtime, CancellationToken cancellation)
    {
        if (await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is null)
        {
            return NotFound($"No dead letter {id} (a replayed one leaves the store once it is delivered again).",
                $"没有死信 {id}（重放的死信在重新投递后即离开存储）。");
        }

        await runtime.Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), cancellation);
        return Results.Accepted();
    }

    [WolverineDelete($"{Prefix}/dead-letters/{{id}}")]
    [Allow(PartnerRole.Operator)]
    [Tags("Operations")]
    [EndpointSummary("Discards a dead letter for good")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> DiscardDeadLetter(Guid id, IWolverineRuntime runtime, CancellationToken cancellation)
    {
        if (await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is null)
        {
            return NotFound($"No dead letter {id}.", $"没有死信 {id}。");
        }

        await runtime.Storage.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery([id]), cancellation);
        return Results.NoContent();
    }

    /// <summary>A trace id (32 hex digits), or a GUID where a flow began without a trace.</summary>
    private static bool IsCorrelationId(string value) =>
        value.Length is 32 or 36 && value.All(character => char.IsAsciiHexDigit(character) || character == '-');

    private static IResult NotACorrelationId() => Results.Problem(Problems.Create(Problems.Validation,
        "A correlation id is a trace id of 32 hexadecimal digits (or a GUID).", "关联 ID 是由 32 位十六进制数字组成的追踪 ID（或 GUID）。"));

    private static IResult NotFound(string english, string chinese) => Results.Problem(Problems.Create(Problems.NotFound, english, chinese));

    private static Type? MessageType(IWolverineRuntime runtime, string? messageType) =>
        messageType is not null && runtime is WolverineRuntime wolverine && wolverine.Handlers.TryFindMessageType(messageType, out var type)
            ? type
            : null;

    private static JsonNode? MaskedBody(byte[]? data, Type? messageType)
    {
        if (data is null or { Length: 0 })
        {
            return null;
        }

        try
        {
            return PersonalDataMasking.Mask(JsonNode.Parse(data), messageType);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
