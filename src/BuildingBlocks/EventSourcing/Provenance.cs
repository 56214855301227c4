using System.Diagnostics;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using StudentBase.Http;
using Wolverine;

namespace StudentBase.EventSourcing;

/// <summary>The event metadata and envelope headers that name who caused an event.</summary>
public static class ActorHeaders
{
    public const string PartnerId = "partner-id";
    public const string PartnerRole = "partner-role";
}

/// <summary>Who acts in a request, as the headers of what it stores and sends name them.</summary>
public sealed record Actor(string Id, string Role);

/// <summary>Finds who acts in a request: the authenticated partner (the Partners block provides it).</summary>
public interface IActorSource
{
    Actor? ActorOf(ClaimsPrincipal user);
}

/// <summary>No one is named where no block says who acts.</summary>
internal sealed class NoActors : IActorSource
{
    public Actor? ActorOf(ClaimsPrincipal user) => null;
}

/// <summary>
/// Where every stored event and every integration message comes from. An event's correlation id is the flow's
/// trace id (Wolverine takes it from the partner's request); its causation id is the request (its span id) or
/// the message (its envelope id) whose handling stored it. Its headers name the acting partner, the command or
/// message, and for a message the unit of work that sent it, so the events one event caused can be found in
/// every service.
/// </summary>
public static class Provenance
{
    /// <summary>The event metadata headers (beside <see cref="ActorHeaders"/>) and envelope headers it writes.</summary>
    public static class Headers
    {
        /// <summary>The command (endpoint name) or message type that stored the event.</summary>
        public const string Command = "command";

        /// <summary>On an envelope: the causation id of the unit of work that sent it. On an event: that of the message it handled.</summary>
        public const string SentBy = "sent-by";
    }

    /// <summary>The attributes set on the current span, in the platform's own namespace.</summary>
    public static class Tags
    {
        public const string Command = "studentbase.command";
        public const string CausationId = "studentbase.causation_id";
        public const string PartnerRole = "studentbase.partner_role";
        public const string StreamIds = "studentbase.stream_ids";
        public const string EventTypes = "studentbase.event_types";
    }

    /// <summary>The request or message being handled: what caused the events stored and the messages sent.</summary>
    private sealed record UnitOfWork(string CausationId, string? PartnerId, string? PartnerRole, Activity? Span);

    private static readonly AsyncLocal<UnitOfWork?> Current = new();

    /// <summary>Stamps an outgoing message with the unit of work that sends it and its partner.</summary>
    internal static void Stamp(Envelope envelope)
    {
        if (Current.Value is not { } unit)
        {
            return;
        }

        envelope.Headers[Headers.SentBy] = unit.CausationId;
        if (unit.PartnerId is not null)
        {
            envelope.Headers[ActorHeaders.PartnerId] = unit.PartnerId;
        }

        if (unit.PartnerRole is not null)
        {
            envelope.Headers[ActorHeaders.PartnerRole] = unit.PartnerRole;
        }
    }

    /// <summary>The span of the request or message being handled, where the domain attributes belong.</summary>
    public static Activity? DomainSpan() => Current.Value?.Span;

    /// <summary>HTTP middleware for every command endpoint: the request is the cause of what it stores and sends.</summary>
    public static class OfRequests
    {
        public static void Before(HttpContext context, IDocumentSession session, IActorSource actors)
        {
            // Marten's session span is current by now; the request's own span is the one partners and ops see.
            var span = context.Features.Get<IHttpActivityFeature>()?.Activity;
            var causationId = span?.SpanId.ToHexString() ?? Guid.CreateVersion7().ToString();
            var command = Commands.NameOf(context);
            var actor = actors.ActorOf(context.User);

            session.CausationId = causationId;
            session.SetHeader(Headers.Command, command);
            if (actor is not null)
            {
                session.LastModifiedBy = actor.Id;
                session.SetHeader(ActorHeaders.PartnerId, actor.Id);
                session.SetHeader(ActorHeaders.PartnerRole, actor.Role);
            }

            Current.Value = new UnitOfWork(causationId, actor?.Id, actor?.Role, span);
            span?.SetTag(Tags.Command, command)
                .SetTag(Tags.CausationId, causationId)
                .SetTag(Tags.PartnerRole, actor?.Role);
        }
    }

    /// <summary>
    /// Handler middleware: the message is the cause of what its handler stores and sends (Wolverine has already set
    /// the session's causation id to the envelope id), and the partner its sender named acts on.
    /// </summary>
    public static class OfMessages
    {
        public static void Before(Envelope envelope, IDocumentSession session)
        {
            var command = envelope.MessageType ?? envelope.Message?.GetType().Name ?? "message";
            session.CausationId = envelope.Id.ToString();
            session.SetHeader(Headers.Command, command);

            var partnerId = envelope.Headers.GetValueOrDefault(ActorHeaders.PartnerId);
            var partnerRole = envelope.Headers.GetValueOrDefault(ActorHeaders.PartnerRole);
            if (partnerId is not null)
            {
                session.LastModifiedBy = partnerId;
                session.SetHeader(ActorHeaders.PartnerId, partnerId);
            }

            if (partnerRole is not null)
            {
                session.SetHeader(ActorHeaders.PartnerRole, partnerRole);
            }

            if (envelope.Headers.GetValueOrDefault(Headers.SentBy) is { } sentBy)
            {
                session.SetHeader(Headers.SentBy, sentBy);
            }

            var span = HandlerSpans.Current;
            Current.Value = new UnitOfWork(envelope.Id.ToString(), partnerId, partnerRole, span);
            span?.SetTag(Tags.Command, command)
                .SetTag(Tags.CausationId, envelope.Id.ToString())
                .SetTag(Tags.PartnerRole, partnerRole);
        }
    }
}

/// <summary>
/// The span Wolverine opened for the message being handled. Marten's session span is current inside the handler and
/// is not linked to it as a parent object, so the handler's span is remembered when Wolverine starts it.
/// </summary>
internal static class HandlerSpans
{
    private static readonly AsyncLocal<Activity?> Handling = new();

    private static readonly ActivityListener Listener = new()
    {
        ShouldListenTo = source => source.Name == "Wolverine",
        // Decides nothing about which spans exist: the OpenTelemetry SDK does.
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
        ActivityStarted = activity =>
        {
            if (activity.Kind is ActivityKind.Consumer or ActivityKind.Internal)
            {
                Handling.Value = activity;
            }
        },
    };

    static HandlerSpans() => ActivitySource.AddActivityListener(Listener);

    /// <summary>Starts listening (once per process), before the first message is handled.</summary>
    public static void Listen()
    {
    }

    public static Activity? Current => Handling.Value is { IsStopped: false } span ? span : null;
}
