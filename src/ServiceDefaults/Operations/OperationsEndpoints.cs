using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StudentBase.ServiceDefaults.Partners;
using StudentBase.ServiceDefaults.PersonalData;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace StudentBase.ServiceDefaults.Operations;

/// <summary>What a dead letter was, why it failed, and (masked) what it said.</summary>
public sealed record DeadLetterSummary(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, string? Source,
    bool ReplayRequested);

public sealed record DeadLetterDetail(
    Guid Id, string MessageType, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, string? Source,
    bool ReplayRequested, int Attempts, string? CorrelationId, string? SentBy, string? PartnerId, JsonNode? Message);

public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> DeadLetters, int TotalCount, int Page, int PageSize);

/// <summary>
/// The operators' API of every service: follow a flow and an event's consequences across the services, and list,
/// inspect, replay or discard the messages that kept failing.
/// </summary>
public static class OperationsEndpoints
{
    public const string Prefix = "/api/operations";
    private const int DeadLetterPageSize = 50;

    public static void MapOperationsEndpoints(this WebApplication app)
    {
        var operations = app.MapGroup(Prefix).WithTags("Operations").WithMetadata(new AllowAttribute(PartnerRole.Operator));

        operations.MapGet("/events/{eventId:guid}", async (Guid eventId, EventLineage lineage, CancellationToken cancellation) =>
                await lineage.FindAsync(eventId, cancellation) is { } found ? Results.Ok(found) : NotFound($"No event {eventId} in this service."))
            .WithSummary("Where one event of this service came from: its flow (correlation), cause, command and partner");

        operations.MapGet("/events", async (string? correlationId, string[]? causationId, string[]? sentBy, EventLineage lineage,
                CancellationToken cancellation) =>
            {
                var filter = new EventFilter(correlationId, causationId ?? [], sentBy ?? []);
                if (correlationId is not null && !IsCorrelationId(correlationId))
                {
                    return NotACorrelationId();
                }

                if (filter.IsEmpty)
                {
                    return Results.Problem(Problems.Create(Problems.Validation,
                        "Name a correlationId, one or more causationId, or one or more sentBy."));
                }

                return Results.Ok(new { events = await lineage.QueryAsync(filter, cancellation) });
            })
            .WithSummary($"This service's events of one flow, of one cause, or sent by one unit of work (at most {EventLineage.MaximumEvents})");

        operations.MapGet("/events/{eventId:guid}/consequences", async (Guid eventId, EventLineage lineage, HttpRequest request,
                CancellationToken cancellation) =>
                await lineage.FindAsync(eventId, cancellation) is { } cause
                    ? Results.Ok(await lineage.ConsequencesAsync(cause, request, cancellation))
                    : NotFound($"No event {eventId} in this service."))
            .WithSummary("The events one event caused in every service, through the messages sent with it and their own");

        operations.MapGet("/flows/{correlationId}", async (string correlationId, EventLineage lineage, HttpRequest request,
                CancellationToken cancellation) =>
                IsCorrelationId(correlationId)
                    ? Results.Ok(await lineage.AcrossServicesAsync(EventFilter.OfFlow(correlationId), request, cancellation))
                    : NotACorrelationId())
            .WithSummary("Every event of one flow (a partner request's trace id) in every service, in the order stored");

        operations.MapGet("/dead-letters", async (string? messageType, string? exceptionType, int? page, IWolverineRuntime runtime,
                CancellationToken cancellation) =>
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
            })
            .WithSummary("The messages this service gave up on, newest first, with the exception that stopped them");

        operations.MapGet("/dead-letters/{id:guid}", async (Guid id, IWolverineRuntime runtime) =>
                await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is { } letter
                    ? Results.Ok(new DeadLetterDetail(letter.Id, letter.MessageType, letter.ExceptionType, letter.ExceptionMessage,
                        letter.SentAt, letter.Source, letter.Replayable, letter.Envelope.Attempts, letter.Envelope.CorrelationId,
                        letter.Envelope.Headers.GetValueOrDefault(Provenance.Headers.SentBy),
                        letter.Envelope.Headers.GetValueOrDefault(ActorHeaders.PartnerId), MaskedBody(letter.Envelope.Data)))
                    : NotFound($"No dead letter {id}."))
            .WithSummary("One dead letter: the exception, its flow and sender, and the message with personal data masked");

        operations.MapPost("/dead-letters/{id:guid}/replay", async (Guid id, IWolverineRuntime runtime, CancellationToken cancellation) =>
            {
                if (await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is null)
                {
                    return NotFound($"No dead letter {id} (a replayed one leaves the store once it is delivered again).");
                }

                await runtime.Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), cancellation);
                return Results.Accepted();
            })
            .WithSummary("Delivers a dead letter again, once, after its fault is fixed (asking twice still delivers it once)");

        operations.MapDelete("/dead-letters/{id:guid}", async (Guid id, IWolverineRuntime runtime, CancellationToken cancellation) =>
            {
                if (await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(id) is null)
                {
                    return NotFound($"No dead letter {id}.");
                }

                await runtime.Storage.DeadLetters.DiscardAsync(new DeadLetterEnvelopeQuery([id]), cancellation);
                return Results.NoContent();
            })
            .WithSummary("Discards a dead letter for good");
    }

    /// <summary>A trace id (32 hex digits), or a GUID where a flow began without a trace.</summary>
    private static bool IsCorrelationId(string value) =>
        value.Length is 32 or 36 && value.All(character => char.IsAsciiHexDigit(character) || character == '-');

    private static IResult NotACorrelationId() => Results.Problem(Problems.Create(Problems.Validation,
        "A correlation id is a trace id of 32 hexadecimal digits (or a GUID)."));

    private static IResult NotFound(string detail) => Results.Problem(Problems.Create(Problems.NotFound, detail));

    private static JsonNode? MaskedBody(byte[]? data)
    {
        if (data is null or { Length: 0 })
        {
            return null;
        }

        try
        {
            return PersonalDataMasking.Mask(JsonNode.Parse(data));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
